/**
 * A small Terraform Cloud/Enterprise API v2 client (JSON:API over Node's fetch): the token from TF_TOKEN_<host> or the
 * terraform CLI credentials file, 429 answers retried after their Retry-After, and every failure one line that never
 * carries the token.
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
  sleep?: (ms: number) => Promise<void>;
}

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

  /** One API call; a 404 answers undefined when `missingOk`, any other failure is a UserError of one line. */
  async request(method: string, apiPath: string, body?: unknown, o: { missingOk?: boolean } = {}): Promise<{ data: unknown } | undefined> {
    const url = apiPath.startsWith("http") ? apiPath : `${this.base}/api/v2${apiPath}`;
    const res = await this.send(url, {
      method,
      headers: { Authorization: `Bearer ${this.o.token}`, "Content-Type": "application/vnd.api+json", Accept: "application/vnd.api+json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 404 && o.missingOk) return undefined;
    const text = await res.text();
    if (!res.ok) throw this.failure(method, apiPath, res.status, text);
    return text ? (JSON.parse(text) as { data: unknown }) : { data: undefined };
  }

  async resource(method: string, apiPath: string, body?: unknown): Promise<TfcResource> {
    return (await this.request(method, apiPath, body))!.data as TfcResource;
  }

  /** PUT of a configuration tarball to the upload URL a configuration version gave (no token: the URL is the credential). */
  async upload(url: string, tarball: Buffer): Promise<void> {
    const res = await this.send(url, { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: new Uint8Array(tarball) });
    if (!res.ok) throw this.failure("PUT", "configuration upload", res.status, await res.text());
  }

  /** fetch with 429s retried after Retry-After (seconds), and an unreachable host as one line. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, init);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new UserError(`cannot reach Terraform Cloud at ${this.base}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
      }
      if (res.status !== 429 || attempt >= (this.o.maxRetries ?? 8)) return res;
      await res.text();
      const seconds = Number(res.headers.get("retry-after"));
      await sleep(Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 2 ** attempt * 1000);
    }
  }

  private failure(method: string, what: string, status: number, text: string): UserError {
    if (status === 401)
      return new UserError(`Terraform Cloud at ${this.host} rejected the API token (401): set ${tokenEnvName(this.host)} or run terraform login`);
    let detail = "";
    try {
      const errors = (JSON.parse(text) as { errors?: { title?: string; detail?: string }[] }).errors ?? [];
      detail = errors.map((e) => [e.title, e.detail].filter(Boolean).join(": ")).join("; ");
    } catch {
      detail = text.slice(0, 200);
    }
    return new UserError(`Terraform Cloud ${method} ${what} failed (${status})${detail ? `: ${detail.replace(/\s+/g, " ")}` : ""}`);
  }
}
