/**
 * MediaConvert job settings built from the VOD plan (the same ladder as the live channel): HLS (TS),
 * DASH and CMAF output groups per the pipeline's packaging, QVBR per rung, AAC audio, optional thumbnails.
 * Plain data in the MediaConvert API's shape, so it can be checked against the API model.
 */
import type { ResolvedRung } from "../types/resolved-pipeline.generated";
import type { Json } from "../types/json";
import { VOD_FRAGMENT_SECONDS, type SidecarCaptionsPlan, VodGroupPlan, VodOutputPlan, VodPlan } from "./vod";

function videoDescription(r: ResolvedRung): Json {
  const common = {
    RateControlMode: "QVBR",
    QvbrSettings: { QvbrQualityLevel: r.qvbr_quality },
    MaxBitrate: r.bitrate,
    GopSize: r.gop_seconds,
    GopSizeUnits: "SECONDS",
    FramerateControl: "SPECIFIED",
    FramerateNumerator: r.framerate_numerator,
    FramerateDenominator: r.framerate_denominator,
    SceneChangeDetect: "TRANSITION_DETECTION",
  };
  const codecSettings =
    r.codec === "h265"
      ? { Codec: "H_265", H265Settings: { ...common, CodecProfile: "MAIN_MAIN", CodecLevel: "AUTO", WriteMp4PackagingType: "HVC1" } }
      : { Codec: "H_264", H264Settings: { ...common, CodecProfile: r.profile!.toUpperCase(), CodecLevel: "AUTO" } };
  return { Width: r.width, Height: r.height, CodecSettings: codecSettings };
}

const aac = (bitrate: number): Json => ({
  AudioSourceName: "Audio Selector 1",
  CodecSettings: { Codec: "AAC", AacSettings: { Bitrate: bitrate, CodingMode: "CODING_MODE_2_0", SampleRate: 48000 } },
});

/** One rung of the HLS (TS) ladder as MediaConvert PresetSettings: what a preset holds and an HLS output inlines. */
export function hlsRungPresetSettings(r: ResolvedRung): Json {
  return {
    ContainerSettings: { Container: "M3U8", M3u8Settings: {} },
    ...(r.kind === "video" ? { VideoDescription: videoDescription(r) } : {}),
    AudioDescriptions: [aac(r.audio_bitrate)],
  };
}

const CONTAINERS = { DASH: { Container: "MPD" }, CMAF: { Container: "CMFC" } } as const;

function groupSettings(g: VodGroupPlan, destination: string): Json {
  const Destination = `${destination}${g.folder}`;
  switch (g.name) {
    case "HLS":
      return {
        Type: "HLS_GROUP_SETTINGS",
        HlsGroupSettings: {
          Destination,
          SegmentLength: g.segmentSeconds,
          MinSegmentLength: 0,
          SegmentControl: "SEGMENTED_FILES",
          DirectoryStructure: "SINGLE_DIRECTORY",
          ManifestDurationFormat: "INTEGER",
          OutputSelection: "MANIFESTS_AND_SEGMENTS",
        },
      };
    case "DASH":
      return { Type: "DASH_ISO_GROUP_SETTINGS", DashIsoGroupSettings: { Destination, SegmentLength: g.segmentSeconds, FragmentLength: VOD_FRAGMENT_SECONDS } };
    case "CMAF":
      return {
        Type: "CMAF_GROUP_SETTINGS",
        CmafGroupSettings: {
          Destination,
          SegmentLength: g.segmentSeconds,
          FragmentLength: VOD_FRAGMENT_SECONDS,
          WriteHlsManifest: "ENABLED",
          WriteDashManifest: "ENABLED",
        },
      };
    case "Thumbnails":
      return { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination } };
  }
}

/** The one caption selector of a job with sidecar captions. */
export const SIDECAR_CAPTION_SELECTOR = "Captions Selector 1";

/** Containers of a captions-only output per group: WebVTT beside the renditions (MediaConvert: captions in HLS, DASH and CMAF outputs). */
const CAPTIONS_CONTAINERS: Record<string, Json> = { HLS: { Container: "M3U8", M3u8Settings: {} }, DASH: { Container: "MPD" }, CMAF: { Container: "CMFC" } };

function captionsOutput(g: VodGroupPlan, o: VodOutputPlan, c: SidecarCaptionsPlan): Json {
  return {
    NameModifier: o.nameModifier,
    ContainerSettings: CAPTIONS_CONTAINERS[g.name],
    CaptionDescriptions: [
      {
        CaptionSelectorName: SIDECAR_CAPTION_SELECTOR,
        LanguageCode: c.languageCode,
        LanguageDescription: c.languageDescription,
        DestinationSettings: { DestinationType: "WEBVTT", WebvttDestinationSettings: { StylePassthrough: "DISABLED" } },
      },
    ],
  };
}

/** A job input: the upload, and its sidecar captions when the pipeline has them (`sourceFile`: the sidecar's S3 URL). */
export function jobInput(c: SidecarCaptionsPlan | undefined, sourceFile?: Json): Json {
  return {
    AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } },
    VideoSelector: {},
    TimecodeSource: "ZEROBASED",
    ...(c
      ? { CaptionSelectors: { [SIDECAR_CAPTION_SELECTOR]: { SourceSettings: { SourceType: c.sourceType, FileSourceSettings: { ...(sourceFile ?? {}) } } } } }
      : {}),
  };
}

function groupOutput(g: VodGroupPlan, o: VodOutputPlan, hlsPresets?: Record<string, string>, c?: SidecarCaptionsPlan): Json {
  if (o.kind === "captions") return captionsOutput(g, o, c!);
  if (g.name === "HLS")
    return { NameModifier: o.nameModifier, ...(hlsPresets?.[o.rung!.name] ? { Preset: hlsPresets[o.rung!.name] } : hlsRungPresetSettings(o.rung!)) };
  if (g.name === "Thumbnails")
    return {
      NameModifier: o.nameModifier,
      ContainerSettings: { Container: "RAW" },
      VideoDescription: {
        Width: 640,
        Height: 360,
        CodecSettings: { Codec: "FRAME_CAPTURE", FrameCaptureSettings: { FramerateNumerator: 1, FramerateDenominator: 10, MaxCaptures: 100, Quality: 80 } },
      },
    };
  const ContainerSettings = CONTAINERS[g.name];
  return o.kind === "video"
    ? { NameModifier: o.nameModifier, ContainerSettings, VideoDescription: videoDescription(o.rung!) }
    : { NameModifier: o.nameModifier, ContainerSettings, AudioDescriptions: [aac(o.audioBitrate!)] };
}

/**
 * Job settings for the VOD plan's groups, writing under `destination`. With `hlsPresets` (rung name ->
 * preset name) the HLS outputs refer to those presets instead of inlining the same settings.
 */
export function mediaConvertSettings(vod: Pick<VodPlan, "groups" | "sidecarCaptions">, destination: string, hlsPresets?: Record<string, string>): Json {
  return {
    TimecodeConfig: { Source: "ZEROBASED" },
    Inputs: [jobInput(vod.sidecarCaptions)],
    OutputGroups: vod.groups.map((g) => ({
      Name: g.name,
      OutputGroupSettings: groupSettings(g, destination),
      Outputs: g.outputs.map((o) => groupOutput(g, o, hlsPresets, vod.sidecarCaptions)),
    })),
  };
}
