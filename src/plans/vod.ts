/**
 * VOD plan: the buckets' retention, the watch folder's prefix, the HLS presets (one per rung) and
 * the MediaConvert job template's output groups (HLS, DASH, CMAF per the packaging, thumbnails).
 * The job settings themselves are built from this plan by mediaconvert-settings.ts.
 */
import type { ResolvedPipeline, ResolvedRung } from "../types/resolved-pipeline.generated";

export type VodGroupName = "HLS" | "DASH" | "CMAF" | "Thumbnails";

/** One output of a job template group: a rung (video with its audio, or audio only), the group's audio track, or a thumbnail track. */
export interface VodOutputPlan {
  nameModifier: string;
  kind: "video" | "audio" | "frame_capture" | "captions";
  rung?: ResolvedRung;
  audioBitrate?: number;
}

export interface VodGroupPlan {
  name: VodGroupName;
  /** Below the VOD output prefix: hls/, dash/, cmaf/, thumbnails/. */
  folder: string;
  segmentSeconds?: number;
  outputs: VodOutputPlan[];
}

export interface VodPresetPlan {
  /** Terraform name of the preset (hls_<rung>). */
  id: string;
  rung: ResolvedRung;
}

export interface VodPlan {
  inputPrefix: string;
  sourceRetentionDays: number;
  outputRetentionDays: number;
  accelerated: boolean;
  /** Where renditions land in the output bucket. */
  outputPrefix: "vod/";
  rungs: ResolvedRung[];
  presets: VodPresetPlan[];
  groups: VodGroupPlan[];
  /** Segment length of the HLS renditions (seconds). */
  segmentSeconds: number;
  /** Step Functions state transitions per upload: the watch folder's state machine enters one Task state and ends. */
  watchFolderTransitionsPerJob: number;
  /** Sidecar captions (vod.sidecar_captions): read from captions/<key>.<extension> of the source bucket, written as WebVTT. */
  sidecarCaptions?: SidecarCaptionsPlan;
}

export interface SidecarCaptionsPlan {
  sourceType: "SCC" | "SRT";
  /** Outside the watched prefix, so uploading a sidecar starts no job. */
  keyPrefix: "captions/";
  extension: ".scc" | ".srt";
  /** MediaConvert LanguageCode (ISO 639-2, upper case). */
  languageCode: string;
  languageDescription: string;
}

export const SIDECAR_CAPTIONS_PREFIX = "captions/";

export const WATCH_FOLDER_TRANSITIONS_PER_JOB = 2;

export const VOD_SEGMENT_SECONDS = 6;
export const VOD_FRAGMENT_SECONDS = 2;

export function vodGroups(rungs: ResolvedRung[], packaging: ResolvedPipeline["packaging"], thumbnails: boolean, captions = false): VodGroupPlan[] {
  // A WebVTT captions output in each streaming group (HLS, DASH, CMAF) when the pipeline has sidecar captions.
  const captionsOutput: VodOutputPlan[] = captions ? [{ nameModifier: "_captions", kind: "captions" }] : [];
  const video = rungs.filter((r) => r.kind === "video");
  const topAudio = Math.max(...rungs.map((r) => r.audio_bitrate));
  const groups: VodGroupPlan[] = [];
  if (packaging.includes("hls"))
    groups.push({
      name: "HLS",
      folder: "hls/",
      segmentSeconds: VOD_SEGMENT_SECONDS,
      outputs: [...rungs.map((r) => ({ nameModifier: `_${r.name}`, kind: r.kind, rung: r, audioBitrate: r.audio_bitrate })), ...captionsOutput],
    });
  for (const [format, name] of [
    ["dash", "DASH"],
    ["cmaf", "CMAF"],
  ] as const) {
    if (!packaging.includes(format)) continue;
    groups.push({
      name,
      folder: `${format}/`,
      segmentSeconds: VOD_SEGMENT_SECONDS,
      outputs: [
        ...video.map((r) => ({ nameModifier: `_${r.name}`, kind: "video" as const, rung: r })),
        { nameModifier: "_audio", kind: "audio", audioBitrate: topAudio },
        ...captionsOutput,
      ],
    });
  }
  if (thumbnails && video.length) groups.push({ name: "Thumbnails", folder: "thumbnails/", outputs: [{ nameModifier: "_thumb", kind: "frame_capture" }] });
  return groups;
}

export const presetId = (rung: ResolvedRung) => `hls_${rung.name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;

/** Undefined for pipelines without on-demand processing. */
export function planVod(p: ResolvedPipeline): VodPlan | undefined {
  if (!p.vod) return undefined;
  const v = p.vod_settings;
  return {
    inputPrefix: v.input_prefix,
    sourceRetentionDays: v.source_retention_days,
    outputRetentionDays: v.output_retention_days,
    accelerated: v.accelerated,
    outputPrefix: "vod/",
    rungs: p.rungs,
    presets: p.rungs.map((rung) => ({ id: presetId(rung), rung })),
    groups: vodGroups(p.rungs, p.packaging, v.thumbnails, !!v.sidecar_captions),
    segmentSeconds: VOD_SEGMENT_SECONDS,
    watchFolderTransitionsPerJob: WATCH_FOLDER_TRANSITIONS_PER_JOB,
    ...(v.sidecar_captions
      ? {
          sidecarCaptions: {
            sourceType: v.sidecar_captions.format === "scc" ? "SCC" : "SRT",
            keyPrefix: SIDECAR_CAPTIONS_PREFIX,
            extension: v.sidecar_captions.format === "scc" ? ".scc" : ".srt",
            languageCode: v.sidecar_captions.language_code.toUpperCase(),
            languageDescription: v.sidecar_captions.name,
          },
        }
      : {}),
  };
}
