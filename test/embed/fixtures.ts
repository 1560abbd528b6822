/** Shared test inputs for the embed tests: resolved example pipelines and definition files with chosen fields. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import type { ResolvedPipeline } from "../../src/core/resolve";
import { DEFAULT_EMBED_OPTIONS, EmbedInput } from "../../src/embed/render";

export const HLS_URL = "https://d111111abcdef8.cloudfront.net/out/v1/group/channel/hls/index.m3u8";
export const DASH_URL = "https://d111111abcdef8.cloudfront.net/out/v1/group/channel/dash/index.mpd";

export function examplePipeline(file = "studio_live_feed.json"): ResolvedPipeline {
  return loadPipelines([projectPath("examples", file)]).pipelines[0].resolved;
}

export function input(overrides: Partial<EmbedInput> = {}, options: Partial<EmbedInput["options"]> = {}): EmbedInput {
  return {
    pipelineId: "shop_live",
    title: "Shop live",
    player: "hlsjs",
    urls: { hls: HLS_URL },
    ...overrides,
    options: { ...DEFAULT_EMBED_OPTIONS, ...options },
  };
}

/** Writes a valid live pipeline definition with the given fields into `dir`; returns its path. */
export function writeDefinition(dir: string, fields: Record<string, unknown>): string {
  const definition = {
    pipeline_id: "embed_test",
    pipeline_type: "live_stream",
    sources: ["rtmp"],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "development",
    ...fields,
  };
  const file = path.join(dir, `${definition.pipeline_id}.json`);
  fs.writeFileSync(file, JSON.stringify(definition));
  return file;
}

/** The distinct tags of an HTML text, e.g. ["<script", "<video"], to compare structures. */
export function tagNames(html: string): string[] {
  return (html.match(/<\/?[a-zA-Z][a-zA-Z0-9-]*/g) ?? []).map((t) => t.toLowerCase());
}
