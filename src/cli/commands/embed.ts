import type { CommandModule } from "yargs";
import { definitionsDirOption } from "../pipeline-options";

interface Args {
  pipeline: string;
  dir?: string;
  config?: string;
  format: "snippet" | "page" | "json" | "product-page";
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
  "status-url"?: string;
  "status-poll-seconds"?: number;
  "token-endpoint"?: string;
  "cta-url"?: string;
  "cta-label"?: string;
  "cta-when": "live" | "always";
  out?: string;
}

export const embedCommand: CommandModule<object, Args> = {
  command: "embed <pipeline>",
  describe: "Render an embeddable player for a pipeline's stream: HTML snippet, standalone page or JSON",
  builder: (y) =>
    definitionsDirOption(y.positional("pipeline", { type: "string", demandOption: true, describe: "Pipeline id (looked up in --dir) or definition file" }))
      .option("format", {
        choices: ["snippet", "page", "json", "product-page"] as const,
        default: "snippet" as const,
        describe:
          "snippet: HTML to paste; page: a standalone demo page with a live badge; json: snippet, badge, player and URLs; product-page: player, live badge and a call-to-action slot for a shop's product page (follows live.json)",
      })
      .option("player", {
        choices: ["hlsjs", "videojs"] as const,
        default: "hlsjs" as const,
        describe: "hls.js (native HLS where there is no Media Source Extensions) or video.js (also plays DASH)",
      })
      .option("playback-url", { type: "string", describe: "HLS manifest URL (instead of reading the module's outputs)" })
      .option("dash-url", { type: "string", describe: "DASH manifest URL, for --player videojs" })
      .option("outputs-file", { type: "string", describe: "File holding `terraform output -json` of the applied module" })
      .option("module-dir", { type: "string", describe: "Applied Terraform root to run `terraform output -json` in" })
      .option("allow-http", { type: "boolean", default: false, describe: "Accept http:// URLs (a local test server only)" })
      .option("self-host", { type: "string", describe: "Copy the pinned player files into this folder and load them from there (SRI kept)" })
      .option("autoplay", { type: "boolean", default: false, describe: "Start playing at once, muted" })
      .option("controls", { type: "boolean", default: true, describe: "Show player controls (--no-controls hides them; needs --autoplay)" })
      .option("low-latency", { type: "boolean", describe: "Low-latency playback (default: the pipeline's low_latency)" })
      .option("aspect-ratio", { type: "string", default: "16/9", describe: "Player shape, e.g. 16/9, 4:3, 9/16" })
      .option("poster", { type: "string", describe: "Poster image URL shown before playback" })
      .option("captions", { type: "string", describe: "WebVTT captions URL" })
      .option("captions-language", { type: "string", default: "en", describe: "Language tag of --captions" })
      .option("status-url", {
        type: "string",
        describe:
          "The pipeline's live-status document, which badge and player follow (default: the live_status_url output read with --outputs-file/--module-dir)",
      })
      .option("status-poll-seconds", { type: "number", describe: "How often the page reads --status-url (default 5)" })
      .option("token-endpoint", {
        type: "string",
        describe:
          'Private IVS channels: your site\'s https endpoint that returns a playback token (JSON {"token": ...} or the JWT as text), signed on your server; the player appends it to the playback URL',
      })
      .option("cta-url", {
        type: "string",
        describe: "--format product-page: link of the call to action in the slot (else the slot is left for your own HTML)",
      })
      .option("cta-label", { type: "string", describe: "--format product-page: text of that link (default: Shop now)" })
      .option("cta-when", {
        choices: ["live", "always"] as const,
        default: "always" as const,
        describe: "--format product-page: show the call-to-action slot only while live, or always",
      })
      .option("out", { type: "string", describe: "Write to this file instead of standard output" })
      .example("$0 media embed product-demos --outputs-file outputs.json", "Snippet from a saved `terraform output -json` of the applied module")
      .example(
        "$0 media embed studio_live_feed --module-dir .blackwell/work/studio_live_feed --format page --out live.html",
        "Standalone page, reading the outputs with terraform",
      )
      .example(
        "$0 media embed company-webinars --player videojs --playback-url https://d111.cloudfront.net/out/v1/g/c/hls/index.m3u8 --self-host public/vendor --out public/live.html",
        "video.js served from your own site",
      )
      .example(
        "$0 media embed studio_live_feed --playback-url https://d111.cloudfront.net/out/v1/g/c/hls/index.m3u8 --format json",
        "Snippet, badge, player pin and URL as JSON",
      )
      .example(
        "$0 media embed product-demos --outputs-file outputs.json --status-url https://d111.cloudfront.net/status/live.json --format page",
        "Badge and player that follow the stream's live status",
      )
      .example(
        "$0 media embed ivs-live --outputs-file outputs.json --token-endpoint https://www.example.com/api/ivs-token",
        "Private IVS channel: the player gets a playback token from your site's endpoint",
      )
      .example(
        "$0 media embed product-demos --outputs-file outputs.json --format product-page --cta-url https://shop.example.com/cart/add/sku-42 --cta-label 'Buy now' --cta-when live",
        "Product-page embed (integration ecommerce): player, live badge and a buy button shown while live",
      ),
  handler: async (args) => {
    const { runEmbed } = await import("../../embed/embed-command");
    runEmbed({
      pipeline: args.pipeline,
      dir: await (await import("../definition-dirs")).lookupDirs(args.pipeline, args),
      format: args.format,
      player: args.player,
      playbackUrl: args["playback-url"],
      dashUrl: args["dash-url"],
      outputsFile: args["outputs-file"],
      moduleDir: args["module-dir"],
      allowHttp: args["allow-http"],
      selfHost: args["self-host"],
      autoplay: args.autoplay,
      controls: args.controls,
      lowLatency: args["low-latency"],
      aspectRatio: args["aspect-ratio"],
      poster: args.poster,
      captions: args.captions,
      captionsLanguage: args["captions-language"],
      statusUrl: args["status-url"],
      statusPollSeconds: args["status-poll-seconds"],
      tokenEndpoint: args["token-endpoint"],
      ctaUrl: args["cta-url"],
      ctaLabel: args["cta-label"],
      ctaWhen: args["cta-when"],
      out: args.out,
    });
  },
};
