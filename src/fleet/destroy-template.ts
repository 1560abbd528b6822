/**
 * destroy-template: the reverse of deploy-template. Creators first, each in its own working root with
 * bounded concurrency (a failure stays with its creator), then the shared channel group, but only once
 * no creator of the template still has resources in it: AWS refuses to delete a group with channels.
 * Terraform state is the record: a rerun skips what is already gone and resumes with what failed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { LoadedPipeline } from "../core/definitions";
import { synthesizeModules } from "../synth/synth";
import { deployedResources, destroyRoot } from "../terraform/workflow";
import { fleetRoot } from "./fleet-root";
import { FleetResult, TemplateFleetOptions, fleetStateFile, forgetCreators, runFleet } from "./run-fleet";

export interface DestroyTemplateOptions extends TemplateFleetOptions {
  /** Leave the shared channel group even when no creator uses it any more. */
  keepShared: boolean;
}

export interface SharedDestroyResult {
  module_id: string;
  status: "destroyed" | "kept" | "not deployed" | "failed";
  detail?: string;
}

export interface DestroyTemplateResult {
  results: FleetResult[];
  shared?: SharedDestroyResult;
}

export async function destroyTemplate(o: DestroyTemplateOptions): Promise<DestroyTemplateResult> {
  const byCreator = new Map(o.pipelines.map((p) => [p.template!.creator, p]));
  const chosen = o.creators.map((c) => byCreator.get(c)!);
  // What each chosen creator has deployed, read once before anything is destroyed (undefined: no working root here).
  const deployed = new Map(
    chosen.map((p) => {
      const dir = rootDir(o.workDir, p.resolved.pipeline_id);
      return [p.template!.creator, fs.existsSync(dir) ? deployedResources(dir).length : undefined];
    }),
  );
  // Destroy needs the module of every creator with something to destroy: synthesize only the missing ones
  // (deploy-template wrote the rest).
  const missing = chosen.filter((p) => deployed.get(p.template!.creator) && !fs.existsSync(path.join(o.modulesDir, p.resolved.pipeline_id)));
  if (missing.length) await synthesizeModules(missing, { outDir: o.modulesDir });

  const results = await runFleet({
    creators: o.creators,
    concurrency: o.concurrency,
    step: async (creator) => {
      const p = byCreator.get(creator)!;
      const id = p.resolved.pipeline_id;
      const count = deployed.get(creator);
      if (count === undefined) return { skipped: `never deployed from ${o.workDir}` };
      if (count === 0) return { skipped: "nothing deployed" };
      // Same root settings as deploy-template, so nothing is re-initialized; the root keeps the shared group's inputs.
      const root = fleetRoot(o, id, p.resolved.region, { creator });
      const varFile = o.varFileDir ? path.join(o.varFileDir, `${id}.tfvars.json`) : undefined;
      await destroyRoot(root, { yes: true, pipelineId: id, varFile: varFile && fs.existsSync(varFile) ? varFile : undefined, json: true });
    },
    onProgress: o.onProgress,
  });
  // What is gone must be deployed again by the next deploy-template, not skipped as done.
  forgetCreators(
    fleetStateFile(chosen[0].template!.template_id, o.stateDir),
    results.filter((r) => r.status !== "failed").map((r) => r.creator),
  );

  const joiner = o.pipelines.find((p) => p.resolved.shared_channel_group);
  return joiner ? { results, shared: await destroySharedModule(joiner, o, results) } : { results };
}

async function destroySharedModule(joiner: LoadedPipeline, o: DestroyTemplateOptions, results: FleetResult[]): Promise<SharedDestroyResult> {
  const moduleId = joiner.resolved.shared_channel_group!.module_id;
  try {
    if (deployedResources(rootDir(o.workDir, moduleId)).length === 0) return { module_id: moduleId, status: "not deployed" };
    // Every creator of the template counts, not only the ones chosen: a group with channels cannot be deleted.
    const remaining = o.pipelines
      .filter((p) => p.resolved.shared_channel_group)
      .filter((p) => {
        const result = results.find((r) => r.creator === p.template!.creator);
        return result ? result.status === "failed" : deployedResources(rootDir(o.workDir, p.resolved.pipeline_id)).length > 0;
      })
      .map((p) => p.template!.creator);
    if (remaining.length) return { module_id: moduleId, status: "kept", detail: `still used by ${remaining.join(", ")}` };
    if (o.keepShared) return { module_id: moduleId, status: "kept", detail: "--keep-shared" };
    if (!fs.existsSync(path.join(o.modulesDir, moduleId))) await synthesizeModules([joiner], { outDir: o.modulesDir });
    const root = fleetRoot(o, moduleId, joiner.resolved.region);
    await destroyRoot(root, { yes: true, pipelineId: moduleId, json: true });
    return { module_id: moduleId, status: "destroyed" };
  } catch (err) {
    return { module_id: moduleId, status: "failed", detail: (err as Error).message };
  }
}

const rootDir = (workDir: string, moduleId: string) => path.resolve(workDir, moduleId);
