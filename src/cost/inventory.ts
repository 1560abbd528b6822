/**
 * What a pipeline runs, in the terms AWS bills: MediaLive inputs and encodes by class, bytes through
 * MediaPackage and S3, CDN delivery, MediaConvert renditions and the small items. Built from a
 * resolved pipeline (here) or from a Terraform plan (plan-inventory.ts); priced by estimate.ts.
 */
import type { ResolvedPipeline } from "../core/resolve";
import { planLiveEncoding, videoDescriptionName } from "../plans/live-encoding";
import { tieringForPricing } from "../plans/automation";

export type ResolutionClass = "SD" | "HD" | "UHD";

export interface Encode {
  name: string;
  kind: "video" | "audio";
  resolution?: ResolutionClass;
  codec?: "AVC" | "HEVC";
  /** Frame rate class: up to 30 fps, or above. */
  fps?: 30 | 60;
  /** QVBR cap plus audio, kbps: an upper bound of what the rendition carries. */
  kbps: number;
}

export interface Inventory {
  pipeline_id: string;
  region: string;
  channelClass: "SINGLE_PIPELINE" | "STANDARD" | null;
  inputs: Array<{ id: string; resolution: ResolutionClass; maxMbps: 10 | 20 | 50; push: boolean }>;
  encodes: Encode[];
  packaged: boolean;
  cdn: boolean;
  segmentSeconds: number;
  archive: { retentionDays: number; iaAfterDays?: number; glacierIrAfterDays?: number } | null;
  vodRenditions: Encode[];
  alarms: number;
  secrets: number;
  eventRules: number;
  // --- quantities for issue 13's line items (branch cost); optional so other inventory sources still type-check ---
  /** Every output of the channel, one per output of each output group: MediaLive bills each output, shared encodes included. */
  channelOutputs?: ChannelOutput[];
  /** RTMP destinations outside AWS (YouTube etc.) and the kbps each one receives from every pipeline. */
  rtmpDestinations?: Array<{ id: string; kbps: number }>;
  /** Step Functions standard-workflow state transitions per VOD upload (the watch folder). */
  watchFolderTransitionsPerJob?: number;
  /** EventBridge Scheduler invocations a month (start/stop schedules). */
  schedulerInvocationsPerMonth?: number;
  /** Whether the channel writes logs to CloudWatch Logs (log level other than DISABLED). */
  channelLogs?: boolean;
}

export interface ChannelOutput {
  /** Output group: mediapackage, archive or simulcast. */
  group: string;
  encode: Encode;
}

export function resolutionClass(height: number): ResolutionClass {
  return height < 720 ? "SD" : height <= 1080 ? "HD" : "UHD";
}

export function inventoryOfPipeline(p: ResolvedPipeline): Inventory {
  const encodes: Encode[] = p.rungs.map((r) =>
    r.kind === "audio"
      ? { name: r.name, kind: "audio", kbps: r.audio_bitrate / 1000 }
      : { name: r.name, kind: "video", resolution: resolutionClass(r.height!), codec: r.codec === "h265" ? "HEVC" : "AVC", fps: (r.fps ?? 30) > 30 ? 60 : 30, kbps: (r.bitrate! + r.audio_bitrate) / 1000 },
  );
  const archive = p.outputs.find((o) => o.kind === "archive");
  const standard = p.tier_settings.channel_class === "STANDARD";
  return {
    pipeline_id: p.pipeline_id,
    region: p.region,
    channelClass: p.live ? p.tier_settings.channel_class : null,
    inputs: p.sources
      .filter((s) => s.live)
      .map((s) => ({ id: s.id, resolution: (s.max_resolution ?? "HD"), maxMbps: s.max_bitrate === "MAX_10_MBPS" ? 10 : s.max_bitrate === "MAX_50_MBPS" ? 50 : 20, push: s.push })),
    encodes: p.live ? encodes : [],
    packaged: p.live && p.outputs.some((o) => o.kind === "cdn"),
    cdn: p.outputs.some((o) => o.kind === "cdn"),
    segmentSeconds: p.low_latency ? 2 : 6,
    archive: archive ? { retentionDays: archive.retention_days ?? p.tier_settings.archive_retention_days, iaAfterDays: archive.transition_to_ia_days, glacierIrAfterDays: archive.transition_to_glacier_days, ...tieringForPricing(p) } : null,
    vodRenditions: p.vod ? encodes : [],
    alarms: p.live && p.tier_settings.alarms ? 3 * (standard ? 2 : 1) : 0,
    secrets: p.outputs.filter((o) => o.stream_key?.kind === "secrets_manager").length,
    eventRules: p.live ? 1 : 0,
    ...billedChannelQuantities(p, encodes),
  };
}

/** The channel's outputs, from the live-encoding plan the generator builds the channel from, and its RTMP destinations. */
function billedChannelQuantities(p: ResolvedPipeline, encodes: Encode[]): Pick<Inventory, "channelOutputs" | "rtmpDestinations" | "watchFolderTransitionsPerJob" | "schedulerInvocationsPerMonth" | "channelLogs"> {
  const live = planLiveEncoding(p);
  const encodeOf = (rungName: string) => encodes[p.rungs.findIndex((r) => r.name === rungName)];
  const byVideo = (video: string) => encodeOf(p.rungs.find((r) => r.kind === "video" && videoDescriptionName(r) === video)!.name);
  const channelOutputs: ChannelOutput[] = (live?.outputGroups ?? []).flatMap((g): ChannelOutput[] =>
    g.kind === "hls" ? g.outputs.map((o) => ({ group: g.name, encode: encodeOf(o.rung.name) })) : g.outputs.map((o) => ({ group: g.name, encode: byVideo(o.video) })),
  );
  const simulcast = (live?.outputGroups ?? []).flatMap((g) => (g.kind === "rtmp" ? g.outputs : []));
  return {
    channelOutputs,
    rtmpDestinations: simulcast.map((o) => ({ id: o.destination, kbps: byVideo(o.video).kbps })),
    watchFolderTransitionsPerJob: p.vod ? WATCH_FOLDER_TRANSITIONS : 0,
    schedulerInvocationsPerMonth: 0,
    channelLogs: !!live && p.tier_settings.log_level !== "DISABLED",
  };
}

/** The watch folder's state machine has one Task state: entering it and ending count as two transitions. */
const WATCH_FOLDER_TRANSITIONS = 2;
