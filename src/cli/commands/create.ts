import type { CommandModule } from "yargs";
import { commaList as list, definitionFlagOptions, jsonOption } from "../pipeline-options";

interface Args {
  words: string[];
  type: string;
  sources?: string;
  outputs: string;
  transcodes: string;
  tier: string;
  access: string;
  integration?: string;
  "shop-origins"?: string;
  region: string;
  dir?: string;
  config?: string;
  format: string;
  force: boolean;
  json: boolean;
}

/** Sources create can write from a bare name (the catalog's live sources the generators can create; a test holds this to data/catalog.json). */
export const LIVE_SOURCES = ["rtmp", "obs", "rtmp_pull", "srt", "rtp", "elemental_link", "mediaconnect", "url_pull", "mp4_file"];
/** A source that fits each pipeline type: VOD pipelines transcode files dropped in S3. */
export const DEFAULT_SOURCES = { live_stream: "rtmp", hybrid: "rtmp", vod_processing: "s3" };

export const createCommand: CommandModule<object, Args> = {
  // `create pipeline <name>` and `create <name>` both work: the word "pipeline" is optional.
  command: "create <words..>",
  describe: "Write a new, valid pipeline definition file: create [pipeline] <name>",
  builder: (y) =>
    jsonOption(
      definitionFlagOptions(
        y.usage("$0 media create [pipeline] <name> [options]").positional("words", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "[pipeline] <name>; name is the pipeline_id: lower-case letters, digits, - and _",
        }),
        {
          type: "live_stream",
          sourcesDescribe: `Comma-separated sources. Live: ${LIVE_SOURCES.join(", ")}; VOD: s3 (default: ${DEFAULT_SOURCES.live_stream} for live and hybrid, ${DEFAULT_SOURCES.vod_processing} for vod_processing)`,
          outputs: "cloudfront",
          transcodes: "abr_1080p",
          tier: "development",
        },
      ),
      "Print the written definition as JSON",
    )
      .option("access", { type: "string", default: "public", choices: ["public", "private"], describe: "private: playback only with CloudFront signed URLs" })
      .option("integration", {
        type: "string",
        choices: ["none", "ecommerce", "cms", "ssg", "static_site"],
        describe: "The kind of site the player is embedded in; ecommerce: live status, CORS for --shop-origins, product-page embed",
      })
      .option("shop-origins", {
        type: "string",
        describe: "With --integration ecommerce: comma-separated https origins of the shop (the only sites CORS lets fetch the stream)",
      })
      .option("dir", { type: "string", describe: "Folder to write the definition into (default: definitions_dir of blackwell.config.json, else pipelines/)" })
      .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" })
      .option("format", { type: "string", default: "json", choices: ["json", "yaml"], describe: "File format of the definition" })
      .option("force", { type: "boolean", default: false, describe: "Overwrite an existing definition" })
      .example(
        "$0 media create pipeline studio-live --type live_stream --sources elemental_link --outputs cloudfront,s3_archive --tier development",
        "A studio pipeline fed by an AWS Elemental Link",
      )
      .example("$0 media create studio-live --sources elemental_link", "The same; the word pipeline is optional")
      .example(
        "$0 media create pipeline product-demos --sources rtmp --outputs cloudfront --integration ecommerce --shop-origins https://shop.example.com",
        "Live commerce: product-page embed, live status, CORS for the shop",
      ),
  handler: async (args) => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { checkPipelineDocument } = await import("../../core/definitions");
    const { errorsOnly, formatProblem, UserError } = await import("../../core/problems");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { printJson } = await import("../output");
    const words = args.words.map(String);
    const rest = words[0] === "pipeline" && words.length > 1 ? words.slice(1) : words;
    if (rest.length !== 1) throw new UserError(`create takes one pipeline name (create [pipeline] <name>); got: ${words.join(" ")}`);
    const name = rest[0];
    const dir = await (await import("../definition-dirs")).ownDefinitionsDir(args);
    const file = path.join(dir, `${name}.${args.format}`);
    const definition: Record<string, unknown> = {
      $schema: path
        .relative(dir, path.join(__dirname, "..", "..", "..", "..", "schemas", "pipeline.schema.json"))
        .split(path.sep)
        .join("/"),
      pipeline_id: name,
      pipeline_type: args.type,
      sources: list(args.sources ?? DEFAULT_SOURCES[args.type as keyof typeof DEFAULT_SOURCES] ?? DEFAULT_SOURCES.live_stream),
      transcode_profiles: list(args.transcodes),
      outputs: list(args.outputs),
      region: args.region,
      tier: args.tier,
      access: args.access,
    };
    if (args.integration) definition.integration = args.integration;
    // Checked like any definition: an origin that is not https://host or comes without --integration ecommerce is refused with its path.
    if (args["shop-origins"] !== undefined) definition.ecommerce = { shop_origins: list(args["shop-origins"]) };
    const problems = checkPipelineDocument(definition, `${file} (from flags)`);
    if (errorsOnly(problems).length) throw new UserError("the flags do not make a valid pipeline", problems);
    for (const w of problems) process.stderr.write(formatProblem(w) + "\n");
    // Any existing definition of this pipeline counts, whatever its format: two files would define one pipeline_id twice.
    const existing = ["json", "yaml", "yml"].map((ext) => path.join(dir, `${name}.${ext}`)).filter((f) => fs.existsSync(f));
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
