/** plan, apply (a saved plan only), destroy (confirmed) and status, in a pipeline's working root. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline/promises";
import { UserError } from "../core/problems";
import { captureTerraform, runTerraform } from "./runner";
import { PlanSummary, summarizePlan } from "./plan-summary";
import { withPluginCacheLock } from "./plugin-cache";
import { WorkingRoot, recordInit } from "./working-root";

import { PLAN_FILE, isReviewOnlyPlan, removeSavedPlan, secureSavedPlan } from "./saved-plans";

export { PLAN_FILE };

export interface VarOptions {
  varFile?: string;
  /** Keep stdout for JSON: terraform's own output goes to stderr. */
  json?: boolean;
}

const varArgs = (o: VarOptions) => (o.varFile ? [`-var-file=${path.resolve(o.varFile)}`] : []);

export async function ensureInit(root: WorkingRoot, o: VarOptions = {}): Promise<boolean> {
  if (!root.needsInit) return false;
  await withPluginCacheLock(
    root.env,
    () => runTerraform(["init", "-input=false", "-no-color"], { cwd: root.dir, env: root.env, stdoutToStderr: o.json }),
    (cacheDir) => process.stderr.write(`waiting for another terraform init that uses the plugin cache ${cacheDir}\n`),
  );
  recordInit(root);
  root.needsInit = false;
  return true;
}

export interface PlanResult {
  planFile: string;
  summary: PlanSummary;
  plan: Record<string, unknown>;
}

/**
 * Refreshing reads every resource in state back from AWS; a root that has never applied anything has none, so its
 * first plan skips the refresh walk. Only local state can be checked without terraform: a remote backend refreshes.
 */
export function refreshArgs(rootDir: string): string[] {
  const config = path.join(rootDir, "main.tf.json");
  if (!fs.existsSync(config)) return [];
  const settings = (JSON.parse(fs.readFileSync(config, "utf8")).terraform ?? {}) as Record<string, unknown>;
  if (settings.backend || settings.cloud) return [];
  return deployedResources(rootDir).length === 0 ? ["-refresh=false"] : [];
}

export type PlanOptions = VarOptions & { destroy?: boolean; reviewOnly?: boolean };

/**
 * init (when needed) and a saved plan, without reading it back: `terraform show -json` loads the provider's schema a
 * second time (a third of a creator's time), so fleets, which only need the saved plan, stop here.
 */
export async function savePlan(root: WorkingRoot, o: PlanOptions = {}): Promise<string> {
  await ensureInit(root, o);
  removeSavedPlan(root.dir);
  const args = ["plan", "-input=false", "-no-color", `-out=${PLAN_FILE}`, ...refreshArgs(root.dir), ...(o.destroy ? ["-destroy"] : []), ...varArgs(o)];
  await runTerraform(args, { cwd: root.dir, env: root.env, stdoutToStderr: o.json });
  secureSavedPlan(root.dir, o);
  return path.join(root.dir, PLAN_FILE);
}

/** `reviewOnly`: a plan to read, never to apply (offline placeholders, deploy-template --plan-only). */
export async function planRoot(root: WorkingRoot, o: PlanOptions = {}): Promise<PlanResult> {
  const planFile = await savePlan(root, o);
  const plan = JSON.parse(captureTerraform(["show", "-json", PLAN_FILE], { cwd: root.dir, env: root.env, stream: false }));
  return { planFile, summary: summarizePlan(plan), plan };
}

export async function applyRoot(root: WorkingRoot): Promise<void> {
  const planFile = path.join(root.dir, PLAN_FILE);
  if (!fs.existsSync(planFile)) throw new UserError(`no saved plan in ${root.dir}: run blackwell media plan first (apply only applies a reviewed plan)`);
  if (isReviewOnlyPlan(root.dir))
    throw new UserError(
      `the saved plan in ${root.dir} was made for review only (--offline or --plan-only): run blackwell media plan without them to make one to apply`,
    );
  await ensureInit(root);
  try {
    await runTerraform(["apply", "-input=false", "-no-color", PLAN_FILE], { cwd: root.dir, env: root.env });
  } finally {
    removeSavedPlan(root.dir); // a plan is stale once applied (or once apply failed half-way)
  }
}

export async function confirm(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  if (!(input as NodeJS.ReadStream).isTTY) return false;
  const rl = readline.createInterface({ input, output });
  try {
    return (await rl.question(question)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

export async function destroyRoot(root: WorkingRoot, o: VarOptions & { yes: boolean; pipelineId: string }): Promise<void> {
  if (!o.yes && !(await confirm(`Destroy every resource of ${o.pipelineId}? Recordings in buckets are kept only if force-destroy is off. Type yes: `)))
    throw new UserError(`not destroyed: confirm at the prompt, or pass --yes (needed when not run from a terminal)`);
  await ensureInit(root);
  await runTerraform(["destroy", "-input=false", "-no-color", "-auto-approve", ...varArgs(o)], { cwd: root.dir, env: root.env, stdoutToStderr: o.json });
}

export function outputsOf(root: Pick<WorkingRoot, "dir" | "env">): Record<string, { value: unknown; sensitive?: boolean }> {
  if (!fs.existsSync(path.join(root.dir, ".terraform"))) return {};
  return JSON.parse(captureTerraform(["output", "-json"], { cwd: root.dir, env: root.env, stream: false }) || "{}");
}

/**
 * Addresses of the managed resources in a working root's state (none before the first apply and after a
 * destroy). Local state is read from its file, needing no init and no provider; remote state is listed by
 * terraform in the root as it was initialized (a root never initialized here has deployed nothing from here).
 */
export function deployedResources(rootDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const config = path.join(rootDir, "main.tf.json");
  if (!fs.existsSync(config)) return [];
  const settings = (JSON.parse(fs.readFileSync(config, "utf8")).terraform ?? {}) as Record<string, unknown>;
  if (settings.backend || settings.cloud) {
    if (!fs.existsSync(path.join(rootDir, ".terraform"))) return [];
    return captureTerraform(["state", "list"], { cwd: rootDir, env, stream: false }).split("\n").filter(Boolean);
  }
  const stateFile = path.join(rootDir, "terraform.tfstate");
  if (!fs.existsSync(stateFile)) return [];
  const state = readLocalState(stateFile);
  return (state.resources ?? [])
    .filter((r) => r.mode === "managed" && (r.instances ?? []).length > 0)
    .map((r) => [r.module, r.type, r.name].filter(Boolean).join("."));
}

type LocalState = { resources?: Array<{ module?: string; mode: string; type: string; name: string; instances?: unknown[] }> };

/** A local terraform.tfstate; a corrupt one (truncated, not JSON, a folder) is one error saying how to recover. */
function readLocalState(stateFile: string): LocalState {
  const recover = `restore it from ${stateFile}.backup (terraform's previous state) or a copy; never delete it while its resources exist`;
  let state: unknown;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "EISDIR" ? "a folder is in its place" : `not valid JSON: ${(err as Error).message.split("\n")[0]}`;
    throw new UserError(`terraform state ${stateFile} is corrupt (${why}); ${recover}`);
  }
  if (!state || typeof state !== "object" || Array.isArray(state) || ("resources" in state && !Array.isArray((state as LocalState).resources)))
    throw new UserError(`terraform state ${stateFile} is corrupt (not a state document); ${recover}`);
  return state;
}
