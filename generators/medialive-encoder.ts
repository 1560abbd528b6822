/**
 * Pure builders for the MediaLive channel's encoder settings: one video description per rung
 * (QVBR), one AAC audio description per distinct audio bitrate, and output groups for MediaPackage
 * v2, simulcast (RTMP) and the S3 archive. Kept free of constructs so it is easy to test and review.
 */
import type { MedialiveChannelEncoderSettings, MedialiveChannelEncoderSettingsOutputGroups } from "@cdktf/provider-aws/lib/medialive-channel";
import type { ResolvedPipeline, ResolvedRung } from "../src/core/resolve";

export const DESTINATION = { mediapackage: "mediapackage", archive: "archive" } as const;

export const videoDescriptionName = (r: ResolvedRung) => `video_${r.name}`;
export const audioDescriptionName = (bitrate: number) => `audio_aac_${Math.round(bitrate / 1000)}k`;
export const AUDIO_SELECTOR = "default";

/** MediaLive segment length (seconds): one GOP per segment keeps every rung aligned for packaging. */
export function segmentSeconds(p: ResolvedPipeline): number {
  return Math.max(1, Math.round(Math.max(...p.rungs.map((r) => r.gop_seconds ?? 2))));
}

function videoDescription(r: ResolvedRung) {
  const gop = { gopSize: r.gop_seconds!, gopSizeUnits: "SECONDS" };
  const common = {
    rateControlMode: "QVBR",
    qvbrQualityLevel: r.qvbr_quality!,
    maxBitrate: r.bitrate!,
    framerateNumerator: r.framerate_numerator!,
    framerateDenominator: r.framerate_denominator!,
    level: r.level!,
    sceneChangeDetect: "ENABLED",
    adaptiveQuantization: "AUTO",
    lookAheadRateControl: "MEDIUM",
    ...gop,
  };
  const codecSettings =
    r.codec === "h265"
      ? {
          h265Settings: {
            ...common,
            // The provider requires `bitrate` even though QVBR is capped by maxBitrate; MediaLive ignores it in QVBR.
            bitrate: r.bitrate!,
            profile: "MAIN",
            tier: "MAIN",
            colorMetadata: "INSERT",
          },
        }
      : {
          h264Settings: {
            ...common,
            profile: r.profile!.toUpperCase(),
            framerateControl: "SPECIFIED",
            parControl: "INITIALIZE_FROM_SOURCE",
            entropyEncoding: r.profile === "baseline" ? "CAVLC" : "CABAC",
            gopBReference: r.profile === "baseline" ? "DISABLED" : "ENABLED",
            gopNumBFrames: r.profile === "baseline" ? 0 : 3,
            colorMetadata: "INSERT",
            timecodeInsertion: "DISABLED",
          },
        };
  return { name: videoDescriptionName(r), width: r.width!, height: r.height!, scalingBehavior: "DEFAULT", respondToAfd: "NONE", sharpness: 50, codecSettings };
}

function audioDescription(bitrate: number) {
  return {
    name: audioDescriptionName(bitrate),
    audioSelectorName: AUDIO_SELECTOR,
    audioTypeControl: "FOLLOW_INPUT",
    languageCodeControl: "FOLLOW_INPUT",
    codecSettings: {
      aacSettings: { bitrate, codingMode: "CODING_MODE_2_0", inputType: "NORMAL", profile: "LC", rateControlMode: "CBR", rawFormat: "NONE", sampleRate: 48000, spec: "MPEG4" },
    },
  };
}

const M3U8 = { audioFramesPerPes: 4, audioPids: "492-498", pcrControl: "PCR_EVERY_PES_PACKET", pmtPid: "480", programNum: 1, scte35Behavior: "NO_PASSTHROUGH", timedMetadataBehavior: "NO_PASSTHROUGH", videoPid: "481" };

function hlsOutputs(p: ResolvedPipeline, prefix: string) {
  return p.rungs.map((r) =>
    r.kind === "audio"
      ? {
          outputName: `${prefix}_${r.name}`,
          audioDescriptionNames: [audioDescriptionName(r.audio_bitrate)],
          outputSettings: { hlsOutputSettings: { nameModifier: `_${r.name}`, hlsSettings: { audioOnlyHlsSettings: { audioTrackType: "AUDIO_ONLY_VARIANT_STREAM", segmentType: "AAC" } } } },
        }
      : {
          outputName: `${prefix}_${r.name}`,
          videoDescriptionName: videoDescriptionName(r),
          audioDescriptionNames: [audioDescriptionName(r.audio_bitrate)],
          outputSettings: { hlsOutputSettings: { nameModifier: `_${r.name}`, hlsSettings: { standardHlsSettings: { audioRenditionSets: "program_audio", m3U8Settings: M3U8 } } } },
        },
  );
}

function hlsGroup(p: ResolvedPipeline, destinationRefId: string, mode: "LIVE" | "VOD") {
  const segment = segmentSeconds(p);
  return {
    destination: { destinationRefId },
    mode,
    segmentLength: segment,
    // MediaPackage v2 needs program date time on every segment to align pipelines and build DASH/CMAF.
    programDateTime: "INCLUDE",
    programDateTimePeriod: segment,
    programDateTimeClock: "SYSTEM_CLOCK",
    inputLossAction: "EMIT_OUTPUT",
    codecSpecification: "RFC_4281",
    manifestDurationFormat: "FLOATING_POINT",
    streamInfResolution: "INCLUDE",
    directoryStructure: "SINGLE_DIRECTORY",
    tsFileMode: "SEGMENTED_FILES",
    clientCache: "ENABLED",
    outputSelection: "MANIFESTS_AND_SEGMENTS",
    indexNSegments: 10,
    keepSegments: 21,
    hlsCdnSettings:
      destinationRefId === DESTINATION.mediapackage
        ? [{ hlsBasicPutSettings: { connectionRetryInterval: 1, filecacheDuration: 300, numRetries: 10, restartDelay: 15 } }]
        : undefined,
  };
}

/** The rung sent to simulcast platforms: the best H.264 rung at or below 1080p (RTMP platforms take AVC). */
export function simulcastRung(p: ResolvedPipeline): ResolvedRung | undefined {
  return p.rungs.find((r) => r.kind === "video" && r.codec === "h264" && (r.height ?? 0) <= 1080);
}

export interface EncoderPlan {
  mediapackage: boolean;
  archive: boolean;
  simulcast: string[];
}

export function buildEncoderSettings(p: ResolvedPipeline, plan: EncoderPlan): MedialiveChannelEncoderSettings {
  const video = p.rungs.filter((r) => r.kind === "video");
  const audioBitrates = [...new Set(p.rungs.map((r) => r.audio_bitrate))].sort((a, b) => b - a);
  const outputGroups: MedialiveChannelEncoderSettingsOutputGroups[] = [];
  if (plan.mediapackage)
    outputGroups.push({ name: "mediapackage", outputGroupSettings: { hlsGroupSettings: hlsGroup(p, DESTINATION.mediapackage, "LIVE") }, outputs: hlsOutputs(p, "mediapackage") });
  if (plan.archive)
    outputGroups.push({ name: "archive", outputGroupSettings: { hlsGroupSettings: hlsGroup(p, DESTINATION.archive, "VOD") }, outputs: hlsOutputs(p, "archive") });
  const rung = simulcastRung(p);
  if (plan.simulcast.length > 0) {
    if (!rung) throw new Error("simulcast needs an H.264 video rung at or below 1080p");
    outputGroups.push({
      name: "simulcast",
      outputGroupSettings: { rtmpGroupSettings: { authenticationScheme: "COMMON", cacheLength: 30, restartDelay: 15, inputLossAction: "EMIT_OUTPUT", cacheFullBehavior: "DISCONNECT_IMMEDIATELY" } },
      outputs: plan.simulcast.map((destination) => ({
        outputName: `simulcast_${destination}`,
        videoDescriptionName: videoDescriptionName(rung),
        audioDescriptionNames: [audioDescriptionName(rung.audio_bitrate)],
        outputSettings: { rtmpOutputSettings: { destination: { destinationRefId: destination }, certificateMode: "VERIFY_AUTHENTICITY", connectionRetryInterval: 2, numRetries: 10 } },
      })),
    });
  }
  return {
    timecodeConfig: { source: "SYSTEMCLOCK" },
    videoDescriptions: video.map(videoDescription),
    audioDescriptions: audioBitrates.map(audioDescription),
    outputGroups,
  };
}
