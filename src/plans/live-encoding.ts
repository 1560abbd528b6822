/**
 * Live encoding plan: what the MediaLive channel runs — its class and pipelines, inputs, the encodes
 * of the ladder (codec levels included), segment length and where the output groups send them.
 * Plain data from the resolved pipeline; the MediaLive generator renders it, the cost inventory prices it.
 */
import type { ResolvedOutput, ResolvedPipeline, ResolvedRung, ResolvedSource, SecretRef } from "../types/resolved-pipeline.generated";
import { rungLevel } from "../core/codec-levels";
import { SrtCallerInputPlan, planSrtCallerInput } from "./srt-input";

export type ChannelClass = "SINGLE_PIPELINE" | "STANDARD";

/** Destination ids of the channel's own output groups (simulcast destinations use the output's id). */
export const DESTINATION = { mediapackage: "mediapackage", archive: "archive" } as const;
export const AUDIO_SELECTOR = "default";

export const videoDescriptionName = (r: ResolvedRung) => `video_${r.name}`;
export const audioDescriptionName = (bitrate: number) => `audio_aac_${Math.round(bitrate / 1000)}k`;

export interface LiveInputPlan {
  source: ResolvedSource;
  /** One input destination/source per channel pipeline: [0] or [0, 1]. */
  pipelines: number[];
  /** The input the first attachment fails over to (automatic input failover), when there is a second live source. */
  failoverTo?: string;
  /** SRT caller sources: the CloudFormation stack that creates the input (hashicorp/aws cannot). */
  srt?: SrtCallerInputPlan;
}

export interface SimulcastDestination {
  id: string;
  /** Ingest URL per channel pipeline (the platform's backup ingest for pipeline 1). */
  urls: string[];
  streamKey: SecretRef;
  /** For the stream key variable's description. */
  url: string;
}

export interface VideoEncode {
  description: string;
  rung: ResolvedRung;
  /** The lowest H.264/H.265 level that carries the rung's size, frame rate and peak bitrate (src/core/codec-levels). */
  level: string;
}

export interface AudioEncode {
  description: string;
  bitrate: number;
}

/** One output of an HLS group: a rung of the ladder. */
export interface HlsRungOutput {
  name: string;
  nameModifier: string;
  rung: ResolvedRung;
  video?: string;
  audio: string;
  /** Burned-in captions (captions.mode burn_in): this video output's own caption description. */
  burnIn?: string;
}

/** A WebVTT rendition of the MediaPackage group: one 608 channel, its own output and caption description. */
export interface HlsCaptionsOutput {
  name: string;
  nameModifier: string;
  captionDescription: string;
}

/** A caption description: which input caption selector, how it leaves the channel. */
export interface CaptionEncode {
  description: string;
  selector: string;
  languageCode: string;
  languageDescription: string;
  destination: "webvtt" | "burn_in";
}

export type LiveOutputGroup =
  | {
      kind: "hls";
      name: "mediapackage" | "archive";
      destination: string;
      mode: "LIVE" | "VOD";
      outputs: HlsRungOutput[];
      /** WebVTT renditions (captions.mode webvtt); MediaPackage v2 serves them in HLS, DASH and CMAF. */
      captions?: HlsCaptionsOutput[];
    }
  | { kind: "rtmp"; name: "simulcast"; outputs: Array<{ name: string; destination: string; video: string; audio: string }> };

export interface LiveEncodingPlan {
  channelClass: ChannelClass;
  /** Channel pipelines: [0] for SINGLE_PIPELINE, [0, 1] for STANDARD. */
  pipelines: number[];
  logLevel: ResolvedPipeline["tier_settings"]["log_level"];
  /**
   * MediaLive's log group (ElementalMediaLive, one per account and region) is created by a module with a retention,
   * unless logging is off; a template's creators leave it to the template's shared module by default.
   */
  logGroup?: { manageByDefault: boolean };
  inputs: LiveInputPlan[];
  inputSpecification: { codec: "AVC" | "HEVC"; inputResolution: "SD" | "HD" | "UHD"; maximumBitrate: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS" };
  videoEncodes: VideoEncode[];
  /** One AAC description per distinct audio bitrate, highest first. */
  audioEncodes: AudioEncode[];
  /** HLS segment length (seconds): one GOP per segment keeps every rung aligned for packaging. */
  segmentSeconds: number;
  /** Whether the channel pushes to MediaPackage and/or records to the archive (destinations filled in by the generator). */
  toMediaPackage: boolean;
  toArchive: boolean;
  simulcast: SimulcastDestination[];
  outputGroups: LiveOutputGroup[];
  /**
   * SCTE-35 to MediaPackage (the definition's ad_markers): the MediaPackage group's TS outputs pass SCTE-35 through
   * on their own PID and its manifests carry ELEMENTAL_SCTE35 cue tags, which MediaPackage v2 reads as ad markers.
   * Undefined: SCTE-35 is dropped (NO_PASSTHROUGH).
   */
  scte35?: { pid: string };
  /**
   * Embedded CEA-608 captions (the definition's captions): one caption selector per 608 channel on every input,
   * and the caption descriptions of the MediaPackage group's WebVTT renditions or burned-in video outputs.
   */
  captions?: { selectors: Array<{ name: string; channel: number; languageCode: string }>; encodes: CaptionEncode[] };
}

/** The TS PID SCTE-35 travels on: MediaLive's default, beside the video (481), audio (492-498) and PMT (480) PIDs. */
export const SCTE35_PID = "500";

/** MediaLive segment length (seconds): one GOP per segment. */
export function liveSegmentSeconds(rungs: ResolvedRung[]): number {
  return Math.max(1, Math.round(Math.max(...rungs.map((r) => r.gop_seconds ?? 2))));
}

/** The rung sent to simulcast platforms: the best H.264 rung at or below 1080p (RTMP platforms take AVC). */
export function simulcastRung(rungs: ResolvedRung[]): ResolvedRung | undefined {
  return rungs.find((r) => r.kind === "video" && r.codec === "h264" && (r.height ?? 0) <= 1080);
}

function hlsOutputs(rungs: ResolvedRung[], prefix: string): HlsRungOutput[] {
  return rungs.map((r) => ({
    name: `${prefix}_${r.name}`,
    nameModifier: `_${r.name}`,
    rung: r,
    ...(r.kind === "video" ? { video: videoDescriptionName(r) } : {}),
    audio: audioDescriptionName(r.audio_bitrate),
  }));
}

/** Pipeline 1 of a STANDARD channel publishes to the platform's backup ingest (BMF-SIMULCAST-BACKUP requires one), never to the primary URL and key. */
function simulcastDestination(o: ResolvedOutput, pipelines: number[]): SimulcastDestination {
  if (pipelines.length > 1 && !o.backup_url)
    throw new Error(`plan bug: simulcast '${o.id}' has no backup URL for pipeline 1 of a STANDARD channel (validation should have refused it)`);
  return { id: o.id, url: o.url!, urls: pipelines.map((i) => (i === 0 ? o.url! : o.backup_url!)), streamKey: o.stream_key! };
}

/** Undefined for pipelines without a live part. */
export function planLiveEncoding(p: ResolvedPipeline): LiveEncodingPlan | undefined {
  if (!p.live) return undefined;
  const channelClass = p.tier_settings.channel_class;
  const pipelines = channelClass === "STANDARD" ? [0, 1] : [0];
  const live = p.sources.filter((s) => s.live);
  const toMediaPackage = p.outputs.some((o) => o.kind === "cdn");
  const toArchive = p.outputs.some((o) => o.kind === "archive");
  const simulcast = p.outputs.filter((o) => o.kind === "rtmp_push").map((o) => simulcastDestination(o, pipelines));
  const outputGroups: LiveOutputGroup[] = [];
  const captions = toMediaPackage ? planCaptions(p) : undefined;
  if (toMediaPackage)
    outputGroups.push({
      kind: "hls",
      name: "mediapackage",
      destination: DESTINATION.mediapackage,
      mode: "LIVE",
      outputs: hlsOutputs(p.rungs, "mediapackage").map((o) => (captions?.burnIn && o.video ? { ...o, burnIn: `${captions.burnIn}_${o.rung.name}` } : o)),
      ...(captions?.webvtt.length ? { captions: captions.webvtt } : {}),
    });
  if (toArchive) outputGroups.push({ kind: "hls", name: "archive", destination: DESTINATION.archive, mode: "VOD", outputs: hlsOutputs(p.rungs, "archive") });
  if (simulcast.length > 0) {
    const rung = simulcastRung(p.rungs);
    if (!rung) throw new Error("simulcast needs an H.264 video rung at or below 1080p");
    outputGroups.push({
      kind: "rtmp",
      name: "simulcast",
      outputs: simulcast.map((d) => ({
        name: `simulcast_${d.id}`,
        destination: d.id,
        video: videoDescriptionName(rung),
        audio: audioDescriptionName(rung.audio_bitrate),
      })),
    });
  }
  return {
    channelClass,
    pipelines,
    logLevel: p.tier_settings.log_level,
    ...(p.tier_settings.log_level !== "DISABLED" ? { logGroup: { manageByDefault: !p.shared_channel_group } } : {}),
    inputs: live.map((source, i) => ({
      source,
      pipelines,
      ...(i === 0 && live[1] ? { failoverTo: live[1].id } : {}),
      ...(source.kind === "srt" ? { srt: planSrtCallerInput(source, pipelines) } : {}),
    })),
    inputSpecification: {
      codec: p.rungs.some((r) => r.codec === "h265") ? "HEVC" : "AVC",
      inputResolution: (["UHD", "HD", "SD"] as const).find((r) => p.sources.some((s) => s.max_resolution === r)) ?? "HD",
      maximumBitrate: (["MAX_50_MBPS", "MAX_20_MBPS", "MAX_10_MBPS"] as const).find((b) => p.sources.some((s) => s.max_bitrate === b)) ?? "MAX_20_MBPS",
    },
    videoEncodes: p.rungs.filter((r) => r.kind === "video").map((rung) => ({ description: videoDescriptionName(rung), rung, level: rungLevel(rung) })),
    audioEncodes: [...new Set(p.rungs.map((r) => r.audio_bitrate))]
      .sort((a, b) => b - a)
      .map((bitrate) => ({ description: audioDescriptionName(bitrate), bitrate })),
    segmentSeconds: liveSegmentSeconds(p.rungs),
    toMediaPackage,
    toArchive,
    simulcast,
    outputGroups,
    ...(p.ad_markers && toMediaPackage ? { scte35: { pid: SCTE35_PID } } : {}),
    ...(captions ? { captions: { selectors: captions.selectors, encodes: captionEncodes(captions, outputGroups) } } : {}),
  };
}

interface CaptionsPlan {
  selectors: Array<{ name: string; channel: number; languageCode: string }>;
  webvtt: HlsCaptionsOutput[];
  /** Description-name prefix of the burned-in captions (one description per video output). */
  burnIn?: string;
  languages: Array<{ selector: string; languageCode: string; name: string }>;
}

/** Selectors per 608 channel; WebVTT outputs per language, or the burn-in prefix. Undefined without captions. */
function planCaptions(p: ResolvedPipeline): CaptionsPlan | undefined {
  const c = p.captions;
  if (!c) return undefined;
  const languages = c.languages.map((l) => ({ selector: `cc${l.channel}`, languageCode: l.language_code, name: l.name, channel: l.channel }));
  return {
    selectors: languages.map((l) => ({ name: l.selector, channel: l.channel, languageCode: l.languageCode })),
    webvtt:
      c.mode === "webvtt"
        ? languages.map((l) => ({
            name: `mediapackage_captions_${l.selector}`,
            nameModifier: `_captions_${l.selector}`,
            captionDescription: `captions_webvtt_${l.selector}`,
          }))
        : [],
    ...(c.mode === "burn_in" ? { burnIn: `captions_burnin_${languages[0].selector}` } : {}),
    languages,
  };
}

/** Caption descriptions: each WebVTT output and each burned-in video output has its own (MediaLive does not share them). */
function captionEncodes(c: CaptionsPlan, groups: LiveOutputGroup[]): CaptionEncode[] {
  if (c.burnIn) {
    const l = c.languages[0];
    return groups.flatMap((g) =>
      g.kind === "hls"
        ? g.outputs.flatMap((o) =>
            o.burnIn
              ? [{ description: o.burnIn, selector: l.selector, languageCode: l.languageCode, languageDescription: l.name, destination: "burn_in" as const }]
              : [],
          )
        : [],
    );
  }
  return c.webvtt.map((o, i) => ({
    description: o.captionDescription,
    selector: c.languages[i].selector,
    languageCode: c.languages[i].languageCode,
    languageDescription: c.languages[i].name,
    destination: "webvtt" as const,
  }));
}
