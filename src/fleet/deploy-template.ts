/**
 * deploy-template: the template's shared module first (its channel group), then one module, one
 * working root and one state per creator, with bounded concurrency and a resumable record.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { LoadedPipeline } from "../core/definitions";
import { UserError } from "../core/problems";
import { synthesizeModules } from "../synth/synth";
import { missingInputs } from "../terraform/missing-inputs";
import { SharedProviders } from "../terraform/shared-providers";
import { applyRoot, outputsOf, savePlan } from "../terraform/workflow";
import { fleetRoot } from "./fleet-root";
import { FleetResult, TemplateFleetOptions, fleetStateFile, runFleet } from "./run-fleet";
import { SharedGroupInputs, reviewPlanInputs, sharedInputsFromOutputs, writeSharedInputs } from "./shared-group";

export interface DeployTemplateOptions extends TemplateFleetOptions {
  planOnly: boolean;
  offline: boolean;
  rerunAll: boolean;
  /** Lines for the user about the shared module (stderr). */
  onNote?: (text: string) => void;
}

export interface SharedModuleResult {
  module_id: string;
  /** planned: applied earlier or plan-only, or (remote) its run waits for confirmation; timed_out: its remote run is still going. */
  status: "applied" | "planned" | "failed" | "timed_out";
  /** The shared group's outputs the creators are deployed with; without them no creator is deployed. */
  inputs?: SharedGroupInputs;
  /** The creators were planned against stand-ins because the shared module is not applied yet. */
  review_inputs?: boolean;
  detail?: string;
  /** The remote run a planned or timed-out shared module waits on. */
  run?: string;
}

export interface DeployTemplateResult {
  shared?: SharedModuleResult;
  results: FleetResult[];
}

export async function deployTemplate(o: DeployTemplateOptions): Promise<DeployTemplateResult> {
  const byCreator = new Map(o.pipelines.map((p) => [p.template!.creator, p]));
  const chosen = o.creators.map((c) => byCreator.get(c)!);
  await synthesizeModules(chosen, { outDir: o.modulesDir }); // the shared module too, when they share a group
  requireCreatorInputs(chosen, o);
  const joiner = chosen.find((p) => p.resolved.shared_channel_group);
  const providers = new SharedProviders(o.workDir, { offline: o.offline, json: true });
  let shared: SharedModuleResult | undefined;
  if (joiner) {
    shared = await deploySharedModule(joiner, o, providers);
    if (shared.status === "failed") return { shared, results: [] };
  }
  const varFileOf = (p: LoadedPipeline) => {
    const file = o.varFileDir ? path.join(o.varFileDir, `${p.resolved.pipeline_id}.tfvars.json`) : undefined;
    return file && fs.existsSync(file) ? file : undefined;
  };
  const review = o.planOnly || o.offline;
  const results = await runFleet({
    creators: o.creators,
    concurrency: o.concurrency,
    stateFile: fleetStateFile(chosen[0].template!.template_id, o.stateDir, { review }),
    rerunAll: o.rerunAll,
    // A creator whose module, inputs or shared group changed since it succeeded is deployed again.
    fingerprint: (creator) => {
      const p = byCreator.get(creator)!;
      return deployFingerprint(path.join(o.modulesDir, p.resolved.pipeline_id), varFileOf(p), p.resolved.shared_channel_group ? shared?.inputs : undefined);
    },
    step: async (creator) => {
      const p = byCreator.get(creator)!;
      const varFile = varFileOf(p);
      const root = fleetRoot(o, p.resolved.pipeline_id, p.resolved.region, { creator, offline: o.offline });
      if (p.resolved.shared_channel_group && shared?.inputs) writeSharedInputs(root.dir, shared.inputs);
      await providers.prepare(root);
      await savePlan(root, { varFile, json: true, reviewOnly: review });
      if (!review) await applyRoot(root);
    },
    onProgress: o.onProgress,
  });
  return { shared, results };
}

/** Names every creator's missing module inputs, and the var files that would pass them, before any terraform runs. */
export function requireCreatorInputs(chosen: LoadedPipeline[], o: { modulesDir: string; varFileDir?: string }): void {
  const sharedInputNames = ["mediapackage_channel_group_name", "mediapackage_egress_domain"]; // written by the shared module's step
  const missing = chosen
    .map((p) => {
      const file = o.varFileDir ? path.join(o.varFileDir, `${p.resolved.pipeline_id}.tfvars.json`) : undefined;
      const names = missingInputs(
        path.join(o.modulesDir, p.resolved.pipeline_id),
        undefined,
        file && fs.existsSync(file) ? file : undefined,
        p.resolved.shared_channel_group ? sharedInputNames : [],
      ).map((m) => m.name);
      return { p, names };
    })
    .filter((m) => m.names.length > 0);
  if (missing.length === 0) return;
  const dir = o.varFileDir ?? "inputs";
  throw new UserError(
    `module inputs missing before terraform can plan: ${missing.map((m) => `${m.p.template!.creator} needs ${m.names.join(", ")}`).join("; ")}; ` +
      `write each creator's to ${dir}/<pipeline_id>.tfvars.json (${missing.map((m) => `${dir}/${m.p.resolved.pipeline_id}.tfvars.json`).join(", ")}) and pass --var-file-dir ${dir}`,
  );
}

/** Plans (and unless reviewing, applies) the shared module; returns the inputs its creators take. */
async function deploySharedModule(joiner: LoadedPipeline, o: DeployTemplateOptions, providers: SharedProviders): Promise<SharedModuleResult> {
  const moduleId = joiner.resolved.shared_channel_group!.module_id;
  const root = fleetRoot(o, moduleId, joiner.resolved.region, { offline: o.offline });
  try {
    await providers.prepare(root);
    await savePlan(root, { json: true, reviewOnly: o.planOnly || o.offline });
    if (o.planOnly || o.offline) {
      const applied = o.offline ? undefined : sharedInputsFromOutputs(outputsOf(root));
      if (applied) return { module_id: moduleId, status: "planned", inputs: applied };
      o.onNote?.(`${moduleId} is not applied yet: creators are planned against its default group name and a stand-in egress domain`);
      return { module_id: moduleId, status: "planned", inputs: reviewPlanInputs(joiner.resolved), review_inputs: true };
    }
    await applyRoot(root);
    const inputs = sharedInputsFromOutputs(outputsOf(root));
    if (!inputs) throw new UserError(`${moduleId} applied but has no channel_group_name/egress_domain outputs`);
    return { module_id: moduleId, status: "applied", inputs };
  } catch (err) {
    return { module_id: moduleId, status: "failed", detail: (err as Error).message };
  }
}

/** A digest of what a creator's deploy is made of: its module's files, its var file, the shared group's inputs. */
export function deployFingerprint(moduleDir: string, varFile: string | undefined, sharedInputs: SharedGroupInputs | undefined): string {
  const hash = createHash("sha256");
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of files(moduleDir).sort()) hash.update(path.relative(moduleDir, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  hash
    .update(varFile ? fs.readFileSync(varFile) : "")
    .update("\0")
    .update(JSON.stringify(sharedInputs ?? null));
  return hash.digest("hex").slice(0, 32);
}
