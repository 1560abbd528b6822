/**
 * Wiring between a template's shared module (one MediaPackage v2 channel group) and its creators'
 * modules: the shared root's outputs become the creators' inputs through an auto-loaded tfvars file
 * in each creator's working root, so every creator keeps its own state and plan.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";
import { readDocument } from "../core/parse-document";
import { UserError } from "../core/problems";
import type { ResolvedPipeline } from "../core/resolve";
import { outputsOf } from "../terraform/workflow";

/** terraform loads *.auto.tfvars.json of the working root by itself: no -var-file needed. */
export const SHARED_VARS_FILE = "shared-channel-group.auto.tfvars.json";

export interface SharedGroupInputs {
  mediapackage_channel_group_name: string;
  mediapackage_egress_domain: string;
}

/** The creator inputs from the shared root's `terraform output -json`, or undefined if it was not applied. */
export function sharedInputsFromOutputs(outputs: Record<string, { value?: unknown }>): SharedGroupInputs | undefined {
  const name = outputs.channel_group_name?.value;
  const domain = outputs.egress_domain?.value;
  if (typeof name !== "string" || typeof domain !== "string") return undefined;
  return { mediapackage_channel_group_name: name, mediapackage_egress_domain: domain };
}

/**
 * Stand-ins for review plans made before the shared module exists: the group's default name and a
 * domain in the egress domain's shape. Only plans use them; apply needs the real outputs.
 */
export function reviewPlanInputs(pipeline: ResolvedPipeline): SharedGroupInputs {
  const shared = pipeline.shared_channel_group!;
  return {
    mediapackage_channel_group_name: shared.template_id.replace(/_/g, "-"),
    mediapackage_egress_domain: `not-yet-applied.egress.${shared.template_id.replace(/_/g, "-")}.mediapackagev2.${pipeline.region}.amazonaws.com`,
  };
}

export function writeSharedInputs(rootDir: string, inputs: SharedGroupInputs): void {
  fs.mkdirSync(rootDir, { recursive: true });
  writeFileAtomic(path.join(rootDir, SHARED_VARS_FILE), JSON.stringify(inputs, null, 2) + "\n");
}

/** The message for a creator planned or applied on its own before its template's shared module was applied. */
export function sharedNotAppliedError(pipeline: ResolvedPipeline): UserError {
  const shared = pipeline.shared_channel_group!;
  return new UserError(
    `${pipeline.pipeline_id} joins the channel group of ${shared.module_id}, which is not applied yet: run blackwell media deploy-template ${shared.template_id} --creators ${pipeline.pipeline_id.slice(shared.template_id.length + 1)} (it applies the shared module first), or plan with --offline for a review plan`,
  );
}

/** Inputs from the shared module's working root under `workDir`, if it was applied there. */
export function appliedSharedInputs(workDir: string, moduleId: string, env: NodeJS.ProcessEnv): SharedGroupInputs | undefined {
  return sharedInputsFromOutputs(outputsOf({ dir: path.resolve(workDir, moduleId), env }));
}

/**
 * Gives a creator's working root the shared group's inputs for a plan, apply or destroy of that creator alone:
 * the applied shared module's outputs, stand-ins for an offline review plan, or the user's own var file.
 */
export function provideSharedInputs(
  pipeline: ResolvedPipeline,
  root: { dir: string; env: NodeJS.ProcessEnv },
  o: { workDir: string; offline: boolean; varFile?: string },
): void {
  const shared = pipeline.shared_channel_group;
  if (!shared) return;
  const applied = o.offline ? undefined : appliedSharedInputs(o.workDir, shared.module_id, root.env);
  if (applied) return writeSharedInputs(root.dir, applied);
  if (o.offline) return writeSharedInputs(root.dir, reviewPlanInputs(pipeline));
  // A malformed var file gets the usual file-and-line error rather than a crash.
  const given = o.varFile && fs.existsSync(o.varFile) ? (readDocument(o.varFile).data as Record<string, unknown>) : {};
  if (typeof given.mediapackage_channel_group_name === "string" && typeof given.mediapackage_egress_domain === "string") return;
  throw sharedNotAppliedError(pipeline);
}
