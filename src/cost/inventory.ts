/**
 * What a pipeline runs, in the terms AWS bills: MediaLive inputs and encodes by class, bytes through
 * MediaPackage and S3, CDN delivery, MediaConvert renditions and the small items. Read from the
 * pipeline's plans (src/plans, the same ones the generators build the module from) or from a
 * Terraform plan (plan-inventory.ts); priced by estimate.ts.
 */
import type { ResolvedPipeline } from "../core/resolve";
import type { ResolvedRung } from "../types/resolved-pipeline.generated";
import type { ArchivePlan, Transition } from "../plans/archive";
import { PipelinePlan, planPipeline } from "../plans/pipeline-plan";
import type { LiveEncodingPlan } from "../plans/live-encoding";

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
  /** MediaLive bills an input by the channel's input specification, so every input carries the channel's class. */
  inputs: Array<{ id: string; resolution: ResolutionClass; maxMbps: 10 | 20 | 50; push: boolean }>;
  encodes: Encode[];
  packaged: boolean;
  cdn: boolean;
  /** Length of the segments viewers fetch through the CDN (seconds). */
  segmentSeconds: number;
  /** Recording to S3: retention and transitions, the recorded segments' length, and how many channel pipelines record. */
  archive: { retentionDays: number; iaAfterDays?: number; glacierIrAfterDays?: number; segmentSeconds: number; pipelines: number } | null;
  /** One entry per MediaConvert output the job template writes (HLS, DASH and CMAF groups; thumbnails are not priced). */
  vodRenditions: Encode[];
  alarms: number;
  secrets: number;
  /** EventBridge rules the module declares. */
  eventRules: number;
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
  /** Customer managed KMS keys the module creates (the budget stop's topic key). */
  kmsKeys?: number;
  /** Origin endpoints encrypted with SPEKE v2 (DRM or clear-key AES-128), by endpoint name; absent when none is. */
  drmEndpoints?: string[];
  /** backend ivs: the IVS channel's type and whether it records to S3 (there is no MediaLive channel then). */
  ivs?: { channelType: "BASIC" | "STANDARD"; recorded: boolean };
  /** WebVTT caption renditions of the channel (outputs that carry only captions); absent when there are none. */
  captionOutputs?: number;
  /**
   * The failover region's redundant origin: what is doubled there (a second channel with its inputs and outputs, a
   * second MediaPackage v2 channel, the rule forwarding its events). The CDN, the archive and the simulcast are not.
   */
  failover?: FailoverInventory;
  /** CloudFront standard logging (v2) into the module's logs bucket, kept retentionDays; absent when the module keeps no viewer logs. */
  viewerLogs?: { retentionDays: number };
  /** Server-side ad insertion: MediaTailor playback configurations (billed per 1,000 ads inserted); absent without one. */
  adInsertion?: { playbackConfigurations: number };
}

export interface FailoverInventory {
  region: string;
  channelClass: "SINGLE_PIPELINE" | "STANDARD";
  inputs: Inventory["inputs"];
  encodes: Encode[];
  channelOutputs: ChannelOutput[];
  packaged: boolean;
  /** EventBridge rules in the failover region (forwarding its channel's events to the pipeline bus). */
  eventRules: number;
  channelLogs: boolean;
}

export interface ChannelOutput {
  /** Output group: mediapackage, archive or simulcast. */
  group: string;
  encode: Encode;
}

export function resolutionClass(height: number): ResolutionClass {
  return height < 720 ? "SD" : height <= 1080 ? "HD" : "UHD";
}

/** Segment length assumed where no CDN serves segments (it prices nothing then). */
export const DEFAULT_SEGMENT_SECONDS = 6;

const MAX_MBPS = { MAX_10_MBPS: 10, MAX_20_MBPS: 20, MAX_50_MBPS: 50 } as const;

function videoEncode(name: string, r: ResolvedRung, audioBitrate: number): Encode {
  return {
    name,
    kind: "video",
    resolution: resolutionClass(r.height!),
    codec: r.codec === "h265" ? "HEVC" : "AVC",
    fps: (r.fps ?? 30) > 30 ? 60 : 30,
    kbps: (r.bitrate! + audioBitrate) / 1000,
  };
}

const audioEncode = (name: string, bitrate: number): Encode => ({ name, kind: "audio", kbps: bitrate / 1000 });

/**
 * Lifecycle transitions in the terms the price table has (STANDARD_IA and GLACIER_IR, the output's own transitions):
 * automation's archive tiering may name another class, priced as the dearer of the two it resembles so the estimate
 * stays an upper bound (ONEZONE_IA as STANDARD_IA; GLACIER and DEEP_ARCHIVE as GLACIER_IR); INTELLIGENT_TIERING
 * starts in its frequent-access tier, priced as STANDARD. Both inventory readers use this, so they price alike.
 */
export function pricedTransitions(transitions: Transition[]): Pick<NonNullable<Inventory["archive"]>, "iaAfterDays" | "glacierIrAfterDays"> {
  const priced: Pick<NonNullable<Inventory["archive"]>, "iaAfterDays" | "glacierIrAfterDays"> = {};
  for (const t of transitions) {
    const key = ["STANDARD_IA", "ONEZONE_IA"].includes(t.storageClass)
      ? "iaAfterDays"
      : t.storageClass === "INTELLIGENT_TIERING"
        ? undefined
        : "glacierIrAfterDays";
    if (key && (priced[key] === undefined || t.days < priced[key])) priced[key] = t.days;
  }
  return priced;
}

/** Recordings move to a storage class only before they expire (the lifecycle rule carries no later transition). */
function archiveOf(a: ArchivePlan): NonNullable<Inventory["archive"]> {
  return {
    retentionDays: a.retentionDays,
    ...pricedTransitions(a.transitions.filter((t) => t.days < a.retentionDays)),
    segmentSeconds: a.segmentSeconds,
    pipelines: a.pipelinesRecorded.length,
  };
}

/** The encodes of a channel: every video description, and audio-only rungs an HLS group carries. */
function encodesOfLive(live: LiveEncodingPlan | undefined): Encode[] {
  // The channel encodes every video description; an audio-only rung is encoded where an HLS group carries it.
  const audioOnly = new Set(live?.outputGroups.flatMap((g) => (g.kind === "hls" ? g.outputs.filter((o) => o.rung.kind === "audio").map((o) => o.rung) : [])));
  // A video description's audio is the one the first output carrying it pairs it with; a description no output uses (a ladder rung beside RTMP-only outputs) carries none.
  const outputs = live?.outputGroups.flatMap((g): Array<{ video?: string; audio: string }> => g.outputs) ?? [];
  const audioWith = (description: string) =>
    live?.audioEncodes.find((a) => a.description === outputs.find((o) => o.video === description)?.audio)?.bitrate ?? 0;
  return live
    ? [
        ...live.videoEncodes.map((v) => videoEncode(v.rung.name, v.rung, audioWith(v.description))),
        ...[...audioOnly].map((r) => audioEncode(r.name, r.audio_bitrate)),
      ]
    : [];
}

/** A channel's inputs, billed by its input specification. */
function inputsOfLive(live: LiveEncodingPlan | undefined): Inventory["inputs"] {
  const spec = live?.inputSpecification;
  return live
    ? live.inputs.map(({ source }) => ({ id: source.id, resolution: spec!.inputResolution, maxMbps: MAX_MBPS[spec!.maximumBitrate], push: source.push }))
    : [];
}

/** The failover region's second channel, MediaPackage v2 channel and forwarding rule. */
function failoverOf(plan: PipelinePlan): FailoverInventory | undefined {
  const f = plan.failover;
  if (!f) return undefined;
  return {
    region: f.region,
    channelClass: f.live.channelClass,
    inputs: inputsOfLive(f.live),
    encodes: encodesOfLive(f.live),
    channelOutputs: channelOutputsOf(f.live),
    packaged: true,
    eventRules: f.eventRules.failoverRegion,
    channelLogs: !!plan.liveAccess?.writesLogs,
  };
}

/** The inventory of a pipeline's plans. */
export function inventoryOfPlan(plan: PipelinePlan): Inventory {
  const live = plan.live;
  const failover = failoverOf(plan);
  return {
    pipeline_id: plan.pipelineId,
    region: plan.region,
    channelClass: live?.channelClass ?? null,
    inputs: inputsOfLive(live),
    encodes: encodesOfLive(live),
    packaged: !!plan.packaging,
    cdn: !!plan.delivery,
    segmentSeconds: plan.delivery?.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS,
    archive: plan.archive ? archiveOf(plan.archive) : null,
    vodRenditions: (plan.vod?.groups ?? []).flatMap((g) =>
      g.outputs.flatMap((o): Encode[] => {
        const name = `${g.name.toLowerCase()}${o.nameModifier}`;
        if (o.kind === "video") return [videoEncode(name, o.rung!, g.name === "HLS" ? o.rung!.audio_bitrate : 0)];
        if (o.kind === "audio") return [audioEncode(name, o.audioBitrate!)];
        return [];
      }),
    ),
    // The tier's channel alarms, and automation's idle-input alarm with the rules that start idle stop.
    alarms: (plan.monitoring?.alarms.length ?? 0) + (plan.automation?.idleStop ? 1 : 0),
    secrets: live?.simulcast.filter((d) => d.streamKey.kind === "secrets_manager").length ?? 0,
    eventRules: plan.events.rules + (plan.automation?.idleStop?.triggers.length ?? 0) + (plan.failover?.eventRules.pipelineBus ?? 0),
    kmsKeys: plan.automation?.budgetStop?.kmsKeys ?? 0,
    ...billedChannelQuantities(plan),
    ...captionOutputsOf((plan.live?.outputGroups ?? []).reduce((n, g) => n + (g.kind === "hls" ? (g.captions?.length ?? 0) : 0), 0)),
    ...drmEndpointsOf(plan.packaging?.endpoints.filter((e) => e.encryption).map((e) => e.endpointName) ?? []),
    ...(failover ? { failover } : {}),
    ...(plan.viewerAnalytics ? { viewerLogs: { retentionDays: plan.viewerAnalytics.retentionDays } } : {}),
    ...(plan.ivs ? { ivs: { channelType: plan.ivs.channelType, recorded: !!plan.ivs.recording } } : {}),
    ...adInsertionOf(plan.adInsertion ? 1 : 0),
  };
}

/** Every output of a channel, one per output of each output group (shared encodes included). */
function channelOutputsOf(live: LiveEncodingPlan | undefined): ChannelOutput[] {
  const rungOf = (video: string) => live!.videoEncodes.find((v) => v.description === video)!.rung;
  const encodeOf = (r: ResolvedRung) => (r.kind === "audio" ? audioEncode(r.name, r.audio_bitrate) : videoEncode(r.name, r, r.audio_bitrate));
  return (live?.outputGroups ?? []).flatMap((g): ChannelOutput[] =>
    g.kind === "hls"
      ? g.outputs.map((o) => ({ group: g.name, encode: encodeOf(o.rung) }))
      : g.outputs.map((o) => ({ group: g.name, encode: encodeOf(rungOf(o.video)) })),
  );
}

/** The channel's outputs (one charge each, shared encodes included) and what leaves AWS to RTMP destinations. */
function billedChannelQuantities(
  plan: PipelinePlan,
): Pick<Inventory, "channelOutputs" | "rtmpDestinations" | "watchFolderTransitionsPerJob" | "schedulerInvocationsPerMonth" | "channelLogs"> {
  const groups = plan.live?.outputGroups ?? [];
  const rungOf = (video: string) => plan.live!.videoEncodes.find((v) => v.description === video)!.rung;
  const encodeOf = (r: ResolvedRung) => (r.kind === "audio" ? audioEncode(r.name, r.audio_bitrate) : videoEncode(r.name, r, r.audio_bitrate));
  const simulcast = groups.flatMap((g) => (g.kind === "rtmp" ? g.outputs : []));
  return {
    channelOutputs: channelOutputsOf(plan.live),
    rtmpDestinations: simulcast.map((o) => ({ id: o.destination, kbps: encodeOf(rungOf(o.video)).kbps })),
    watchFolderTransitionsPerJob: plan.vod?.watchFolderTransitionsPerJob ?? 0,
    schedulerInvocationsPerMonth: 0,
    channelLogs: !!plan.liveAccess?.writesLogs,
  };
}

export function inventoryOfPipeline(p: ResolvedPipeline): Inventory {
  return inventoryOfPlan(planPipeline(p));
}

/** The drmEndpoints field: present only when some endpoint is encrypted, so inventories without DRM look as before. */
export function drmEndpointsOf(names: string[]): Pick<Inventory, "drmEndpoints"> {
  return names.length ? { drmEndpoints: [...names].sort() } : {};
}

/** The adInsertion field: present only when the module has MediaTailor playback configurations. */
export function adInsertionOf(playbackConfigurations: number): Pick<Inventory, "adInsertion"> {
  return playbackConfigurations ? { adInsertion: { playbackConfigurations } } : {};
}

/** The captionOutputs field: present only when the channel has WebVTT renditions. */
export function captionOutputsOf(count: number): Pick<Inventory, "captionOutputs"> {
  return count ? { captionOutputs: count } : {};
}
