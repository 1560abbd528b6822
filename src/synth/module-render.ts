/** Modules from resolved pipelines, with everything core adds to the generators' output. */
import * as fs from "node:fs";
import { projectPath } from "../core/project-paths";
import { SLATE_IMAGE_FILE } from "../plans/slate";
import { ModuleFiles, renderFleetModule, renderModule, renderSharedModule } from "./module-writer";
import { renderSnippetForTerraform } from "../embed/terraform-snippet";
import { sharedModuleSpecs } from "./shared-modules";
import type { ResolvedPipeline } from "../core/resolve";
import type { LoadedPipeline } from "../core/definitions";
import { fleetModuleSpecs } from "./fleet-modules";

export { renderFleetModule, renderSharedModule, sharedModuleSpecs };

/** A pipeline's module, with the player snippet output (rendered by src/embed). */
export function renderPipelineModule(pipeline: ResolvedPipeline): ModuleFiles {
  return renderModule(pipeline, {
    playerSnippet: (expressions) => renderSnippetForTerraform(pipeline, expressions),
    slateImageBase64: () => fs.readFileSync(projectPath(...SLATE_IMAGE_FILE)).toString("base64"),
  });
}

/**
 * Every module the pipelines need: one per pipeline, one shared module per template that shares a channel group, and
 * (given as loaded, with their templates) one fleet dashboard per template whose every creator is among them.
 */
export function renderModulesFor(pipelines: Array<ResolvedPipeline | LoadedPipeline>): ModuleFiles[] {
  const loaded = pipelines.filter((p): p is LoadedPipeline => "resolved" in p);
  const resolved = pipelines.map((p) => ("resolved" in p ? p.resolved : p));
  return [...resolved.map(renderPipelineModule), ...sharedModuleSpecs(resolved).map(renderSharedModule), ...fleetModuleSpecs(loaded).map(renderFleetModule)];
}
