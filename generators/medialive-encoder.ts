/**
 * Pure builders for the MediaLive channel's encoder settings, rendered from the live encoding plan
 * (src/plans/live-encoding.ts): its video and audio encodes, and its output groups for MediaPackage
 * v2, the S3 archive and simulcast (RTMP). Kept free of constructs so it is easy to test and review.
 */
import type { MedialiveChannelEncoderSettings, MedialiveChannelEncoderSettingsOutputGroups } from "@cdktf/provider-aws/lib/medialive-channel";
import {
  AUDIO_SELECTOR,
  DESTINATION,
  type AudioEncode,
  type CaptionEncode,
  type HlsCaptionsOutput,
  type HlsRungOutput,
  type LiveEncodingPlan,
  type LiveOutputGroup,
  type VideoEncode,
} from "../src/plans/live-encoding";

function videoDescription({ description, rung: r, level }: VideoEncode) {
  const gop = { gopSize: r.gop_seconds!, gopSizeUnits: "SECONDS" };
  const common = {
    rateControlMode: "QVBR",
    qvbrQualityLevel: r.qvbr_quality!,
    maxBitrate: r.bitrate!,
    framerateNumerator: r.framerate_numerator!,
    framerateDenominator: r.framerate_denominator!,
    level,
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
  return { name: description, width: r.width!, height: r.height!, scalingBehavior: "DEFAULT", respondToAfd: "NONE", sharpness: 50, codecSettings };
}

function audioDescription({ description, bitrate }: AudioEncode) {
  return {
    name: description,
    audioSelectorName: AUDIO_SELECTOR,
    audioTypeControl: "FOLLOW_INPUT",
    languageCodeControl: "FOLLOW_INPUT",
    codecSettings: {
      aacSettings: {
        bitrate,
        codingMode: "CODING_MODE_2_0",
        inputType: "NORMAL",
        profile: "LC",
        rateControlMode: "CBR",
        rawFormat: "NONE",
        sampleRate: 48000,
        spec: "MPEG4",
      },
    },
  };
}

const M3U8 = {
  audioFramesPerPes: 4,
  audioPids: "492-498",
  pcrControl: "PCR_EVERY_PES_PACKET",
  pmtPid: "480",
  programNum: 1,
  scte35Behavior: "NO_PASSTHROUGH",
  timedMetadataBehavior: "NO_PASSTHROUGH",
  videoPid: "481",
};

/** TS outputs to MediaPackage pass SCTE-35 through when the definition asks for ad markers (plan.scte35). */
function m3u8Settings(scte35: LiveEncodingPlan["scte35"]) {
  return scte35 ? { ...M3U8, scte35Behavior: "PASSTHROUGH", scte35Pid: scte35.pid } : M3U8;
}

/** A WebVTT rendition: an output that carries only its caption description (MediaLive user guide, WebVTT captions in HLS). */
function hlsCaptionsOutput(o: HlsCaptionsOutput) {
  return {
    outputName: o.name,
    captionDescriptionNames: [o.captionDescription],
    outputSettings: { hlsOutputSettings: { nameModifier: o.nameModifier, hlsSettings: { standardHlsSettings: { m3U8Settings: M3U8 } } } },
  };
}

/** Caption description: the input's 608 channel as WebVTT, or drawn into the picture (white on a black outline, MediaLive's defaults). */
function captionDescription(c: CaptionEncode) {
  return {
    name: c.description,
    captionSelectorName: c.selector,
    languageCode: c.languageCode,
    languageDescription: c.languageDescription,
    destinationSettings:
      c.destination === "webvtt"
        ? { webvttDestinationSettings: { styleControl: "NO_STYLE_DATA" } }
        : { burnInDestinationSettings: { outlineColor: "BLACK", outlineSize: 2, fontColor: "WHITE", teletextGridControl: "SCALED" } },
  };
}

function hlsOutput(o: HlsRungOutput, scte35: LiveEncodingPlan["scte35"]) {
  return o.rung.kind === "audio"
    ? {
        outputName: o.name,
        audioDescriptionNames: [o.audio],
        outputSettings: {
          hlsOutputSettings: {
            nameModifier: o.nameModifier,
            hlsSettings: { audioOnlyHlsSettings: { audioTrackType: "AUDIO_ONLY_VARIANT_STREAM", segmentType: "AAC" } },
          },
        },
      }
    : {
        outputName: o.name,
        videoDescriptionName: o.video,
        audioDescriptionNames: [o.audio],
        ...(o.burnIn ? { captionDescriptionNames: [o.burnIn] } : {}),
        outputSettings: {
          hlsOutputSettings: {
            nameModifier: o.nameModifier,
            hlsSettings: { standardHlsSettings: { audioRenditionSets: "program_audio", m3U8Settings: m3u8Settings(scte35) } },
          },
        },
      };
}

function hlsGroup(destinationRefId: string, mode: "LIVE" | "VOD", segment: number, scte35: boolean) {
  return {
    // Elemental cue tags carry the passed-through SCTE-35 in the manifests MediaPackage v2 reads (MediaPackage v2 user guide, SCTE-35).
    ...(scte35 ? { adMarkers: ["ELEMENTAL_SCTE35"] } : {}),
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
        : // An S3 destination takes HLS S3 CDN settings (MediaLive User Guide, HLS to Amazon S3); the archive bucket
          // enforces bucket-owner ownership, which accepts only this canned ACL.
          [{ hlsS3Settings: { cannedAcl: "BUCKET_OWNER_FULL_CONTROL" } }],
  };
}

function outputGroup(g: LiveOutputGroup, segment: number, planScte35: LiveEncodingPlan["scte35"]): MedialiveChannelEncoderSettingsOutputGroups {
  if (g.kind === "hls") {
    // Only the group MediaPackage packages carries ad markers; the archive recording stays as it was.
    const scte35 = g.destination === DESTINATION.mediapackage ? planScte35 : undefined;
    return {
      name: g.name,
      outputGroupSettings: { hlsGroupSettings: hlsGroup(g.destination, g.mode, segment, scte35 !== undefined) },
      outputs: [...g.outputs.map((o) => hlsOutput(o, scte35)), ...(g.captions ?? []).map(hlsCaptionsOutput)],
    };
  }
  return {
    name: g.name,
    outputGroupSettings: {
      rtmpGroupSettings: {
        authenticationScheme: "COMMON",
        cacheLength: 30,
        restartDelay: 15,
        inputLossAction: "EMIT_OUTPUT",
        cacheFullBehavior: "DISCONNECT_IMMEDIATELY",
      },
    },
    outputs: g.outputs.map((o) => ({
      outputName: o.name,
      videoDescriptionName: o.video,
      audioDescriptionNames: [o.audio],
      outputSettings: {
        rtmpOutputSettings: {
          destination: { destinationRefId: o.destination },
          certificateMode: "VERIFY_AUTHENTICITY",
          connectionRetryInterval: 2,
          numRetries: 10,
        },
      },
    })),
  };
}

export function buildEncoderSettings(plan: LiveEncodingPlan): MedialiveChannelEncoderSettings {
  return {
    timecodeConfig: { source: "SYSTEMCLOCK" },
    videoDescriptions: plan.videoEncodes.map(videoDescription),
    audioDescriptions: plan.audioEncodes.map(audioDescription),
    ...(plan.captions ? { captionDescriptions: plan.captions.encodes.map(captionDescription) } : {}),
    outputGroups: plan.outputGroups.map((g) => outputGroup(g, plan.segmentSeconds, plan.scte35)),
  };
}
