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
import { FleetResult, TemplateFleetOptions, fleetStateFile, runFleet } from "./run-fleet";
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
}

export interface RemoteDeployOptions extends TemplateFleetOptions {
  planOnly: boolean;
  rerunAll: boolean;
  remote: RemoteSettings;
  onNote?: (text: string) => void;
}

/** Run states after which nothing more happens without someone (apply confirmation) or at all. */
const DONE = new Set(["applied", "planned_and_finished"]);
const FAILED = new Set(["errored", "canceled", "force_canceled", "discarded", "policy_soft_failed"]);
const AWAITING_CONFIRMATION = new Set(["planned", "cost_estimated", "policy_checked", "policy_override", "post_plan_completed"]);
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
  const deployModule = (moduleId: string, p: LoadedPipeline, vars: Record<string, unknown>) =>
    deployOne(o, { moduleId, pipeline: p, vars, templateId, projectId, creator: p.template!.creator });

  const joiner = chosen.find((p) => p.resolved.shared_channel_group);
  let shared: SharedModuleResult | undefined;
  if (joiner) {
    shared = await deploySharedRemote(o, joiner, (moduleId, vars) => deployOne(o, { moduleId, pipeline: joiner, vars, templateId, projectId }));
    if (shared.status === "failed") return { shared, results: [] };
  }
  const varFileOf = (p: LoadedPipeline) => {
    const file = o.varFileDir ? path.join(o.varFileDir, `${p.resolved.pipeline_id}.tfvars.json`) : undefined;
    return file && fs.existsSync(file) ? file : undefined;
  };
  const results: FleetResult[] = await runFleet({
    creators: o.creators,
    concurrency: o.concurrency,
    stateFile: fleetStateFile(`${templateId}.tfc`, o.stateDir, { review: o.planOnly }),
    rerunAll: o.rerunAll,
    fingerprint: (creator) => {
      const p = byCreator.get(creator)!;
      return deployFingerprint(path.join(o.modulesDir, p.resolved.pipeline_id), varFileOf(p), p.resolved.shared_channel_group ? shared?.inputs : undefined);
    },
    step: async (creator) => {
      const p = byCreator.get(creator)!;
      const file = varFileOf(p);
      const vars = { ...(file ? (readDocument(file).data as Record<string, unknown>) : {}), ...(p.resolved.shared_channel_group ? shared?.inputs : {}) };
      const outcome = await deployModule(p.resolved.pipeline_id, p, vars);
      if (outcome.note) o.onNote?.(`${creator}: ${outcome.note}`);
    },
    onProgress: o.onProgress,
  });
  return { shared, results };
}

/** Reads the organization: a wrong token, an unreachable host or an unknown organization is one line. */
export async function requireOrganization(r: RemoteSettings): Promise<void> {
  if (!(await r.client.request("GET", `/organizations/${encodeURIComponent(r.organization)}`, undefined, { missingOk: true })))
    throw new UserError(`organization ${r.organization} not found on Terraform Cloud (or the token cannot see it)`);
}

/** The shared module's workspace first; its applied outputs (or stand-ins for plan-only) become the creators' inputs. */
async function deploySharedRemote(
  o: RemoteDeployOptions,
  joiner: LoadedPipeline,
  deploy: (moduleId: string, vars: Record<string, unknown>) => Promise<{ workspaceId: string; note?: string; applied: boolean }>,
): Promise<SharedModuleResult> {
  const moduleId = joiner.resolved.shared_channel_group!.module_id;
  try {
    const outcome = await deploy(moduleId, {});
    if (outcome.note) o.onNote?.(`${moduleId}: ${outcome.note}`);
    const inputs = await sharedOutputs(o.remote.client, outcome.workspaceId);
    if (inputs) return { module_id: moduleId, status: outcome.applied ? "applied" : "planned", inputs };
    if (!o.planOnly) throw new UserError(`${moduleId} has no applied channel_group_name/egress_domain outputs yet (apply its run, or pass --auto-apply)`);
    o.onNote?.(`${moduleId} is not applied yet: creators are planned against its default group name and a stand-in egress domain`);
    return { module_id: moduleId, status: "planned", inputs: reviewPlanInputs(joiner.resolved), review_inputs: true };
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

/** Workspace, variables, configuration version, run, polled to its end; throws with the run's address if it fails. */
async function deployOne(o: RemoteDeployOptions, t: ModuleTarget): Promise<{ workspaceId: string; note?: string; applied: boolean }> {
  const { client } = o.remote;
  const moduleDir = path.join(o.modulesDir, t.moduleId);
  const name = o.remote.workspaceName.replace("{pipeline}", t.moduleId);
  const workspace = await ensureWorkspace(o.remote, name, t);
  await setVariables(client, workspace.id, t.vars, sensitiveNames(moduleDir));
  const cv = await client.resource("POST", `/workspaces/${workspace.id}/configuration-versions`, {
    data: { type: "configuration-versions", attributes: { "auto-queue-runs": false, speculative: false } },
  });
  await client.upload(String(cv.attributes["upload-url"]), await configurationTarball(moduleDir, t, o.defaultTags));
  await pollUntil(o.remote, `/configuration-versions/${cv.id}`, (a) => {
    if (a.status === "errored")
      throw new Error(`configuration version ${cv.id} errored: ${typeof a["error-message"] === "string" ? a["error-message"] : "no message"}`);
    return a.status === "uploaded";
  });
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
  return { workspaceId: workspace.id, ...outcome };
}

/** Queues a run (a destroy run with isDestroy, on the workspace's current configuration without a version) and polls it to its end. */
export async function runToEnd(
  r: RemoteSettings,
  workspace: { id: string; name: string },
  o: { message: string; planOnly: boolean; autoApply: boolean; configurationVersion?: string; isDestroy?: boolean },
): Promise<{ applied: boolean; note?: string }> {
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
  const where = `${r.client.webBase}/app/${r.organization}/workspaces/${workspace.name}/runs/${run.id}`;
  let final = "";
  await pollUntil(r, `/runs/${run.id}`, (a) => {
    final = String(a.status);
    if (FAILED.has(final)) throw new Error(`run ${run.id} ${final}: ${where}`);
    const confirmable = (a.actions as { "is-confirmable"?: boolean } | undefined)?.["is-confirmable"] === true;
    return DONE.has(final) || (AWAITING_CONFIRMATION.has(final) && confirmable);
  });
  return { applied: final === "applied", note: DONE.has(final) ? undefined : `run ${run.id} planned and waits for confirmation: ${where}` };
}

async function pollUntil(r: RemoteSettings, apiPath: string, done: (attributes: Record<string, unknown>) => boolean): Promise<void> {
  // Short waits first (uploads and small plans finish fast), growing to pollMs so hundreds of runs stay within rate limits.
  const most = r.pollMs ?? 5000;
  for (let wait = Math.min(1000, most); ; wait = Math.min(most, wait * 1.5)) {
    if (done((await r.client.resource("GET", apiPath)).attributes)) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
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
  await r.client.request("POST", `/workspaces/${workspace.id}/relationships/tags`, { data: tags.map((tag) => ({ type: "tags", attributes: { name: tag } })) });
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

/** Terraform variables of the workspace: updated in place when they exist, sensitive for secrets, HCL for non-strings. */
async function setVariables(client: TfcClient, workspaceId: string, vars: Record<string, unknown>, sensitive: Set<string>): Promise<void> {
  const res = await client.request("GET", `/workspaces/${workspaceId}/vars`);
  const existing = new Map(
    ((res?.data ?? []) as TfcResource[]).filter((v) => v.attributes.category === "terraform").map((v) => [String(v.attributes.key), v.id]),
  );
  for (const [key, value] of Object.entries(vars)) {
    const hcl = typeof value !== "string";
    const attributes = {
      key,
      value: hcl ? JSON.stringify(value) : value,
      category: "terraform",
      hcl,
      sensitive: sensitive.has(key) || SECRET_NAME.test(key),
    };
    const id = existing.get(key);
    if (id) await client.request("PATCH", `/workspaces/${workspaceId}/vars/${id}`, { data: { type: "vars", id, attributes } });
    else await client.request("POST", `/workspaces/${workspaceId}/vars`, { data: { type: "vars", attributes } });
  }
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
