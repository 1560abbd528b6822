/**
 * A contract server for the Terraform Cloud API v2 endpoints deploy-template --remote uses, answering in their
 * documented JSON:API shapes: organizations, projects (filter[names]), workspaces (show by name, create, update, tags),
 * vars, configuration-versions (create with upload-url, PUT upload, show), runs (create, show), and
 * current-state-version-outputs, vars (list, create, update, delete) and run discard. It records every request, and can
 * answer 401 for a wrong token, 422 for a workspace name, 429 with Retry-After once for the first run, scripted server
 * errors (5xx) for chosen requests, an errored run, runs that stay in progress, and runs that stop in a state waiting
 * for confirmation until the test confirms or discards them.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  auth?: string;
  contentType?: string;
  body?: unknown;
  raw?: Buffer;
  at: number;
}

export interface FakeTfcOptions {
  token: string;
  organization: string;
  projects?: Record<string, string>;
  /** Workspaces whose create answers 422. */
  rejectWorkspaces?: string[];
  /** Workspaces whose runs end errored. */
  erroredWorkspaces?: string[];
  /** Answer the first POST /runs with 429 and this Retry-After (seconds). */
  throttleFirstRun?: number;
  /** Outputs a workspace's state has after an applied run. */
  outputsAfterApply?: Record<string, Record<string, string>>;
  /** Workspaces whose runs stay in `planning` until release() is called. */
  stuckWorkspaces?: string[];
  /** The state a run that is not auto-applied stops in, waiting for confirmation (default planned). */
  awaitingStatus?: string;
  /** Workspaces whose runs, auto-applied or not, stop in policy_override (a soft-failed policy waiting for an override). */
  policyOverrideWorkspaces?: string[];
  /** Scripted server errors: the next `times` requests matching method and path answer `status`. */
  serverErrors?: { method: string; path: RegExp; status: number; times: number }[];
}

export interface FakeRun {
  workspace: string;
  reads: number;
  planOnly: boolean;
  autoApply: boolean;
  isDestroy: boolean;
  confirmed?: boolean;
  discarded?: boolean;
}

interface Workspace {
  id: string;
  name: string;
  tags: string[];
  project?: string;
  vars: { id: string; key: string; value: string; description?: string; category: string; hcl: boolean; sensitive: boolean }[];
  applied: boolean;
  /** Resources in the workspace's state: 3 after an applied run, 0 after an applied destroy run. */
  resources: number;
}

export class FakeTfc {
  readonly requests: RecordedRequest[] = [];
  readonly uploads = new Map<string, Buffer>();
  readonly workspaces = new Map<string, Workspace>();
  private readonly cvs = new Map<string, { status: string; workspace: string }>();
  readonly runs = new Map<string, FakeRun>();
  private released = false;
  private server?: http.Server;
  private throttled = false;
  private seq = 0;
  url = "";

  constructor(readonly o: FakeTfcOptions) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Lets runs of stuckWorkspaces go on. */
  release(): void {
    this.released = true;
  }

  /** What a person does in the UI: confirm the plan of a run waiting for it. */
  confirm(runId: string): void {
    this.runs.get(runId)!.confirmed = true;
  }

  private id(prefix: string): string {
    return `${prefix}-${String(++this.seq).padStart(6, "0")}`;
  }

  private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url!, this.url);
    const isJson = (req.headers["content-type"] ?? "").includes("json");
    this.requests.push({
      method: req.method!,
      path: url.pathname + url.search,
      auth: req.headers.authorization,
      contentType: req.headers["content-type"],
      body: isJson && raw.length ? JSON.parse(raw.toString("utf8")) : undefined,
      raw: isJson ? undefined : raw,
      at: Date.now(),
    });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/vnd.api+json", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const error = (status: number, title: string, detail?: string) =>
      send(status, { errors: [{ status: String(status), title, ...(detail ? { detail } : {}) }] });
    const m = (re: RegExp) => url.pathname.match(re);
    const body = (this.requests[this.requests.length - 1].body ?? {}) as {
      data?: { attributes?: Record<string, unknown>; relationships?: Record<string, { data: { id: string } }> };
    };

    // The upload URL carries its own credential: no Authorization header.
    let hit = m(/^\/_archivist\/(cv-\d+)$/);
    if (hit && req.method === "PUT") {
      this.uploads.set(hit[1], raw);
      this.cvs.get(hit[1])!.status = "uploaded";
      return send(200);
    }
    if (req.headers.authorization !== `Bearer ${this.o.token}`) return error(401, "unauthorized");
    const scripted = this.o.serverErrors?.find((e) => e.times > 0 && e.method === req.method && e.path.test(url.pathname));
    if (scripted) {
      scripted.times--;
      return error(scripted.status, scripted.status === 503 ? "Service Unavailable" : "Internal Server Error");
    }
    const wsJson = (w: Workspace) => ({
      data: {
        id: w.id,
        type: "workspaces",
        attributes: { name: w.name, "tag-names": w.tags, "auto-apply": false, "resource-count": w.resources },
        relationships: { project: { data: { id: w.project ?? "prj-default", type: "projects" } } },
      },
    });
    if ((hit = m(/^\/api\/v2\/organizations\/([^/]+)$/)) && req.method === "GET")
      return hit[1] === this.o.organization
        ? send(200, { data: { id: hit[1], type: "organizations", attributes: { name: hit[1] } } })
        : error(404, "not found");
    if ((hit = m(/^\/api\/v2\/organizations\/([^/]+)\/projects$/)) && req.method === "GET") {
      const name = url.searchParams.get("filter[names]");
      const found = Object.entries(this.o.projects ?? {}).filter(([n]) => n === name);
      return send(200, { data: found.map(([n, id]) => ({ id, type: "projects", attributes: { name: n } })) });
    }
    if ((hit = m(/^\/api\/v2\/organizations\/([^/]+)\/workspaces\/([^/]+)$/)) && req.method === "GET") {
      const w = this.workspaces.get(decodeURIComponent(hit[2]));
      return w ? send(200, wsJson(w)) : error(404, "not found");
    }
    if ((hit = m(/^\/api\/v2\/organizations\/([^/]+)\/workspaces$/)) && req.method === "POST") {
      const name = String(body.data?.attributes?.name);
      if (this.o.rejectWorkspaces?.includes(name)) return error(422, "invalid attribute", "Name has already been taken");
      const w: Workspace = { id: this.id("ws"), name, tags: [], vars: [], applied: false, resources: 0, project: body.data?.relationships?.project?.data.id };
      this.workspaces.set(name, w);
      return send(201, wsJson(w));
    }
    const byId = (id: string) => [...this.workspaces.values()].find((w) => w.id === id);
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)$/)) && req.method === "PATCH") {
      const w = byId(hit[1])!;
      w.project = body.data?.relationships?.project?.data.id ?? w.project;
      return send(200, wsJson(w));
    }
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/relationships\/tags$/)) && req.method === "POST") {
      const w = byId(hit[1])!;
      const data = (body as unknown as { data: { attributes: { name: string } }[] }).data;
      for (const t of data) if (!w.tags.includes(t.attributes.name)) w.tags.push(t.attributes.name);
      return send(204);
    }
    const varJson = (v: Workspace["vars"][number]) => ({
      id: v.id,
      type: "vars",
      attributes: {
        key: v.key,
        value: v.sensitive ? null : v.value,
        description: v.description ?? null,
        category: v.category,
        hcl: v.hcl,
        sensitive: v.sensitive,
      },
    });
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/vars$/))) {
      const w = byId(hit[1])!;
      if (req.method === "GET") return send(200, { data: w.vars.map(varJson) });
      const a = body.data!.attributes as { key: string; value: string; description?: string; category: string; hcl: boolean; sensitive: boolean };
      if (w.vars.some((v) => v.key === a.key && v.category === a.category)) return error(422, "invalid attribute", "Key has already been taken");
      const v = { id: this.id("var"), key: a.key, value: a.value, description: a.description, category: a.category, hcl: !!a.hcl, sensitive: !!a.sensitive };
      w.vars.push(v);
      return send(201, { data: varJson(v) });
    }
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/vars\/(var-\d+)$/)) && req.method === "PATCH") {
      const v = byId(hit[1])!.vars.find((x) => x.id === hit![2])!;
      Object.assign(v, body.data!.attributes);
      return send(200, { data: varJson(v) });
    }
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/vars\/(var-\d+)$/)) && req.method === "DELETE") {
      const w = byId(hit[1])!;
      if (!w.vars.some((x) => x.id === hit![2])) return error(404, "not found");
      w.vars = w.vars.filter((x) => x.id !== hit![2]);
      return send(204);
    }
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/configuration-versions$/)) && req.method === "POST") {
      const id = this.id("cv");
      this.cvs.set(id, { status: "pending", workspace: hit[1] });
      return send(201, {
        data: { id, type: "configuration-versions", attributes: { status: "pending", "auto-queue-runs": false, "upload-url": `${this.url}/_archivist/${id}` } },
      });
    }
    if ((hit = m(/^\/api\/v2\/configuration-versions\/(cv-\d+)$/)) && req.method === "GET")
      return send(200, { data: { id: hit[1], type: "configuration-versions", attributes: { status: this.cvs.get(hit[1])!.status } } });
    if (url.pathname === "/api/v2/runs" && req.method === "POST") {
      if (this.o.throttleFirstRun !== undefined && !this.throttled) {
        this.throttled = true;
        return send(429, { errors: [{ status: "429", title: "Too many requests" }] }, { "Retry-After": String(this.o.throttleFirstRun) });
      }
      const id = this.id("run");
      const a = body.data!.attributes!;
      this.runs.set(id, {
        workspace: body.data!.relationships!.workspace.data.id,
        reads: 0,
        planOnly: a["plan-only"] === true,
        autoApply: a["auto-apply"] === true,
        isDestroy: a["is-destroy"] === true,
      });
      return send(201, { data: { id, type: "runs", attributes: { status: "pending" } } });
    }
    if ((hit = m(/^\/api\/v2\/runs\/(run-\d+)\/actions\/discard$/)) && req.method === "POST") {
      const run = this.runs.get(hit[1]);
      if (!run) return error(404, "not found");
      if (!this.awaiting(run)) return error(409, "transition not allowed", "The run cannot be discarded in its current state");
      run.discarded = true;
      return send(202);
    }
    if ((hit = m(/^\/api\/v2\/runs\/(run-\d+)$/)) && req.method === "GET") {
      const run = this.runs.get(hit[1]);
      if (!run) return error(404, "not found");
      const w = byId(run.workspace)!;
      run.reads++;
      const status = this.statusOf(run, w);
      const waiting = this.awaiting(run);
      if (status === "applied") [w.applied, w.resources] = run.isDestroy ? [false, 0] : [true, 3];
      return send(200, {
        data: {
          id: hit[1],
          type: "runs",
          attributes: {
            status,
            "plan-only": run.planOnly,
            "auto-apply": run.autoApply,
            "is-destroy": run.isDestroy,
            actions: { "is-confirmable": waiting, "is-discardable": waiting, "is-cancelable": false, "is-force-cancelable": false },
          },
          relationships: { workspace: { data: { id: run.workspace, type: "workspaces" } } },
        },
      });
    }
    if ((hit = m(/^\/api\/v2\/workspaces\/(ws-\d+)\/current-state-version-outputs$/)) && req.method === "GET") {
      const w = byId(hit[1])!;
      if (!w.applied) return error(404, "not found");
      const outputs = this.o.outputsAfterApply?.[w.name] ?? {};
      return send(200, {
        data: Object.entries(outputs).map(([name, value]) => ({
          id: this.id("wsout"),
          type: "state-version-outputs",
          attributes: { name, value, sensitive: false },
        })),
      });
    }
    return error(404, "not found", `${req.method} ${url.pathname}`);
  }

  /** pending, then planning, then the run's end: errored, plan-only, applied (auto-apply or confirmed), or waiting. */
  private statusOf(run: FakeRun, w: Workspace): string {
    if (run.discarded) return "discarded";
    if (run.reads === 1) return "pending";
    if (run.reads < 3 || (this.o.stuckWorkspaces?.includes(w.name) && !this.released)) return "planning";
    if (this.o.erroredWorkspaces?.includes(w.name)) return "errored";
    if (this.o.policyOverrideWorkspaces?.includes(w.name) && !run.planOnly) return "policy_override";
    if (run.planOnly) return "planned_and_finished";
    if (run.autoApply || run.confirmed) return run.reads === 3 && !run.confirmed ? "applying" : "applied";
    return this.o.awaitingStatus ?? "planned";
  }

  private awaiting(run: FakeRun): boolean {
    const w = [...this.workspaces.values()].find((x) => x.id === run.workspace)!;
    return (
      !run.discarded &&
      !run.confirmed &&
      !run.planOnly &&
      !run.autoApply &&
      run.reads >= 3 &&
      this.statusOf({ ...run }, w) === (this.o.awaitingStatus ?? "planned")
    );
  }
}
