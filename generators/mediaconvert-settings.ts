/**
 * MediaConvert job settings built from the same ladder as the live channel: HLS (TS), DASH and CMAF
 * output groups per the pipeline's packaging, QVBR per rung, AAC audio, optional thumbnails.
 * Plain data in the MediaConvert API's shape, so it can be checked against the API model.
 */
import type { ResolvedPipeline, ResolvedRung } from "../src/core/resolve";

type Json = Record<string, unknown>;

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

const aac = (bitrate: number): Json => ({ AudioSourceName: "Audio Selector 1", CodecSettings: { Codec: "AAC", AacSettings: { Bitrate: bitrate, CodingMode: "CODING_MODE_2_0", SampleRate: 48000 } } });

/** One rung of the HLS (TS) ladder as MediaConvert PresetSettings: what a preset holds and an HLS output inlines. */
export function hlsRungPresetSettings(r: ResolvedRung): Json {
  return {
    ContainerSettings: { Container: "M3U8", M3u8Settings: {} },
    ...(r.kind === "video" ? { VideoDescription: videoDescription(r) } : {}),
    AudioDescriptions: [aac(r.audio_bitrate)],
  };
}

/**
 * Job settings for the pipeline's ladder, writing under `destination`. With `hlsPresets` (rung name ->
 * preset name) the HLS outputs refer to those presets instead of inlining the same settings.
 */
export function mediaConvertSettings(p: ResolvedPipeline, destination: string, hlsPresets?: Record<string, string>): Json {
  const video = p.rungs.filter((r) => r.kind === "video");
  const topAudio = Math.max(...p.rungs.map((r) => r.audio_bitrate));
  const groups: Json[] = [];
  if (p.packaging.includes("hls"))
    groups.push({
      Name: "HLS",
      OutputGroupSettings: { Type: "HLS_GROUP_SETTINGS", HlsGroupSettings: { Destination: `${destination}hls/`, SegmentLength: 6, MinSegmentLength: 0, SegmentControl: "SEGMENTED_FILES", DirectoryStructure: "SINGLE_DIRECTORY", ManifestDurationFormat: "INTEGER", OutputSelection: "MANIFESTS_AND_SEGMENTS" } },
      Outputs: p.rungs.map((r) => ({ NameModifier: `_${r.name}`, ...(hlsPresets?.[r.name] ? { Preset: hlsPresets[r.name] } : hlsRungPresetSettings(r)) })),
    });
  for (const [format, type, key] of [["dash", "DASH_ISO_GROUP_SETTINGS", "DashIsoGroupSettings"], ["cmaf", "CMAF_GROUP_SETTINGS", "CmafGroupSettings"]] as const) {
    if (!p.packaging.includes(format)) continue;
    const container = format === "dash" ? { Container: "MPD" } : { Container: "CMFC" };
    const settings = format === "dash" ? { Destination: `${destination}dash/`, SegmentLength: 6, FragmentLength: 2 } : { Destination: `${destination}cmaf/`, SegmentLength: 6, FragmentLength: 2, WriteHlsManifest: "ENABLED", WriteDashManifest: "ENABLED" };
    groups.push({
      Name: format.toUpperCase(),
      OutputGroupSettings: { Type: type, [key]: settings },
      Outputs: [
        ...video.map((r) => ({ NameModifier: `_${r.name}`, ContainerSettings: container, VideoDescription: videoDescription(r) })),
        { NameModifier: "_audio", ContainerSettings: container, AudioDescriptions: [aac(topAudio)] },
      ],
    });
  }
  if (p.vod_settings.thumbnails && video.length)
    groups.push({
      Name: "Thumbnails",
      OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: `${destination}thumbnails/` } },
      Outputs: [{ NameModifier: "_thumb", ContainerSettings: { Container: "RAW" }, VideoDescription: { Width: 640, Height: 360, CodecSettings: { Codec: "FRAME_CAPTURE", FrameCaptureSettings: { FramerateNumerator: 1, FramerateDenominator: 10, MaxCaptures: 100, Quality: 80 } } } }],
    });
  return {
    TimecodeConfig: { Source: "ZEROBASED" },
    Inputs: [{ AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } }, VideoSelector: {}, TimecodeSource: "ZEROBASED" }],
    OutputGroups: groups,
  };
}
