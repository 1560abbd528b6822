/** A pipeline's module with everything core adds to the generators' output (the player snippet output). */
import { ModuleFiles, renderModule } from "../../generators/module-writer";
import { renderSnippetForTerraform } from "../embed/terraform-snippet";
import type { ResolvedPipeline } from "./resolve";

export function renderPipelineModule(pipeline: ResolvedPipeline): ModuleFiles {
  return renderModule(pipeline, { playerSnippet: (expressions) => renderSnippetForTerraform(pipeline, expressions) });
}
