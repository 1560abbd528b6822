import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";

interface Args {
  paths: string[];
  json: boolean;
}

export const validateCommand: CommandModule<object, Args> = {
  command: "validate <paths..>",
  describe: "Check pipeline definitions and templates (schema, secrets, semantic rules)",
  builder: (y) =>
    jsonOption(y)
      .positional("paths", { type: "string", array: true, demandOption: true, describe: "Definition files or folders" })
      .example("$0 media validate examples/", "Validate every definition in a folder")
      .example("$0 media validate my-pipeline.yaml --json", "Machine-readable result"),
  handler: async (args) => {
    const { loadPipelines } = await import("../../core/definitions");
    const { formatProblem, UserError } = await import("../../core/problems");
    const { printJson } = await import("../output");
    try {
      const { pipelines, warnings, files } = loadPipelines(args.paths);
      if (args.json) {
        printJson({
          ok: true,
          files,
          pipelines: pipelines.map((p) => ({ pipeline_id: p.resolved.pipeline_id, file: p.file, template: p.template?.template_id })),
          problems: warnings,
        });
        return;
      }
      for (const w of warnings) process.stderr.write(formatProblem(w) + "\n");
      for (const p of pipelines) process.stdout.write(`ok  ${p.resolved.pipeline_id}  (${p.file})\n`);
      process.stdout.write(`${pipelines.length} pipeline${pipelines.length === 1 ? "" : "s"} valid in ${files.length} file${files.length === 1 ? "" : "s"}\n`);
    } catch (err) {
      if (args.json && err instanceof UserError) {
        printJson({ ok: false, message: err.message, problems: err.problems });
        process.exitCode = 1;
        return;
      }
      throw err;
    }
  },
};
