/**
 * deploy-template --remote tfc: every module runs on Terraform Cloud/Enterprise instead of this machine. Per module one
 * workspace (tagged with the template), its inputs as workspace variables (stream keys sensitive), a configuration
 * version holding only the root and the module (never an input value), and a run polled to its end. The shared
 * channel group goes first; the creators follow with bounded concurrency and the same resumable record as local runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tar from "tar";
import type { LoadedPipeline } from "../core/definitions";
import { readDocument } from "../core/parse-document";
import { UserError } from "../core/problems";
import { synthesizeModules } from "../synth/synth";
import { rootConfig } from "../terraform/working-root";
import { deployFingerprint, requireCreatorInputs } from "./deploy-template";
import type { DeployTemplateResult, SharedModuleResult } from "./deploy-template";
import { CreatorRecord, FleetResult, StepPending, TemplateFleetOptions, fleetStateFile, readFleetState, runFleet, writeFleetState } from "./run-fleet";
import { SharedGroupInputs, reviewPlanInputs, sharedInputsFromOutputs } from "./shared-group";
import { TfcClient, TfcResource } from "./tfc-client";

export interface RemoteSettings {
  client: TfcClient;
  organization: string;
  /** Workspace name with {pipeline} for the module id. */
  workspaceName: string;
  /** Project name or id (prj-...); the organization's default project without. */
  project?: string;
  autoApply: boolean;
  /** The longest wait between two status reads of a run or configuration version (default 5 s). */
  pollMs?: number;
  /** How long one run may take before it is recorded as timed out (default an hour). */
  runTimeoutMs?: number;
}

export interface RemoteDeployOptions extends TemplateFleetOptions {
  planOnly: boolean;
  rerunAll: boolean;
  remote: RemoteSettings;
  onNote?: (text: string) => void;
}

/**
 * The documented run states (Runs API, data.attributes.status) by what they mean here. A state not listed (a newer
 * one) counts as on its way, so the run is polled until it ends or the run timeout.
 */
export const RUN_STATES = {
  /** Applied: the creator is deployed. */
  applied: ["applied"],
  /** A plan-only run, or a plan with nothing to change (nothing to apply). Final. */
  finished: ["planned_and_finished"],
  failed: ["errored", "canceled", "force_canceled", "discarded", "policy_soft_failed"],
  /** Planned and waiting for someone to confirm (when the run's is-confirmable action says so), unless the run auto-applies. */
  confirmable: ["planned", "cost_estimated", "policy_checked", "post_plan_completed", "planned_and_saved"],
  /** Waiting for someone whatever auto-apply says: a soft-failed policy to override, a run task to decide on. */
  needsDecision: ["policy_override", "post_plan_awaiting_decision"],
  running: [
    "pending",
    "fetching",
    "fetching_completed",
    "pre_plan_running",
    "pre_plan_completed",
    "queuing",
    "plan_queued",
    "planning",
    "cost_estimating",
    "policy_checking",
    "post_plan_running",
    "confirmed",
    "queuing_apply",
    "apply_queued",
    "pre_apply_running",
    "pre_apply_completed",
    "applying",
  ],
} as const;
const DEFAULT_RUN_TIMEOUT_MS = 3_600_000;
/** Variables whose values are secrets even if a module forgot to declare them sensitive. */
const SECRET_NAME = /key|secret|password|passphrase|token/i;

export async function deployTemplateRemote(o: RemoteDeployOptions): Promise<DeployTemplateResult> {
  const byCreator = new Map(o.pipelines.map((p) => [p.template!.creator, p]));
  const chosen = o.creators.map((c) => byCreator.get(c)!);
  await requireOrganization(o.remote); // a wrong token, host or organization stops here, before anything is synthesized or touched
  await synthesizeModules(chosen, { outDir: o.modulesDir });
  requireCreatorInputs(chosen, o);
  const projectId = o.remote.project ? await projectIdOf(o.remote, o.remote.project) : undefined;
  const templateId = chosen[0].template!.template_id;

  const stateFile = fleetStateFile(`${templateId}.tfc`, o.stateDir, { review: o.planOnly });
  const joiner = chosen.find((p) => p.resolved.shared_channel_group);
  let shared: SharedModuleResult | undefined;
  if (joiner) {
    const moduleId = joiner.resolved.shared_channel_group!.module_id;
    const fingerprint = deployFingerprint(path.join(o.modulesDir, moduleId), undefined, undefined);
    const record = readFleetState(stateFile);
    shared = await deploySharedRemote(o, joiner, (vars) =>
      deployOrResume(o, { moduleId, pipeline: joiner, vars, templateId, projectId }, record.shared, fingerprint),
    );
    record.shared = {
      status: shared.status === "applied" ? "succeeded" : shared.status,
      at: new Date().toISOString(),
      ...(shared.detail ? { detail: shared.detail } : {}),
      ...(shared.run ? { run: shared.run } : {}),
      fingerprint,
    };
    writeFleetState(stateFile, record);
    if (!shared.inputs) return { shared, results: [] };
  }
  const varFileOf = (p: LoadedPipeline) => {
    const file = o.varFileDir ? path.join(o.varFileDir, `${p.resolved.pipeline_id}.tfvars.json`) : undefined;
    return file && fs.existsSync(file) ? file : undefined;
  };
  const fingerprintOf = (creator: string) => {
    const p = byCreator.get(creator)!;
    return deployFingerprint(path.join(o.modulesDir, p.resolved.pipeline_id), varFileOf(p), p.resolved.shared_channel_group ? shared?.inputs : undefined);
  };
  const results: FleetResult[] = await runFleet({
    creators: o.creators,
    concurrency: o.concurrency,
    stateFile,
    rerunAll: o.rerunAll,
    // A plan-only run is as far as a review batch goes; an apply batch is done only when applied.
    settled: o.planOnly ? ["succeeded", "planned"] : ["succeeded"],
    fingerprint: fingerprintOf,
    step: async (creator, previous) => {
      const p = byCreator.get(creator)!;
      const file = varFileOf(p);
      const vars = { ...(file ? (readDocument(file).data as Record<string, unknown>) : {}), ...(p.resolved.shared_channel_group ? shared?.inputs : {}) };
      const target = { moduleId: p.resolved.pipeline_id, pipeline: p, vars, templateId, projectId, creator: p.template!.creator };
      return stepResult(await deployOrResume(o, target, previous, fingerprintOf(creator)));
    },
    onProgress: o.onProgress,
  });
  return { shared, results };
}

/** A creator's result from its run: applied (or nothing to apply) succeeds, a plan-only or unconfirmed run is planned. */
function stepResult(d: Deployed): void | StepPending {
  const { outcome } = d;
  if (outcome.result === "applied" || (outcome.result === "finished" && !outcome.planOnly)) return;
  if (outcome.result === "timed_out") return { status: "timed_out", detail: outcome.line, run: outcome.run };
  return { status: "planned", detail: outcome.line, run: outcome.run };
}

/** Reads the organization: a wrong token, an unreachable host or an unknown organization is one line. */
export async function requireOrganization(r: RemoteSettings): Promise<void> {
  if (!(await r.client.request("GET", `/organizations/${encodeURIComponent(r.organization)}`, undefined, { missingOk: true })))
    throw new UserError(`organization ${r.organization} not found on Terraform Cloud (or the token cannot see it)`);
}

/**
 * The shared module's workspace first; its applied outputs (or stand-ins for plan-only) become the creators' inputs.
 * A run that waits for confirmation or outlives the timeout still lets the creators go on when an earlier apply left
 * outputs; without outputs no creator is deployed (the result has no inputs) and a rerun picks the run up.
 */
async function deploySharedRemote(
  o: RemoteDeployOptions,
  joiner: LoadedPipeline,
  deploy: (vars: Record<string, unknown>) => Promise<Deployed>,
): Promise<SharedModuleResult> {
  const moduleId = joiner.resolved.shared_channel_group!.module_id;
  try {
    const { workspaceId, outcome } = await deploy({});
    const applied = outcome.result === "applied" || (outcome.result === "finished" && !outcome.planOnly);
    const pending = applied ? {} : { detail: outcome.line, run: outcome.run };
    const status = applied ? "applied" : outcome.result === "timed_out" ? "timed_out" : "planned";
    if (!applied) o.onNote?.(`${moduleId}: ${outcome.line}`);
    const inputs = await sharedOutputs(o.remote.client, workspaceId);
    if (inputs) return { module_id: moduleId, status, inputs, ...pending };
    if (o.planOnly) {
      o.onNote?.(`${moduleId} is not applied yet: creators are planned against its default group name and a stand-in egress domain`);
      return { module_id: moduleId, status: "planned", inputs: reviewPlanInputs(joiner.resolved), review_inputs: true, ...pending };
    }
    if (applied) throw new UserError(`${moduleId} was applied but has no channel_group_name/egress_domain outputs`);
    return { module_id: moduleId, status, ...pending };
  } catch (err) {
    return { module_id: moduleId, status: "failed", detail: (err as Error).message };
  }
}

async function sharedOutputs(client: TfcClient, workspaceId: string): Promise<SharedGroupInputs | undefined> {
  const res = await client.request("GET", `/workspaces/${workspaceId}/current-state-version-outputs`, undefined, { missingOk: true });
  const list = (res?.data ?? []) as TfcResource[];
  return sharedInputsFromOutputs(Object.fromEntries(list.map((r) => [String(r.attributes.name), { value: r.attributes.value }])));
}

interface ModuleTarget {
  moduleId: string;
  pipeline: LoadedPipeline;
  vars: Record<string, unknown>;
  templateId: string;
  projectId?: string;
  creator?: string;
}

/** How a run ended, or where it stopped when it had not: `line` says so for the user, with the run's address. */
export interface RunOutcome {
  run: string;
  url: string;
  status: string;
  result: "applied" | "finished" | "awaiting" | "timed_out" | "failed";
  planOnly: boolean;
  line: string;
}

interface Deployed {
  workspaceId: string;
  outcome: RunOutcome;
}

/**
 * Picks up the run a previous batch left planned or timed out when the module and inputs are unchanged (it may have
 * been confirmed or finished since); deploys afresh otherwise, or when that run failed or was discarded. A stale
 * run still waiting for confirmation is discarded first, so the new run is not queued behind it.
 */
async function deployOrResume(o: RemoteDeployOptions, t: ModuleTarget, previous: CreatorRecord | undefined, fingerprint: string): Promise<Deployed> {
  const r = o.remote;
  const name = r.workspaceName.replace("{pipeline}", t.moduleId);
  if (previous?.run && (previous.status === "planned" || previous.status === "timed_out")) {
    if (previous.fingerprint === fingerprint) {
      const outcome = await followRun(r, { id: previous.run, workspace: name });
      if (outcome.result !== "failed") {
        const workspaceId = await workspaceIdOfRun(r, previous.run);
        return { workspaceId, outcome };
      }
      o.onNote?.(`${t.creator ?? t.moduleId}: ${outcome.line}; queuing a new run`);
    } else {
      const run = await r.client.request("GET", `/runs/${previous.run}`, undefined, { missingOk: true });
      const actions = ((run?.data as TfcResource | undefined)?.attributes.actions ?? {}) as { "is-discardable"?: boolean };
      if (actions["is-discardable"] === true) {
        try {
          await r.client.request("POST", `/runs/${previous.run}/actions/discard`, { comment: "superseded by a new blackwell deploy-template run" });
          o.onNote?.(`${t.creator ?? t.moduleId}: discarded run ${previous.run}, planned for inputs that changed since`);
        } catch (err) {
          // Confirmed or discarded meanwhile (409): the new run queues behind it, which is what the user asked for.
          o.onNote?.(`${t.creator ?? t.moduleId}: run ${previous.run} could not be discarded (${(err as Error).message}); the new run queues behind it`);
        }
      }
    }
  }
  return deployOne(o, t);
}

async function workspaceIdOfRun(r: RemoteSettings, runId: string): Promise<string> {
  const run = (await r.client.request("GET", `/runs/${runId}`))!.data as TfcResource & { relationships?: { workspace?: { data?: { id?: string } } } };
  const id = run.relationships?.workspace?.data?.id;
  if (!id) throw new UserError(`Terraform Cloud run ${runId} names no workspace`);
  return id;
}

/** Workspace, variables, configuration version, and a run followed until it ends, waits for someone, or times out. */
async function deployOne(o: RemoteDeployOptions, t: ModuleTarget): Promise<Deployed> {
  const { client } = o.remote;
  const moduleDir = path.join(o.modulesDir, t.moduleId);
  const name = o.remote.workspaceName.replace("{pipeline}", t.moduleId);
  const workspace = await ensureWorkspace(o.remote, name, t);
  await setVariables(client, workspace.id, t.vars, sensitiveNames(moduleDir));
  const cv = await client.resource("POST", `/workspaces/${workspace.id}/configuration-versions`, {
    data: { type: "configuration-versions", attributes: { "auto-queue-runs": false, speculative: false } },
  });
  await client.upload(String(cv.attributes["upload-url"]), await configurationTarball(moduleDir, t, o.defaultTags));
  const uploaded = await pollUntil(
    o.remote,
    `/configuration-versions/${cv.id}`,
    (a) => {
      if (a.status === "errored")
        throw new Error(`configuration version ${cv.id} errored: ${typeof a["error-message"] === "string" ? a["error-message"] : "no message"}`);
      return a.status === "uploaded";
    },
    Date.now() + runTimeoutMs(o.remote),
  );
  if (!uploaded) throw new Error(`configuration version ${cv.id} was not processed within ${runTimeoutMs(o.remote) / 1000} s`);
  const outcome = await runToEnd(
    o.remote,
    { id: workspace.id, name },
    {
      message: `blackwell deploy-template ${t.templateId}`,
      planOnly: o.planOnly,
      autoApply: !o.planOnly && o.remote.autoApply,
      configurationVersion: cv.id,
    },
  );
  if (outcome.result === "failed") throw new Error(outcome.line);
  return { workspaceId: workspace.id, outcome };
}

/**
 * Queues a run (a destroy run with isDestroy, on the workspace's current configuration without a version) and follows
 * it. POST /runs is sent once: see TfcClient on why a run is never queued twice.
 */
export async function runToEnd(
  r: RemoteSettings,
  workspace: { id: string; name: string },
  o: { message: string; planOnly: boolean; autoApply: boolean; configurationVersion?: string; isDestroy?: boolean },
): Promise<RunOutcome> {
  const run = await r.client.resource("POST", "/runs", {
    data: {
      type: "runs",
      attributes: { message: o.message, "plan-only": o.planOnly, "auto-apply": o.autoApply, ...(o.isDestroy ? { "is-destroy": true } : {}) },
      relationships: {
        workspace: { data: { type: "workspaces", id: workspace.id } },
        ...(o.configurationVersion ? { "configuration-version": { data: { type: "configuration-versions", id: o.configurationVersion } } } : {}),
      },
    },
  });
  return followRun(r, { id: run.id, workspace: workspace.name });
}

/** The run's page in the Terraform Cloud UI. */
export function runUrl(r: RemoteSettings, workspaceName: string, runId: string): string {
  return `${r.client.webBase}/app/${r.organization}/workspaces/${workspaceName}/runs/${runId}`;
}

function runTimeoutMs(r: RemoteSettings): number {
  return r.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
}

/** Polls a run until it ends, waits for someone, or the run timeout passes; what the run says about itself decides. */
export async function followRun(r: RemoteSettings, run: { id: string; workspace: string }): Promise<RunOutcome> {
  const url = runUrl(r, run.workspace, run.id);
  let last: Omit<RunOutcome, "line"> = { run: run.id, url, status: "unknown", result: "timed_out", planOnly: false };
  const ended = await pollUntil(
    r,
    `/runs/${run.id}`,
    (a) => {
      last = { run: run.id, url, status: String(a.status), result: runResult(a), planOnly: a["plan-only"] === true };
      return last.result !== "timed_out";
    },
    Date.now() + runTimeoutMs(r),
  );
  const o = last;
  const line =
    !ended || o.result === "timed_out"
      ? `run ${o.run} still ${o.status} after ${runTimeoutMs(r) / 1000} s (it goes on in Terraform Cloud; rerun to wait for it again): ${url}`
      : o.result === "awaiting"
        ? `run ${o.run} ${o.status}, waits for ${RUN_STATES.needsDecision.includes(o.status as never) ? "a decision (override the policy or decide the run task" : "confirmation (confirm it"} in Terraform Cloud, then rerun to record it): ${url}`
        : `${o.planOnly ? "plan-only " : ""}run ${o.run} ${o.status}: ${url}`;
  return { ...o, line };
}

/** What a run's attributes say: ended (applied, finished, failed), waiting for someone, or still going ("timed_out" until it changes). */
function runResult(a: Record<string, unknown>): RunOutcome["result"] {
  const status = String(a.status);
  const has = (list: readonly string[]) => list.includes(status);
  if (has(RUN_STATES.applied)) return "applied";
  if (has(RUN_STATES.finished)) return "finished";
  if (has(RUN_STATES.failed)) return "failed";
  if (has(RUN_STATES.needsDecision)) return "awaiting";
  const confirmable = (a.actions as { "is-confirmable"?: boolean } | undefined)?.["is-confirmable"] === true;
  // An auto-apply run passes through these states on its own; only one that waits for a person stops here.
  if (has(RUN_STATES.confirmable) && confirmable && a["auto-apply"] !== true) return "awaiting";
  return "timed_out";
}

/** Reads apiPath until `done` says so (true) or the deadline passes (false). */
async function pollUntil(r: RemoteSettings, apiPath: string, done: (attributes: Record<string, unknown>) => boolean, deadline: number): Promise<boolean> {
  // Short waits first (uploads and small plans finish fast), growing to pollMs so hundreds of runs stay within rate limits.
  const most = r.pollMs ?? 5000;
  for (let wait = Math.min(1000, most); ; wait = Math.min(most, wait * 1.5)) {
    if (done((await r.client.resource("GET", apiPath)).attributes)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
  }
}

async function projectIdOf(r: RemoteSettings, project: string): Promise<string> {
  if (project.startsWith("prj-")) return project;
  const res = await r.client.request("GET", `/organizations/${encodeURIComponent(r.organization)}/projects?filter%5Bnames%5D=${encodeURIComponent(project)}`);
  const found = ((res?.data ?? []) as TfcResource[]).find((p) => p.attributes.name === project);
  if (!found) throw new UserError(`project ${project} not found in organization ${r.organization}`);
  return found.id;
}

/** Creates the workspace or updates its project; tags it with the template either way. */
async function ensureWorkspace(r: RemoteSettings, name: string, t: ModuleTarget): Promise<TfcResource> {
  const org = encodeURIComponent(r.organization);
  const project = t.projectId ? { project: { data: { type: "projects", id: t.projectId } } } : undefined;
  const existing = await r.client.request("GET", `/organizations/${org}/workspaces/${encodeURIComponent(name)}`, undefined, { missingOk: true });
  const workspace = existing
    ? (existing.data as TfcResource)
    : await r.client.resource("POST", `/organizations/${org}/workspaces`, {
        data: { type: "workspaces", attributes: { name, "auto-apply": false }, ...(project ? { relationships: project } : {}) },
      });
  if (existing && project) await r.client.request("PATCH", `/workspaces/${workspace.id}`, { data: { type: "workspaces", relationships: project } });
  const tags = ["blackwell", `template:${t.templateId}`, ...(t.creator ? [`creator:${t.creator}`] : [])];
  await r.client.request(
    "POST",
    `/workspaces/${workspace.id}/relationships/tags`,
    { data: tags.map((tag) => ({ type: "tags", attributes: { name: tag } })) },
    { repeatable: true }, // adding a tag the workspace has is a no-op
  );
  return workspace;
}

function sensitiveNames(moduleDir: string): Set<string> {
  const names = new Set<string>();
  for (const f of fs.readdirSync(moduleDir).filter((f) => f.endsWith(".tf.json"))) {
    const doc = JSON.parse(fs.readFileSync(path.join(moduleDir, f), "utf8")) as { variable?: Record<string, { sensitive?: boolean }> };
    for (const [n, v] of Object.entries(doc.variable ?? {})) if (v.sensitive) names.add(n);
  }
  return names;
}

/**
 * The description that marks a workspace variable as ours: set from a module input by deploy-template, and deleted
 * by it once the input is gone. Variables without it (added by hand, or by a variable set) are never touched.
 */
export const MANAGED_VARIABLE_DESCRIPTION =
  "Managed by blackwell deploy-template (module input); edits are overwritten and it is deleted when the input is removed";

/**
 * Terraform variables of the workspace: updated in place when they exist (and marked ours), sensitive for secrets, HCL
 * for non-strings; our variables whose input is gone are deleted, so a removed input does not linger in the next run.
 */
async function setVariables(client: TfcClient, workspaceId: string, vars: Record<string, unknown>, sensitive: Set<string>): Promise<void> {
  const res = await client.request("GET", `/workspaces/${workspaceId}/vars`);
  const terraformVars = ((res?.data ?? []) as TfcResource[]).filter((v) => v.attributes.category === "terraform");
  const existing = new Map(terraformVars.map((v) => [String(v.attributes.key), v.id]));
  for (const [key, value] of Object.entries(vars)) {
    const hcl = typeof value !== "string";
    const attributes = {
      key,
      value: hcl ? JSON.stringify(value) : value,
      description: MANAGED_VARIABLE_DESCRIPTION,
      category: "terraform",
      hcl,
      sensitive: sensitive.has(key) || SECRET_NAME.test(key),
    };
    const id = existing.get(key);
    if (id) await client.request("PATCH", `/workspaces/${workspaceId}/vars/${id}`, { data: { type: "vars", id, attributes } });
    else await client.request("POST", `/workspaces/${workspaceId}/vars`, { data: { type: "vars", attributes } });
  }
  const stale = terraformVars.filter((v) => v.attributes.description === MANAGED_VARIABLE_DESCRIPTION && !Object.hasOwn(vars, String(v.attributes.key)));
  for (const v of stale) await client.request("DELETE", `/workspaces/${workspaceId}/vars/${v.id}`, undefined, { missingOk: true });
}

/** The root (provider and tags, no backend: the workspace holds the state) and a copy of the module; no input values. */
export async function configurationTarball(
  moduleDir: string,
  t: { moduleId: string; pipeline: LoadedPipeline; creator?: string },
  tags?: Record<string, string>,
): Promise<Buffer> {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-"));
  try {
    fs.cpSync(moduleDir, path.join(stage, "module"), { recursive: true, filter: (src) => !/\.tfvars(\.json)?$|\.tfstate/.test(src) });
    const root = rootConfig("./module", moduleDir, {
      pipelineId: t.moduleId,
      moduleDir,
      region: t.pipeline.resolved.region,
      ...(t.pipeline.resolved.failover_region ? { failoverRegion: t.pipeline.resolved.failover_region } : {}),
      defaultTags: { ...(tags ?? {}), ...(t.creator ? { Creator: t.creator } : {}) },
    });
    fs.writeFileSync(path.join(stage, "main.tf.json"), JSON.stringify(root, null, 2) + "\n");
    const chunks: Buffer[] = [];
    const stream = tar.create({ gzip: true, cwd: stage, portable: true }, ["."]);
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
