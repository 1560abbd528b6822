/** `blackwell media embed`: a pipeline's player as a snippet, a standalone page or JSON. */
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";
import { findPipeline } from "../core/definitions";
import { UserError } from "../core/problems";
import type { ResolvedPipeline } from "../core/resolve";
import { PlayerKind, libraryReferences, selfHostLibrary } from "./library";
import { ModulePlayback, readOutputsFile, readOutputsFromTerraform } from "./module-outputs";
import { DEFAULT_EMBED_OPTIONS, EmbedInput, checkPlaybackUrls, licenseUrlsOf, renderBadge, renderPage, renderProductPage, renderSnippet } from "./render";

export interface EmbedArgs {
  pipeline: string;
  dir: string | string[];
  format: "snippet" | "page" | "json" | "product-page";
  player: PlayerKind;
  playbackUrl?: string;
  dashUrl?: string;
  outputsFile?: string;
  moduleDir?: string;
  allowHttp: boolean;
  selfHost?: string;
  autoplay: boolean;
  controls: boolean;
  lowLatency?: boolean;
  aspectRatio: string;
  poster?: string;
  captions?: string;
  captionsLanguage: string;
  statusUrl?: string;
  statusPollSeconds?: number;
  /** Private IVS channels: the site's endpoint returning a playback token for the viewer (see EmbedOptions.tokenEndpoint). */
  tokenEndpoint?: string;
  /** --format product-page: the call-to-action link in the slot, and when the slot shows. */
  ctaUrl?: string;
  ctaLabel?: string;
  ctaWhen?: "live" | "always";
  out?: string;
}

/** The stream's URLs: given on the command line, else from the applied module's outputs (with its live_status_url, if any). */
export function playbackUrlsFor(args: EmbedArgs): ModulePlayback {
  const given = [args.playbackUrl !== undefined || args.dashUrl !== undefined, args.outputsFile !== undefined, args.moduleDir !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) throw new UserError("give the stream's address one way: --playback-url/--dash-url, --outputs-file or --module-dir");
  if (args.playbackUrl !== undefined || args.dashUrl !== undefined) return { hls: args.playbackUrl, dash: args.dashUrl };
  if (args.outputsFile !== undefined) return readOutputsFile(args.outputsFile);
  if (args.moduleDir !== undefined) return readOutputsFromTerraform(args.moduleDir);
  throw new UserError("give the stream's address: --playback-url, --outputs-file (saved terraform output -json) or --module-dir (an applied module root)");
}

/** How the page refers to the self-hosted folder: relative to the written file, else as given. */
function selfHostBase(selfHostDir: string, out: string | undefined): string {
  if (!out) return selfHostDir.split(path.sep).join("/");
  return (
    path
      .relative(path.dirname(path.resolve(out)), path.resolve(selfHostDir))
      .split(path.sep)
      .join("/") || "."
  );
}

function embedInput(args: EmbedArgs, pipeline: ResolvedPipeline, urls: ModulePlayback): EmbedInput {
  return {
    pipelineId: pipeline.pipeline_id,
    title: pipeline.title,
    player: args.player,
    urls: args.player === "hlsjs" ? { hls: urls.hls, dash: urls.hls ? undefined : urls.dash } : { hls: urls.hls, dash: urls.dash },
    options: {
      ...DEFAULT_EMBED_OPTIONS,
      autoplay: args.autoplay,
      controls: args.controls,
      lowLatency: args.lowLatency ?? pipeline.low_latency,
      aspectRatio: args.aspectRatio,
      poster: args.poster,
      captions: args.captions,
      captionsLanguage: args.captionsLanguage,
      // A private IVS channel is not behind CloudFront: it takes a playback token (tokenEndpoint) instead of a signed URL.
      signed: pipeline.access === "private" && pipeline.backend !== "ivs",
      tokenEndpoint: args.tokenEndpoint,
      allowHttp: args.allowHttp,
      selfHostBase: args.selfHost === undefined ? undefined : selfHostBase(args.selfHost, args.out),
      // --status-url wins; else the module's live_status_url output, so the page polls the right document without a flag.
      statusUrl: args.statusUrl ?? urls.liveStatusUrl,
      statusPollSeconds: args.statusPollSeconds,
      drm: licenseUrlsOf(pipeline.drm),
    },
  };
}

/** A private IVS channel plays only with a playback token, which only the site can sign: it needs --token-endpoint, and nothing else does. */
function checkTokenEndpoint(args: EmbedArgs, pipeline: ResolvedPipeline): void {
  const privateIvs = pipeline.backend === "ivs" && pipeline.access === "private";
  if (privateIvs && args.tokenEndpoint === undefined)
    throw new UserError(
      `${pipeline.pipeline_id} is a private IVS channel: viewers need a playback token signed with the private key of its playback key pair, which belongs on your site's server, never in the page. Pass --token-endpoint <https URL of your site's endpoint that returns one> (README: "Private IVS playback")`,
    );
  if (!privateIvs && args.tokenEndpoint !== undefined)
    throw new UserError(`--token-endpoint is for private IVS channels (backend ivs, access private); ${pipeline.pipeline_id} is not one`);
}

export function runEmbed(args: EmbedArgs): void {
  const { resolved } = findPipeline(args.pipeline, ([] as string[]).concat(args.dir));
  checkTokenEndpoint(args, resolved);
  const input = embedInput(args, resolved, playbackUrlsFor(args));
  const urls = checkPlaybackUrls(input);
  // Render before copying anything, so a refused value leaves no files behind.
  const html =
    args.format === "page"
      ? renderPage(input)
      : args.format === "product-page"
        ? renderProductPage(input, { url: args.ctaUrl, label: args.ctaLabel, when: args.ctaWhen ?? "always" })
        : renderSnippet(input);
  const drm = input.options.drm !== undefined;
  const copied = args.selfHost === undefined ? [] : selfHostLibrary(args.player, args.selfHost, drm);
  let text = html;
  if (args.format === "json") {
    const lib = libraryReferences(args.player, input.options.selfHostBase, drm);
    text =
      JSON.stringify(
        {
          pipeline_id: resolved.pipeline_id,
          player: { kind: args.player, package: lib.name, version: lib.version, scripts: lib.scripts, styles: lib.styles, self_hosted_files: copied },
          playback_url: urls.hls ?? null,
          dash_url: urls.dash ?? null,
          live_status_url: input.options.statusUrl ?? null,
          signed: input.options.signed,
          token_endpoint: input.options.tokenEndpoint ?? null,
          snippet: html,
          live_badge: renderBadge(resolved.pipeline_id, input.options),
        },
        null,
        2,
      ) + "\n";
  }
  if (args.out) {
    writeFileAtomic(args.out, text);
    process.stderr.write(`wrote ${args.out}${copied.length ? ` and ${copied.length} player file${copied.length > 1 ? "s" : ""} in ${args.selfHost}` : ""}\n`);
  } else process.stdout.write(text);
  if (input.options.tokenEndpoint)
    process.stderr.write(
      `note: ${resolved.pipeline_id} is a private IVS channel; the player asks ${input.options.tokenEndpoint} for a playback token (your site signs it; --format page shows how)\n`,
    );
  if (input.options.signed)
    process.stderr.write(
      `note: ${resolved.pipeline_id} is private; the page plays only when opened with ?url=<CloudFront signed URL> (--format page explains how to make one)\n`,
    );
}
