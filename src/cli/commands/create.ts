import type { CommandModule } from "yargs";
import { commaList as list, definitionFlagOptions, jsonOption } from "../pipeline-options";

interface Args {
  name: string;
  type: string;
  sources: string;
  outputs: string;
  transcodes: string;
  tier: string;
  access: string;
  integration?: string;
  region: string;
  dir: string;
  format: string;
  force: boolean;
  json: boolean;
}

export const createCommand: CommandModule<object, Args> = {
  command: "create pipeline <name>",
  describe: "Write a new, valid pipeline definition file",
  builder: (y) =>
    jsonOption(
      definitionFlagOptions(y.positional("name", { type: "string", demandOption: true, describe: "pipeline_id: lower-case letters, digits, - and _" }), {
        type: "live_stream",
        sources: "rtmp",
        outputs: "cloudfront",
        transcodes: "abr_1080p",
        tier: "development",
      }),
      "Print the written definition as JSON",
    )
      .option("access", { type: "string", default: "public", choices: ["public", "private"] })
      .option("integration", { type: "string", choices: ["none", "ecommerce", "cms", "ssg", "static_site"] })
      .option("dir", { type: "string", default: "pipelines", describe: "Folder to write the definition into" })
      .option("format", { type: "string", default: "json", choices: ["json", "yaml"] })
      .option("force", { type: "boolean", default: false, describe: "Overwrite an existing definition" })
      .example("$0 media create pipeline studio-live --type live_stream --sources elemental_link --outputs cloudfront,s3_archive --tier development", "The seed's studio pipeline")
      .example("$0 media create pipeline product-demos --sources rtmp --outputs cloudfront --integration ecommerce", "Live commerce"),
  handler: async (args) => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { checkPipelineDocument } = await import("../../core/definitions");
    const { errorsOnly, formatProblem, UserError } = await import("../../core/problems");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { printJson } = await import("../output");
    const file = path.join(args.dir, `${args.name}.${args.format}`);
    const definition: Record<string, unknown> = {
      $schema: path.relative(args.dir, path.join(__dirname, "..", "..", "..", "..", "schemas", "pipeline.schema.json")).split(path.sep).join("/"),
      pipeline_id: args.name,
      pipeline_type: args.type,
      sources: list(args.sources),
      transcode_profiles: list(args.transcodes),
      outputs: list(args.outputs),
      region: args.region,
      tier: args.tier,
      access: args.access,
    };
    if (args.integration) definition.integration = args.integration;
    const problems = checkPipelineDocument(definition, `${file} (from flags)`);
    if (errorsOnly(problems).length) throw new UserError("the flags do not make a valid pipeline", problems);
    for (const w of problems) process.stderr.write(formatProblem(w) + "\n");
    // Any existing definition of this pipeline counts, whatever its format: two files would define one pipeline_id twice.
    const existing = ["json", "yaml", "yml"].map((ext) => path.join(args.dir, `${args.name}.${ext}`)).filter((f) => fs.existsSync(f));
    if (existing.length && !args.force) throw new UserError(`${existing.join(" and ")} already defines it; pass --force to overwrite it`);
    let text = JSON.stringify(definition, null, 2) + "\n";
    if (args.format === "yaml") {
      const YAML = await import("yaml");
      text = `# yaml-language-server: $schema=${String(definition.$schema)}\n` + YAML.stringify({ ...definition, $schema: undefined });
    }
    writeFileAtomic(file, text);
    for (const other of existing) if (other !== file) fs.rmSync(other);
    if (args.json) printJson({ file, definition });
    else process.stdout.write(`wrote ${file}\nnext: blackwell media validate ${file} && blackwell media synth ${file} --out modules/\n`);
  },
};
