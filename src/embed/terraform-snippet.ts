/**
 * The player snippet as a Terraform string, for the module output: the playback URL is known only
 * after apply, so it stays an interpolation of the module's locals; every other `${` or `%{` in the
 * HTML (a title, the player script) is escaped so Terraform keeps it literal.
 */
import type { ResolvedPipeline } from "../core/resolve";
import { escapeTerraformTemplate } from "../plans/terraform-literal";
import type { PlayerKind } from "./library";
import { DEFAULT_EMBED_OPTIONS, PlaybackUrls, licenseUrlsOf, renderSnippetWithCheckedUrls } from "./render";

export interface TerraformPlaybackExpressions {
  /** Default `${local.hls_playback_url}` (or `${local.cmaf_playback_url}` when the pipeline packages only CMAF). */
  playbackUrl: string;
  /** Default `${local.dash_playback_url}`; used only when the pipeline has no HLS. */
  dashPlaybackUrl: string;
}

/**
 * Placeholders that can only come out of the config JSON: scriptSafeJson writes `<` as \u003c, and
 * Handlebars escapes every `"` of user text, so no title can produce the quoted form.
 */
const PLACEHOLDER = { hls: "<blackwell:hls>", dash: "<blackwell:dash>" } as const;
const quotedInJson = (placeholder: string) => `"${placeholder.replace(/</g, "\\u003c").replace(/>/g, "\\u003e")}"`;

/** hls.js on HLS (or CMAF, which MediaPackage serves as HLS) when the pipeline has it; video.js on DASH otherwise. */
export function terraformPlayback(
  pipeline: ResolvedPipeline,
  expressions: Partial<TerraformPlaybackExpressions> = {},
): { player: PlayerKind; urls: PlaybackUrls; expressions: { hls?: string; dash?: string } } {
  // With server-side ad insertion the player starts MediaTailor sessions (the module's ssai_* locals).
  const ssai = pipeline.ad_insertion ? "ssai_" : "";
  const hlsFormat = pipeline.packaging.includes("hls") ? "hls" : pipeline.packaging.includes("cmaf") ? "cmaf" : undefined;
  if (hlsFormat)
    return { player: "hlsjs", urls: { hls: PLACEHOLDER.hls }, expressions: { hls: expressions.playbackUrl ?? `\${local.${ssai}${hlsFormat}_playback_url}` } };
  if (pipeline.packaging.includes("dash"))
    return { player: "videojs", urls: { dash: PLACEHOLDER.dash }, expressions: { dash: expressions.dashPlaybackUrl ?? `\${local.${ssai}dash_playback_url}` } };
  throw new Error(`pipeline ${pipeline.pipeline_id} packages no playback format, so there is no player snippet to render`);
}

/** The snippet with the playback URL as `${local.*_playback_url}`; pure, so modules stay reproducible. */
export function renderSnippetForTerraform(pipeline: ResolvedPipeline, expressions: Partial<TerraformPlaybackExpressions> = {}): string {
  const playback = terraformPlayback(pipeline, expressions);
  const html = renderSnippetWithCheckedUrls(
    {
      pipelineId: pipeline.pipeline_id,
      title: pipeline.title,
      player: playback.player,
      urls: playback.urls,
      options: { ...DEFAULT_EMBED_OPTIONS, lowLatency: pipeline.low_latency, signed: pipeline.access === "private", drm: licenseUrlsOf(pipeline.drm) },
    },
    playback.urls,
  );
  let out = escapeTerraformTemplate(html);
  for (const kind of ["hls", "dash"] as const) {
    const expression = playback.expressions[kind];
    if (expression) out = out.split(quotedInJson(PLACEHOLDER[kind])).join(JSON.stringify(expression));
  }
  return out;
}
