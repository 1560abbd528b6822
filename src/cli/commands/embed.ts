import type { CommandModule } from "yargs";

interface Args {
  pipeline: string;
  dir: string;
  format: "snippet" | "page" | "json";
  player: "hlsjs" | "videojs";
  "playback-url"?: string;
  "dash-url"?: string;
  "outputs-file"?: string;
  "module-dir"?: string;
  "allow-http": boolean;
  "self-host"?: string;
  autoplay: boolean;
  controls: boolean;
  "low-latency"?: boolean;
  "aspect-ratio": string;
  poster?: string;
  captions?: string;
  "captions-language": string;
  out?: string;
}

export const embedCommand: CommandModule<object, Args> = {
  command: "embed <pipeline>",
  describe: "Render an embeddable player (snippet, standalone page or JSON) for a pipeline's stream",
  builder: (y) =>
    y
      .positional("pipeline", { type: "string", demandOption: true, describe: "Pipeline id (searched in --dir) or definition file" })
      .option("dir", { type: "string", default: "examples", describe: "Where pipeline ids are looked up" })
      .option("format", { choices: ["snippet", "page", "json"] as const, default: "snippet" as const })
      .option("player", { choices: ["hlsjs", "videojs"] as const, default: "hlsjs" as const, describe: "hls.js (native HLS on Safari) or video.js (plays DASH too)" })
      .option("playback-url", { type: "string", describe: "HLS playback URL (else read from the module's terraform outputs)" })
      .option("dash-url", { type: "string", describe: "DASH URL for the video.js player" })
      .option("outputs-file", { type: "string", describe: "Saved `terraform output -json` of the applied module" })
      .option("module-dir", { type: "string", describe: "Run `terraform output -json` in this applied root" })
      .option("allow-http", { type: "boolean", default: false, describe: "Accept http:// URLs (local testing only)" })
      .option("self-host", { type: "string", describe: "Copy the pinned player library into this folder and load it from there" })
      .option("autoplay", { type: "boolean", default: false, describe: "Autoplay muted" })
      .option("controls", { type: "boolean", default: true, describe: "Show player controls (--no-controls to hide)" })
      .option("low-latency", { type: "boolean", describe: "Low-latency playback (default: the pipeline's setting)" })
      .option("aspect-ratio", { type: "string", default: "16 / 9" })
      .option("poster", { type: "string", describe: "Poster image URL" })
      .option("captions", { type: "string", describe: "WebVTT captions URL" })
      .option("captions-language", { type: "string", default: "en" })
      .option("out", { type: "string", describe: "Write to this file instead of standard output" })
      .example("$0 media embed product-demos --outputs-file outputs.json", "Snippet from an applied module's outputs")
      .example("$0 media embed studio_live_feed --playback-url https://d111.cloudfront.net/out/v1/x/live/hls/index.m3u8 --format page --out live.html", "A standalone demo page")
      .example("$0 media embed company-webinars --player videojs --self-host public/vendor --playback-url https://...", "video.js, served from your own site") as never,
  handler: async (args) => {
    const path = await import("node:path");
    const { findPipeline } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { DEFAULT_EMBED_OPTIONS, renderPage, renderSnippet, selfHostLibrary, playerLibraries } = await import("../../embed/render");
    const { readOutputsFile, readOutputsFromTerraform } = await import("../../embed/module-outputs");
    const { printJson } = await import("../output");
    const { resolved } = findPipeline(args.pipeline, [args.dir]);
    const outputs = args["playback-url"] ? { hls: args["playback-url"], dash: args["dash-url"] } : args["outputs-file"] ? readOutputsFile(args["outputs-file"]) : args["module-dir"] ? readOutputsFromTerraform(args["module-dir"]) : undefined;
    if (!outputs) throw new UserError("give the stream's address: --playback-url, --outputs-file (terraform output -json) or --module-dir");
    let selfHostBase: string | undefined;
    if (args["self-host"]) {
      selfHostLibrary(args.player, args["self-host"]);
      selfHostBase = args.out ? path.relative(path.dirname(path.resolve(args.out)), path.resolve(args["self-host"])).split(path.sep).join("/") || "." : args["self-host"];
    }
    const input = {
      pipelineId: resolved.pipeline_id,
      title: resolved.title,
      playbackUrl: (outputs.hls ?? outputs.cmaf)!,
      dashUrl: outputs.dash,
      player: args.player,
      options: {
        ...DEFAULT_EMBED_OPTIONS,
        autoplay: args.autoplay, controls: args.controls, lowLatency: args["low-latency"] ?? resolved.low_latency, aspectRatio: args["aspect-ratio"],
        poster: args.poster, captions: args.captions, captionsLanguage: args["captions-language"], signed: resolved.access === "private", allowHttp: args["allow-http"], selfHostBase,
      },
    };
    if (args.format === "json") {
      printJson({ pipeline_id: resolved.pipeline_id, player: { name: args.player, ...playerLibraries()[args.player] }, playback_url: input.playbackUrl, dash_url: input.dashUrl, signed: input.options.signed, snippet: renderSnippet(input) });
      return;
    }
    const html = args.format === "page" ? renderPage(input) : renderSnippet(input);
    if (args.out) {
      writeFileAtomic(args.out, html);
      process.stderr.write(`wrote ${args.out}\n`);
    } else process.stdout.write(html);
  },
};
