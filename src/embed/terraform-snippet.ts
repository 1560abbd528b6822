/**
 * The player snippet as a Terraform string: the playback URL is known only after apply, so it stays
 * an interpolation, and everything else that Terraform would read as a template is escaped.
 */
import type { ResolvedPipeline } from "../core/resolve";
import { DEFAULT_EMBED_OPTIONS, renderSnippet } from "./render";

const URL_SENTINEL = "@@BLACKWELL_PLAYBACK_URL@@";
const ORIGIN_SENTINEL = "@@BLACKWELL_PLAYBACK_ORIGIN@@";

/** Escapes Terraform template sequences: ${ becomes $${ and %{ becomes %%{. */
export function escapeTerraformTemplate(text: string): string {
  // Function replacements: in a replacement string "$$" would itself mean "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

export interface TerraformSnippetExpressions {
  /** e.g. "${local.hls_playback_url}" */
  playbackUrl: string;
  /** e.g. "https://${aws_cloudfront_distribution.main.domain_name}" */
  playbackOrigin: string;
}

export function renderSnippetForTerraform(pipeline: ResolvedPipeline, expressions: TerraformSnippetExpressions): string {
  const html = renderSnippet(
    { pipelineId: pipeline.pipeline_id, title: pipeline.title, playbackUrl: URL_SENTINEL, player: "hlsjs", options: { ...DEFAULT_EMBED_OPTIONS, lowLatency: pipeline.low_latency, signed: pipeline.access === "private" } },
    (url) => url,
  ).replace(`"playbackOrigin":"${URL_SENTINEL}"`, `"playbackOrigin":"${ORIGIN_SENTINEL}"`);
  return escapeTerraformTemplate(html).split(URL_SENTINEL).join(expressions.playbackUrl).split(ORIGIN_SENTINEL).join(expressions.playbackOrigin);
}
