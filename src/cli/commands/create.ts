import type { CommandModule } from "yargs";

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
  dir?: string;
  config?: string;
  format: string;
  force: boolean;
  json: boolean;
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export const createCommand: CommandModule<object, Args> = {
  command: "create pipeline <name>",
  describe: "Write a new, valid pipeline definition file",
  builder: (y) =>
    y
      .positional("name", { type: "string", demandOption: true, describe: "pipeline_id: lower-case letters, digits, - and _" })
      .option("type", { type: "string", default: "live_stream", choices: ["live_stream", "vod_processing", "hybrid"], describe: "Pipeline type" })
      .option("sources", { type: "string", default: "rtmp", describe: "Comma-separated sources (rtmp, obs, rtmp_pull, rtp, elemental_link, mediaconnect, url_pull, mp4_file, s3; SRT comes in through mediaconnect)" })
      .option("outputs", { type: "string", default: "cloudfront", describe: "Comma-separated outputs (cloudfront, youtube, s3_archive, rtmp://...)" })
      .option("transcodes", { type: "string", default: "abr_1080p", describe: "Comma-separated profiles or ladders (see list-profiles)" })
      .option("tier", { type: "string", default: "development", choices: ["development", "standard", "enterprise", "staging", "production"] })
      .option("access", { type: "string", default: "public", choices: ["public", "private"] })
      .option("integration", { type: "string", choices: ["none", "ecommerce", "cms", "ssg", "static_site"] })
      .option("region", { type: "string", default: "us-east-1" })
      .option("dir", { type: "string", describe: "Folder to write the definition into (default: definitions_dir of blackwell.config.json, else pipelines/)" })
      .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" })
      .option("format", { type: "string", default: "json", choices: ["json", "yaml"] })
      .option("force", { type: "boolean", default: false, describe: "Overwrite an existing definition" })
      .option("json", { type: "boolean", default: false, describe: "Print the written definition as JSON" })
      .example("$0 media create pipeline studio-live --type live_stream --sources elemental_link --outputs cloudfront,s3_archive --tier development", "The seed's studio pipeline")
      .example("$0 media create pipeline product-demos --sources rtmp --outputs cloudfront --integration ecommerce", "Live commerce") as never,
  handler: async (args) => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { checkPipelineDocument } = await import("../../core/definitions");
    const { errorsOnly, formatProblem, UserError } = await import("../../core/problems");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { printJson } = await import("../output");
    const dir = await (await import("../definition-dirs")).ownDefinitionsDir(args);
    const file = path.join(dir, `${args.name}.${args.format}`);
    const definition: Record<string, unknown> = {
      $schema: path.relative(dir, path.join(__dirname, "..", "..", "..", "..", "schemas", "pipeline.schema.json")).split(path.sep).join("/"),
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
    const existing = ["json", "yaml", "yml"].map((ext) => path.join(dir, `${args.name}.${ext}`)).filter((f) => fs.existsSync(f));
    if (existing.length && !args.force) throw new UserError(`${existing.join(" and ")} already defines it; pass --force to overwrite it`);
    let text = JSON.stringify(definition, null, 2) + "\n";
    if (args.format === "yaml") {
      const YAML = await import("yaml");
      text = `# yaml-language-server: $schema=${definition.$schema}\n` + YAML.stringify({ ...definition, $schema: undefined });
    }
    writeFileAtomic(file, text);
    for (const other of existing) if (other !== file) fs.rmSync(other);
    if (args.json) printJson({ file, definition });
    else process.stdout.write(`wrote ${file}\nnext: blackwell media validate ${file} && blackwell media synth ${file} --out modules/\n`);
  },
};
