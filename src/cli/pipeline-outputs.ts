/** The applied module's `terraform output -json` for commands that act on deployed resources (convert, archive). */
import type { Argv } from "yargs";
import type { ResolvedPipeline } from "../core/resolve";
import { definitionsDirOption } from "./pipeline-options";
import { RootArgs, rootOptions, rootSettings } from "./root-settings";

export interface OutputsArgs extends RootArgs {
  dir?: string;
  "outputs-file"?: string;
}

export async function appliedOutputs(pipeline: ResolvedPipeline, args: OutputsArgs): Promise<Record<string, { value?: unknown }>> {
  if (args["outputs-file"]) {
    const { readDocument } = await import("../core/parse-document");
    return readDocument(args["outputs-file"]).data as Record<string, { value?: unknown }>;
  }
  const path = await import("node:path");
  const { outputsOf } = await import("../terraform/workflow");
  // Read the root as apply left it (its backend included); rewriting it here would change what it was applied with.
  const root = { dir: path.resolve((await rootSettings(args)).workDir, pipeline.pipeline_id), env: process.env };
  const outputs = outputsOf(root);
  if (Object.keys(outputs).length === 0) {
    const { UserError } = await import("../core/problems");
    throw new UserError(
      `${pipeline.pipeline_id} has no applied outputs in ${root.dir}: deploy it first (blackwell media deploy ${pipeline.pipeline_id}), or pass --outputs-file with a saved terraform output -json`,
    );
  }
  return outputs;
}

/** --dir, --config, --work-dir and --outputs-file: where a command finds the pipeline and its applied outputs. */
export function appliedModuleOptions<T>(y: Argv<T>) {
  return definitionsDirOption(rootOptions(y)).option("outputs-file", {
    type: "string",
    describe: "Saved `terraform output -json` of the applied pipeline instead",
  });
}
