/**
 * MediaLive rules AWS enforces at create or run time (issue 14): each definition below used to synthesize an
 * invalid channel; now it is refused at its JSON path, or produces the valid form.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderModule } from "../../src/synth/module-writer";
import { SEMANTIC_RULES } from "../../src/core/semantic-rules";

const base = { pipeline_id: "rules_demo", pipeline_type: "live_stream", sources: ["rtmp"], transcode_profiles: ["720p"], outputs: ["cloudfront"], region: "us-east-1", tier: "development" };
const rules = (def: object) => checkPipelineDocument(def, "demo.json").filter((p) => p.severity === "error");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const channelOf = (def: object): any => {
  const files = renderModule(resolvePipeline(def as never, loadCatalog())).files;
  return JSON.parse(files.get("medialive.tf.json")!).resource.aws_medialive_channel.main;
};

describe("BMF-CODEC-LEVEL: levels from size x rate x bitrate", () => {
  test("854x480@30 is encoded at level 3.1, not 3 (48600 macroblocks/s > 40500)", () => {
    const channel = channelOf({ ...base, transcode_profiles: ["480p"] });
    const video = channel.encoder_settings.video_descriptions.find((v: { name: string }) => v.name === "video_480p");
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_3_1");
  });

  test("a 1440p H.264 custom rung is encoded at level 5 (14400 macroblocks > 4.2's 8704)", () => {
    const def = { ...base, sources: [{ type: "rtmp", max_resolution: "UHD" }], transcode_profiles: [{ name: "qhd", width: 2560, height: 1440, bitrate: 9000000, codec: "h264", profile: "high" }] };
    expect(rules(def)).toEqual([]);
    const video = channelOf(def).encoder_settings.video_descriptions[0];
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_5");
  });

  test("a custom rung above its level's bitrate gets the level that carries it", () => {
    const def = { ...base, transcode_profiles: ["720p", { name: "small_fat", width: 640, height: 360, bitrate: 30000000, codec: "h264", profile: "main" }] };
    expect(rules(def)).toEqual([]);
    // 640x360@30 fits level 3 by size and rate; 30 Mbps (main) needs 4.1's 50 Mbps
    const video = channelOf(def).encoder_settings.video_descriptions.find((v: { name: string }) => v.name === "video_small_fat");
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_4_1");
  });

  test("a rung no MediaLive level carries is refused at its path with the limit it breaks", () => {
    // The schema's limits (3840x2160, 60 fps, 40 Mbps) all fit H.264 5.2 / H.265 5.1, so the rule is checked directly
    // with a frame rate beyond them, as a catalog rung or a future schema could carry.
    const rule = SEMANTIC_RULES.find((r) => r.id === "BMF-CODEC-LEVEL")!;
    const def = { ...base, transcode_profiles: ["720p", { name: "uhd120", width: 3840, height: 2160, bitrate: 20000000, fps: 120, codec: "h264", profile: "high" }] };
    expect(rule.check(def as never, loadCatalog())).toEqual([
      { path: ["transcode_profiles", 1], message: expect.stringMatching(/^rung 'uhd120': no H\.264 level carries 3840x2160 at 120 fps and 20 Mbps: at H264_LEVEL_5_2 .* exceeds MaxMBPS 2073600; .*or use codec h265$/) },
    ]);
    expect(rule.check({ ...def, transcode_profiles: ["abr_1080p"] } as never, loadCatalog())).toEqual([]);
  });
});
