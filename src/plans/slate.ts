/**
 * Slate plan: the image `stream slate on` shows over the stream, shipped in a private bucket of the module that only
 * the channel's role may read, and how the schedule action places it (full frame of the top rung, with a fade).
 * The image's bytes are read by the synth layer (data/slate/slate.png); this decides only where and how.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { HOUSEKEEPING, type LifecycleRule } from "./archive";

/** Where the committed slate lives in the project, and its size (the image is drawn at the top rung's size). */
export const SLATE_IMAGE_FILE = ["data", "slate", "slate.png"] as const;

export interface SlatePlan {
  key: string;
  contentType: "image/png";
  /** Size the image is drawn at: the top video rung's frame. */
  width: number;
  height: number;
  fadeMs: number;
  /** Only old versions of the image and failed uploads expire. */
  lifecycleRules: LifecycleRule[];
}

/** Undefined unless a live pipeline asks for a slate. */
export function planSlate(p: ResolvedPipeline): SlatePlan | undefined {
  if (!p.live || !p.slate) return undefined;
  const top = p.rungs.filter((r) => r.kind === "video").sort((a, b) => (b.height ?? 0) - (a.height ?? 0))[0];
  return {
    key: "slate/slate.png",
    contentType: "image/png",
    width: top?.width ?? 1280,
    height: top?.height ?? 720,
    fadeMs: p.slate.fade_ms,
    lifecycleRules: [{ id: "housekeeping", status: "Enabled", filter: [{ prefix: "" }], ...HOUSEKEEPING }],
  };
}
