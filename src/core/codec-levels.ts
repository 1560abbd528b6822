/**
 * H.264 and H.265 levels from picture size, frame rate and bitrate: the lowest level whose limits carry the
 * rung, named as MediaLive's API enums (H264Level, H265Level). Pure data and arithmetic.
 *
 * H.264: ITU-T H.264 Table A-1 (MaxMBPS macroblocks/s, MaxFS macroblocks/frame, MaxBR in cpbBrVclFactor
 * bits/s) with Table A-2's factor (1000 for Baseline/Main, 1250 for High) and A.3.1's frame-dimension bound
 * (width and height in macroblocks at most sqrt(8 * MaxFS)).
 * H.265: ITU-T H.265 Table A.8 (MaxLumaPs samples/picture) and Table A.9 (MaxLumaSr samples/s, MaxBR per tier
 * in 1000 bits/s for the Main profile), with A.4.1's dimension bound (width and height at most sqrt(8 * MaxLumaPs)).
 * Levels MediaLive has no enum for (H.264 1b, 6, 6.1, 6.2) are left out.
 */
import type { ResolvedRung } from "../types/resolved-pipeline.generated";

export type VideoCodec = "h264" | "h265";
export type H264Profile = "baseline" | "main" | "high";
export type H265Tier = "MAIN" | "HIGH";

export interface VideoFormat {
  codec: VideoCodec;
  /** H.264 profile (decides the bitrate factor); ignored for H.265. */
  profile?: H264Profile;
  /** H.265 tier (decides MaxBR); MAIN unless given. */
  tier?: H265Tier;
  width: number;
  height: number;
  framerateNumerator: number;
  framerateDenominator: number;
  /** Peak video bitrate in bits per second (QVBR's max bitrate). */
  maxBitrate: number;
}

export type LevelChoice = { level: string; error?: undefined } | { level?: undefined; error: string };

interface H264Limits {
  level: string;
  maxMbps: number;
  maxFs: number;
  maxBrKbps: number;
}

/** ITU-T H.264 (08/2021) Table A-1, levels MediaLive names. */
export const H264_LEVELS: readonly H264Limits[] = [
  { level: "H264_LEVEL_1", maxMbps: 1_485, maxFs: 99, maxBrKbps: 64 },
  { level: "H264_LEVEL_1_1", maxMbps: 3_000, maxFs: 396, maxBrKbps: 192 },
  { level: "H264_LEVEL_1_2", maxMbps: 6_000, maxFs: 396, maxBrKbps: 384 },
  { level: "H264_LEVEL_1_3", maxMbps: 11_880, maxFs: 396, maxBrKbps: 768 },
  { level: "H264_LEVEL_2", maxMbps: 11_880, maxFs: 396, maxBrKbps: 2_000 },
  { level: "H264_LEVEL_2_1", maxMbps: 19_800, maxFs: 792, maxBrKbps: 4_000 },
  { level: "H264_LEVEL_2_2", maxMbps: 20_250, maxFs: 1_620, maxBrKbps: 4_000 },
  { level: "H264_LEVEL_3", maxMbps: 40_500, maxFs: 1_620, maxBrKbps: 10_000 },
  { level: "H264_LEVEL_3_1", maxMbps: 108_000, maxFs: 3_600, maxBrKbps: 14_000 },
  { level: "H264_LEVEL_3_2", maxMbps: 216_000, maxFs: 5_120, maxBrKbps: 20_000 },
  { level: "H264_LEVEL_4", maxMbps: 245_760, maxFs: 8_192, maxBrKbps: 20_000 },
  { level: "H264_LEVEL_4_1", maxMbps: 245_760, maxFs: 8_192, maxBrKbps: 50_000 },
  { level: "H264_LEVEL_4_2", maxMbps: 522_240, maxFs: 8_704, maxBrKbps: 50_000 },
  { level: "H264_LEVEL_5", maxMbps: 589_824, maxFs: 22_080, maxBrKbps: 135_000 },
  { level: "H264_LEVEL_5_1", maxMbps: 983_040, maxFs: 36_864, maxBrKbps: 240_000 },
  { level: "H264_LEVEL_5_2", maxMbps: 2_073_600, maxFs: 36_864, maxBrKbps: 240_000 },
];

/** Table A-2: cpbBrVclFactor, bits/s per MaxBR unit. */
const H264_BR_FACTOR: Record<H264Profile, number> = { baseline: 1000, main: 1000, high: 1250 };

interface H265Limits {
  level: string;
  maxLumaPs: number;
  maxLumaSr: number;
  maxBrKbps: { MAIN: number; HIGH?: number };
}

/** ITU-T H.265 (08/2021) Tables A.8 and A.9, Main profile (factor 1000). */
export const H265_LEVELS: readonly H265Limits[] = [
  { level: "H265_LEVEL_1", maxLumaPs: 36_864, maxLumaSr: 552_960, maxBrKbps: { MAIN: 128 } },
  { level: "H265_LEVEL_2", maxLumaPs: 122_880, maxLumaSr: 3_686_400, maxBrKbps: { MAIN: 1_500 } },
  { level: "H265_LEVEL_2_1", maxLumaPs: 245_760, maxLumaSr: 7_372_800, maxBrKbps: { MAIN: 3_000 } },
  { level: "H265_LEVEL_3", maxLumaPs: 552_960, maxLumaSr: 16_588_800, maxBrKbps: { MAIN: 6_000 } },
  { level: "H265_LEVEL_3_1", maxLumaPs: 983_040, maxLumaSr: 33_177_600, maxBrKbps: { MAIN: 10_000 } },
  { level: "H265_LEVEL_4", maxLumaPs: 2_228_224, maxLumaSr: 66_846_720, maxBrKbps: { MAIN: 12_000, HIGH: 30_000 } },
  { level: "H265_LEVEL_4_1", maxLumaPs: 2_228_224, maxLumaSr: 133_693_440, maxBrKbps: { MAIN: 20_000, HIGH: 50_000 } },
  { level: "H265_LEVEL_5", maxLumaPs: 8_912_896, maxLumaSr: 267_386_880, maxBrKbps: { MAIN: 25_000, HIGH: 100_000 } },
  { level: "H265_LEVEL_5_1", maxLumaPs: 8_912_896, maxLumaSr: 534_773_760, maxBrKbps: { MAIN: 40_000, HIGH: 160_000 } },
  { level: "H265_LEVEL_5_2", maxLumaPs: 8_912_896, maxLumaSr: 1_069_547_520, maxBrKbps: { MAIN: 60_000, HIGH: 240_000 } },
  { level: "H265_LEVEL_6", maxLumaPs: 35_651_584, maxLumaSr: 1_069_547_520, maxBrKbps: { MAIN: 60_000, HIGH: 240_000 } },
  { level: "H265_LEVEL_6_1", maxLumaPs: 35_651_584, maxLumaSr: 2_139_095_040, maxBrKbps: { MAIN: 120_000, HIGH: 480_000 } },
  { level: "H265_LEVEL_6_2", maxLumaPs: 35_651_584, maxLumaSr: 4_278_190_080, maxBrKbps: { MAIN: 240_000, HIGH: 800_000 } },
];

const fpsOf = (f: VideoFormat) => f.framerateNumerator / f.framerateDenominator;
const mbps = (bps: number) => `${(bps / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 2 })} Mbps`;
const describe = (f: VideoFormat) => `${f.width}x${f.height} at ${Number(fpsOf(f).toFixed(3))} fps and ${mbps(f.maxBitrate)}`;

/** Why a level cannot carry the format, or undefined when it can. */
function h264Misfit(f: VideoFormat, l: H264Limits): string | undefined {
  const wMb = Math.ceil(f.width / 16);
  const hMb = Math.ceil(f.height / 16);
  const frameSize = wMb * hMb;
  const mbPerSecond = frameSize * fpsOf(f);
  const maxDim = Math.sqrt(8 * l.maxFs);
  const maxBitrate = l.maxBrKbps * H264_BR_FACTOR[f.profile ?? "main"];
  if (frameSize > l.maxFs) return `frame size ${frameSize} macroblocks exceeds MaxFS ${l.maxFs}`;
  if (wMb > maxDim || hMb > maxDim) return `a side of ${Math.max(wMb, hMb)} macroblocks exceeds sqrt(8 x MaxFS) = ${Math.floor(maxDim)}`;
  if (mbPerSecond > l.maxMbps) return `${Math.round(mbPerSecond)} macroblocks/s exceeds MaxMBPS ${l.maxMbps}`;
  if (f.maxBitrate > maxBitrate) return `${mbps(f.maxBitrate)} exceeds MaxBR ${mbps(maxBitrate)} (${f.profile ?? "main"} profile)`;
  return undefined;
}

function h265Misfit(f: VideoFormat, l: H265Limits): string | undefined {
  const tier = f.tier ?? "MAIN";
  const picture = f.width * f.height;
  const maxDim = Math.sqrt(8 * l.maxLumaPs);
  const maxBr = l.maxBrKbps[tier];
  if (picture > l.maxLumaPs) return `${picture} luma samples per picture exceed MaxLumaPs ${l.maxLumaPs}`;
  if (f.width > maxDim || f.height > maxDim) return `a side of ${Math.max(f.width, f.height)} samples exceeds sqrt(8 x MaxLumaPs) = ${Math.floor(maxDim)}`;
  if (picture * fpsOf(f) > l.maxLumaSr) return `${Math.round(picture * fpsOf(f))} luma samples/s exceed MaxLumaSr ${l.maxLumaSr}`;
  if (maxBr === undefined) return `the level has no ${tier} tier`;
  if (f.maxBitrate > maxBr * 1000) return `${mbps(f.maxBitrate)} exceeds MaxBR ${mbps(maxBr * 1000)} (${tier} tier)`;
  return undefined;
}

/** Why `level` (a MediaLive level name) cannot carry the format; undefined when it can or the level is unknown. */
export function levelMisfit(f: VideoFormat, level: string): string | undefined {
  if (f.codec === "h265") {
    const l = H265_LEVELS.find((x) => x.level === level);
    return l && h265Misfit(f, l);
  }
  const l = H264_LEVELS.find((x) => x.level === level);
  return l && h264Misfit(f, l);
}

/** The lowest level that carries the format, or why none does (the highest level's limit it breaks). */
export function codecLevel(f: VideoFormat): LevelChoice {
  const levels = f.codec === "h265" ? H265_LEVELS : H264_LEVELS;
  for (const l of levels) if (!levelMisfit(f, l.level)) return { level: l.level };
  const top = levels[levels.length - 1];
  const name = f.codec === "h265" ? "H.265" : "H.264";
  return { error: `no ${name} level carries ${describe(f)}: at ${top.level} (the highest MediaLive encodes) ${levelMisfit(f, top.level)}` };
}

/** A resolved video rung as the level tables see it: size, exact frame rate, QVBR's peak bitrate (Main tier for H.265). */
export function rungFormat(r: ResolvedRung): VideoFormat {
  return {
    codec: r.codec ?? "h264",
    profile: r.profile,
    tier: "MAIN",
    width: r.width!,
    height: r.height!,
    framerateNumerator: r.framerate_numerator!,
    framerateDenominator: r.framerate_denominator!,
    maxBitrate: r.bitrate!,
  };
}

/** The lowest level that carries a resolved video rung (BMF-CODEC-LEVEL refuses definitions with a rung none carries). */
export function rungLevel(r: ResolvedRung): string {
  const choice = codecLevel(rungFormat(r));
  if (choice.error !== undefined) throw new Error(`rung '${r.name}': ${choice.error} (validation should have refused it)`);
  return choice.level;
}
