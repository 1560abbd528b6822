/**
 * Options that many commands share, defined once so that their names, defaults and help read the same in every
 * command: where definitions and modules are, the pipeline a command acts on, --json, and the flags that make a
 * pipeline definition (create pipeline, template save).
 */
import type { Argv } from "yargs";

/** Where ids are looked up without --dir (see definition-dirs.ts, which every command resolves --dir through). */
export const DEFINITIONS_LOOKUP = "default: definitions_dir of blackwell.config.json, else pipelines/, then the shipped examples";

/**
 * --dir and --config: the folder where pipelines (and templates) are found by id. No default here: without --dir,
 * definition-dirs.ts looks in the project's definitions folder (named in --config's file), then the shipped examples.
 */
export function definitionsDirOption<T>(y: Argv<T>, describe = "Where pipeline and template definitions are looked up by id", lookup = DEFINITIONS_LOOKUP) {
  return y
    .option("dir", { type: "string", describe: `${describe} (${lookup})` })
    .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" });
}

/** --modules: where `media synth` wrote the modules. */
export function modulesDirOption<T>(y: Argv<T>) {
  return y.option("modules", { type: "string", default: "modules", describe: "Where synthesized modules live" });
}

/** <pipeline>, --dir and --modules: for commands that act on one synthesized module. */
export function pipelineModuleOptions<T>(y: Argv<T>, describe = "Pipeline id (looked up in --dir) or definition file") {
  return modulesDirOption(definitionsDirOption(y.positional("pipeline", { type: "string", demandOption: true, describe })));
}

/** --json, for commands whose output is data. */
export function jsonOption<T>(y: Argv<T>, describe = "Print the result as JSON") {
  return y.option("json", { type: "boolean", default: false, describe });
}

export const PIPELINE_TYPES = ["live_stream", "vod_processing", "hybrid"] as const;
export const TIERS = ["development", "standard", "enterprise", "staging", "production"] as const;

/** Defaults of the definition flags: what a new definition (or template) gets when a flag is left out. */
export interface DefinitionFlagDefaults {
  type: string;
  /** Left out when the default depends on --type (create: s3 for vod_processing); then sourcesDescribe says what it is. */
  sources?: string;
  sourcesDescribe?: string;
  outputs: string;
  transcodes: string;
  tier: string;
}

/** --type, --sources, --outputs, --transcodes, --tier and --region: the seed's `create pipeline` flags. */
export function definitionFlagOptions<T>(y: Argv<T>, defaults: DefinitionFlagDefaults) {
  return y
    .option("type", { type: "string", default: defaults.type, choices: PIPELINE_TYPES, describe: "Pipeline type" })
    .option("sources", {
      type: "string",
      default: defaults.sources,
      describe: defaults.sourcesDescribe ?? "Comma-separated sources (rtmp, obs, rtmp_pull, srt, rtp, elemental_link, mediaconnect, url_pull, mp4_file, s3)",
    })
    .option("outputs", { type: "string", default: defaults.outputs, describe: "Comma-separated outputs (cloudfront, youtube, s3_archive, rtmp://...)" })
    .option("transcodes", { type: "string", default: defaults.transcodes, describe: "Comma-separated profiles or ladders (see list-profiles)" })
    .option("tier", {
      type: "string",
      default: defaults.tier,
      choices: TIERS,
      describe: "Tier: channel class, log level, CDN price class, alarms, retention (staging and production are aliases)",
    })
    .option("region", { type: "string", default: "us-east-1", describe: "AWS region" });
}

/** A comma-separated flag value as a list: "a, b,," -> ["a", "b"]. */
export const commaList = (s: string): string[] =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
