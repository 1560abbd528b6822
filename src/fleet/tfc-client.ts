/**
 * A small Terraform Cloud/Enterprise API v2 client (JSON:API over Node's fetch): the token from TF_TOKEN_<host> or the
 * terraform CLI credentials file, 429 answers retried after their Retry-After, server errors of idempotent requests
 * retried with bounded exponential backoff and jitter, and every failure one line that never carries the token.
 *
 * Retries on a server error (500, 502, 503, 504) are for requests that can be repeated without a second effect: GET,
 * PUT, PATCH and DELETE, and a POST its caller marks `repeatable` (adding tags). Other POSTs are not repeated: a 502 or
 * 504 can come from a proxy after Terraform Cloud has done the work, and a repeated POST /runs would queue a second run
 * (a second apply, or a run stuck behind one waiting for confirmation). Their failure is the creator's, and the rerun
 * that resumes the batch reads what exists (workspace, variables) before creating anything.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../core/problems";

export interface TfcResource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
}

export interface TfcClientOptions {
  /** Host name (app.terraform.io) or a base URL with scheme (http://127.0.0.1:8080 for a local server). */
  hostname: string;
  token: string;
  /** How often a 429 is retried before giving up. */
  maxRetries?: number;
  /** How often a server error of a repeatable request is retried before giving up (default 4). */
  maxServerErrorRetries?: number;
  /** The first backoff after a server error (default 1 s); each retry doubles it, up to 30 s, and waits a random part of it. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1), for the jitter. */
  random?: () => number;
}

/** Statuses that say the server (or a proxy before it) failed, not the request. */
const SERVER_ERRORS = new Set([500, 502, 503, 504]);
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "PATCH", "DELETE"]);
const MAX_BACKOFF_MS = 30_000;

/** The environment variable terraform itself reads the host's token from: dots become _, dashes __. */
export function tokenEnvName(hostname: string): string {
  const host = hostname.replace(/^https?:\/\//, "");
  return `TF_TOKEN_${host
    .replace(/-/g, "__")
    .replace(/\./g, "_")
    .replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The API token for a host: TF_TOKEN_<host>, else `terraform login`'s credentials.tfrc.json; a missing one is one line. */
export function tfcToken(hostname: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = tokenEnvName(hostname);
  const fromEnv = env[name];
  if (fromEnv) return fromEnv;
  const host = hostname.replace(/^https?:\/\//, "");
  const file = path.join(env.HOME ?? os.homedir(), ".terraform.d", "credentials.tfrc.json");
  if (fs.existsSync(file)) {
    let token: unknown;
    try {
      token = JSON.parse(fs.readFileSync(file, "utf8"))?.credentials?.[host]?.token;
    } catch {
      throw new UserError(`${file} is not valid JSON; run terraform login ${host} again, or set ${name}`);
    }
    if (typeof token === "string" && token) return token;
  }
  throw new UserError(`no API token for ${host}: set ${name} or run terraform login ${host}`);
}

export class TfcClient {
  private readonly base: string;
  private readonly host: string;

  constructor(private readonly o: TfcClientOptions) {
    this.base = /^https?:\/\//.test(o.hostname) ? o.hostname.replace(/\/$/, "") : `https://${o.hostname}`;
    this.host = this.base.replace(/^https?:\/\//, "");
  }

  /** The site's address, for links to runs. */
  get webBase(): string {
    return this.base;
  }

  /**
   * One API call; a 404 answers undefined when `missingOk`, any other failure is a UserError of one line. `repeatable`
   * marks a POST that has no second effect when sent twice, so a server error retries it like a GET.
   */
  async request(
    method: string,
    apiPath: string,
    body?: unknown,
    o: { missingOk?: boolean; repeatable?: boolean } = {},
  ): Promise<{ data: unknown } | undefined> {
    const url = apiPath.startsWith("http") ? apiPath : `${this.base}/api/v2${apiPath}`;
    const { res, attempts } = await this.send(
      url,
      {
        method,
        headers: { Authorization: `Bearer ${this.o.token}`, "Content-Type": "application/vnd.api+json", Accept: "application/vnd.api+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      IDEMPOTENT.has(method) || o.repeatable === true,
    );
    if (res.status === 404 && o.missingOk) return undefined;
    const text = await res.text();
    if (!res.ok) throw this.failure(method, apiPath, res.status, text, attempts);
    return text ? (JSON.parse(text) as { data: unknown }) : { data: undefined };
  }

  async resource(method: string, apiPath: string, body?: unknown): Promise<TfcResource> {
    return (await this.request(method, apiPath, body))!.data as TfcResource;
  }

  /** PUT of a configuration tarball to the upload URL a configuration version gave (no token: the URL is the credential). */
  async upload(url: string, tarball: Buffer): Promise<void> {
    const { res, attempts } = await this.send(
      url,
      { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: new Uint8Array(tarball) },
      true, // the same bytes to the same URL
    );
    if (!res.ok) throw this.failure("PUT", "configuration upload", res.status, await res.text(), attempts);
  }

  /**
   * fetch with 429s retried after Retry-After (seconds), server errors of a repeatable request retried with backoff,
   * and an unreachable host as one line. Answers the last response and how many were sent.
   */
  private async send(url: string, init: RequestInit, repeatable: boolean): Promise<{ res: Response; attempts: number }> {
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let throttled = 0;
    let serverErrors = 0;
    for (let attempts = 1; ; attempts++) {
      let res: Response;
      try {
        res = await fetch(url, init);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new UserError(`cannot reach Terraform Cloud at ${this.base}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
      }
      const retryAfter = retryAfterMs(res.headers.get("retry-after"));
      if (res.status === 429 && throttled < (this.o.maxRetries ?? 8)) {
        await res.text();
        await sleep(retryAfter ?? 2 ** throttled * 1000);
        throttled++;
      } else if (repeatable && SERVER_ERRORS.has(res.status) && serverErrors < (this.o.maxServerErrorRetries ?? 4)) {
        await res.text();
        await sleep(retryAfter ?? this.backoff(serverErrors));
        serverErrors++;
      } else return { res, attempts };
    }
  }

  /** Exponential backoff with full jitter: many workers hit by one outage do not come back in step. */
  private backoff(retry: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, (this.o.backoffMs ?? 1000) * 2 ** retry);
    return Math.round(ceiling * (this.o.random ?? Math.random)());
  }

  private failure(method: string, what: string, status: number, text: string, attempts = 1): UserError {
    if (status === 401)
      return new UserError(`Terraform Cloud at ${this.host} rejected the API token (401): set ${tokenEnvName(this.host)} or run terraform login`);
    let detail = "";
    try {
      const errors = (JSON.parse(text) as { errors?: { title?: string; detail?: string }[] }).errors ?? [];
      detail = errors.map((e) => [e.title, e.detail].filter(Boolean).join(": ")).join("; ");
    } catch {
      detail = text.slice(0, 200);
    }
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    return new UserError(`Terraform Cloud ${method} ${what} failed (${status})${tries}${detail ? `: ${detail.replace(/\s+/g, " ")}` : ""}`);
  }
}

/** Retry-After in seconds (the form Terraform Cloud sends), capped at a minute; undefined when absent or a date. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : undefined;
}
