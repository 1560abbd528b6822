import { H264_LEVELS, H265_LEVELS, VideoFormat, codecLevel, levelMisfit } from "../../src/core/codec-levels";
import { medialiveModel } from "../../src/validity/api-model";

const h264 = (width: number, height: number, fps: [number, number], maxBitrate: number, profile: "baseline" | "main" | "high" = "main"): VideoFormat => ({
  codec: "h264",
  profile,
  width,
  height,
  framerateNumerator: fps[0],
  framerateDenominator: fps[1],
  maxBitrate,
});
const h265 = (width: number, height: number, fps: [number, number], maxBitrate: number): VideoFormat => ({
  codec: "h265",
  width,
  height,
  framerateNumerator: fps[0],
  framerateDenominator: fps[1],
  maxBitrate,
});
const P30: [number, number] = [30, 1];
const P60: [number, number] = [60, 1];
const NTSC: [number, number] = [30000, 1001];

describe("lowest level that carries the rung", () => {
  test.each<[string, VideoFormat, string]>([
    // 1620 MBs x 30 = 48600 MB/s > level 3's 40500: 854x480@30 needs 3.1 (the catalog said 3).
    ["480p30 H.264", h264(854, 480, P30, 1_500_000), "H264_LEVEL_3_1"],
    ["480p29.97 H.264 (48551 MB/s)", h264(854, 480, NTSC, 1_500_000), "H264_LEVEL_3_1"],
    ["360p30 H.264 (920 MBs, 27600 MB/s)", h264(640, 360, P30, 800_000), "H264_LEVEL_3"],
    ["240p30 baseline", h264(426, 240, P30, 300_000, "baseline"), "H264_LEVEL_2_1"],
    ["720p30 high (3600 MBs)", h264(1280, 720, P30, 3_300_000, "high"), "H264_LEVEL_3_1"],
    ["720p60 high (216000 MB/s)", h264(1280, 720, P60, 6_000_000, "high"), "H264_LEVEL_3_2"],
    ["1080p30 high at 5 Mbps (8160 MBs, 244800 MB/s)", h264(1920, 1080, P30, 5_000_000, "high"), "H264_LEVEL_4"],
    ["1080p30 high at 24 Mbps: High's factor 1250 keeps level 4 (20000 x 1.25)", h264(1920, 1080, P30, 24_000_000, "high"), "H264_LEVEL_4"],
    ["1080p30 main at 24 Mbps: above level 4's 20 Mbps", h264(1920, 1080, P30, 24_000_000, "main"), "H264_LEVEL_4_1"],
    ["1080p60 high", h264(1920, 1080, P60, 8_000_000, "high"), "H264_LEVEL_4_2"],
    // 160x90 = 14400 MBs > level 4.2's MaxFS 8704: a 1440p H.264 rung needs level 5.
    ["1440p30 H.264", h264(2560, 1440, P30, 9_000_000, "high"), "H264_LEVEL_5"],
    ["2160p30 H.264 (32400 MBs)", h264(3840, 2160, P30, 20_000_000, "high"), "H264_LEVEL_5_1"],
    ["2160p60 H.264", h264(3840, 2160, P60, 20_000_000, "high"), "H264_LEVEL_5_2"],
    ["2160p30 HEVC at 16 Mbps", h265(3840, 2160, P30, 16_000_000), "H265_LEVEL_5"],
    ["2160p60 HEVC at 16 Mbps (497664000 luma/s)", h265(3840, 2160, P60, 16_000_000), "H265_LEVEL_5_1"],
    ["1440p30 HEVC (3686400 luma > 4's 2228224)", h265(2560, 1440, P30, 9_000_000), "H265_LEVEL_5"],
    ["1080p30 HEVC at 5 Mbps", h265(1920, 1080, P30, 5_000_000), "H265_LEVEL_4"],
    ["1080p60 HEVC (124416000 luma/s)", h265(1920, 1080, P60, 5_000_000), "H265_LEVEL_4_1"],
    ["720p30 HEVC", h265(1280, 720, P30, 3_000_000), "H265_LEVEL_3_1"],
  ])("%s", (_name, format, level) => {
    expect(codecLevel(format)).toEqual({ level });
    // and the level below does not fit, so it is the lowest
    const table: readonly { level: string }[] = format.codec === "h265" ? H265_LEVELS : H264_LEVELS;
    const i = table.findIndex((l) => l.level === level);
    if (i > 0) expect(levelMisfit(format, table[i - 1].level)).toEqual(expect.any(String));
  });

  test("custom rungs above their level's bitrate move up a level, or are refused", () => {
    // 720p30 fits 3.1 by size and rate, but 16 Mbps is above 3.1's 14 Mbps (main).
    expect(codecLevel(h264(1280, 720, P30, 16_000_000))).toEqual({ level: "H264_LEVEL_3_2" });
    expect(levelMisfit(h264(1280, 720, P30, 16_000_000), "H264_LEVEL_3_1")).toMatch(/16 Mbps exceeds MaxBR 14 Mbps \(main profile\)/);
    // 720p HEVC at 12 Mbps: above 3.1's 10 Mbps
    expect(codecLevel(h265(1280, 720, P30, 12_000_000))).toEqual({ level: "H265_LEVEL_4" });
    // 1080p HEVC at 30 Mbps (Main tier): 4.1 is 20, 5 is 25, 5.1 is 40
    expect(codecLevel(h265(1920, 1080, P30, 30_000_000))).toEqual({ level: "H265_LEVEL_5_1" });
  });

  test("formats beyond MediaLive's highest level are refused with the limit they break", () => {
    const choice = codecLevel(h264(3840, 2160, [120, 1], 20_000_000, "high"));
    expect(choice.level).toBeUndefined();
    expect(choice.error).toMatch(/no H\.264 level carries 3840x2160 at 120 fps.*H264_LEVEL_5_2.*macroblocks\/s exceeds MaxMBPS 2073600/);
    const tall = codecLevel(h264(16384, 32, P30, 1_000_000));
    expect(tall.error).toMatch(/a side of 1024 macroblocks exceeds sqrt\(8 x MaxFS\)/);
  });

  test("level names are MediaLive's enums (API model)", () => {
    const enumOf = (name: string) => {
      const t = medialiveModel().get(name);
      return t?.kind === "enum" ? t.values : [];
    };
    expect(enumOf("H264Level")).toEqual(expect.arrayContaining(H264_LEVELS.map((l) => l.level)));
    expect(enumOf("H265Level")).toEqual(expect.arrayContaining(H265_LEVELS.map((l) => l.level)));
  });
});
