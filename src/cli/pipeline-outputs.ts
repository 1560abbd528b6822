/** The applied module's `terraform output -json` for commands that act on deployed resources (convert, archive). */
import type { Argv } from "yargs";
import type { ResolvedPipeline } from "../core/resolve";

export interface OutputsArgs {
  modules: string;
  "work-dir": string;
  "outputs-file"?: string;
}

export async function appliedOutputs(pipeline: ResolvedPipeline, args: OutputsArgs): Promise<Record<string, { value?: unknown }>> {
  if (args["outputs-file"]) {
    const { readDocument } = await import("../core/parse-document");
    return readDocument(args["outputs-file"]).data as Record<string, { value?: unknown }>;
  }
  const path = await import("node:path");
  const { prepareWorkingRoot } = await import("../terraform/working-root");
  const { outputsOf } = await import("../terraform/workflow");
  const root = prepareWorkingRoot({ pipelineId: pipeline.pipeline_id, moduleDir: path.join(args.modules, pipeline.pipeline_id), region: pipeline.region, workDir: args["work-dir"] });
  const outputs = outputsOf(root);
  if (Object.keys(outputs).length === 0) {
    const { UserError } = await import("../core/problems");
    throw new UserError(`${pipeline.pipeline_id} has no applied outputs in ${root.dir}: deploy it first (blackwell media deploy ${pipeline.pipeline_id}), or pass --outputs-file with a saved terraform output -json`);
  }
  return outputs;
}

/** --dir, --modules, --work-dir and --outputs-file: where a command finds the pipeline and its applied outputs. */
export function appliedModuleOptions<T>(y: Argv<T>) {
  return y
    .option("dir", { type: "string", default: "examples", describe: "Where pipeline ids are looked up" })
    .option("modules", { type: "string", default: "modules" })
    .option("work-dir", { type: "string", default: ".blackwell/work", describe: "Working roots of applied pipelines (terraform outputs)" })
    .option("outputs-file", { type: "string", describe: "Saved `terraform output -json` of the applied pipeline instead" });
}
