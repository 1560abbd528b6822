/** Modules from resolved pipelines, with everything core adds to the generators' output. */
import * as fs from "node:fs";
import { projectPath } from "../core/project-paths";
import { SLATE_IMAGE_FILE } from "../plans/slate";
import { ModuleFiles, renderModule, renderSharedModule } from "./module-writer";
import { renderSnippetForTerraform } from "../embed/terraform-snippet";
import { sharedModuleSpecs } from "./shared-modules";
import type { ResolvedPipeline } from "../core/resolve";

export { renderSharedModule, sharedModuleSpecs };

/** A pipeline's module, with the player snippet output (rendered by src/embed). */
export function renderPipelineModule(pipeline: ResolvedPipeline): ModuleFiles {
  return renderModule(pipeline, {
    playerSnippet: (expressions) => renderSnippetForTerraform(pipeline, expressions),
    slateImageBase64: () => fs.readFileSync(projectPath(...SLATE_IMAGE_FILE)).toString("base64"),
  });
}

/** Every module the pipelines need: one per pipeline, plus one shared module per template that shares a channel group. */
export function renderModulesFor(pipelines: ResolvedPipeline[]): ModuleFiles[] {
  return [...pipelines.map(renderPipelineModule), ...sharedModuleSpecs(pipelines).map(renderSharedModule)];
}
