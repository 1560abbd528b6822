import { checkPipelineDocument } from "../../src/core/definitions";

const base = {
  pipeline_id: "audio_show",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  outputs: ["cloudfront", "youtube"],
  region: "us-east-1",
  tier: "development",
};

test("simulcast without an H.264 rung up to 1080p is refused at the output's path (found by the generator corpus)", () => {
  const problems = checkPipelineDocument({ ...base, transcode_profiles: ["audio_only"] }, "show.json");
  expect(problems).toEqual([expect.objectContaining({ path: "$.outputs[1]", rule: "BMF-SIMULCAST-RUNG", severity: "error" })]);
  expect(checkPipelineDocument({ ...base, transcode_profiles: ["audio_only", "720p"] }, "show.json")).toEqual([]);
  expect(checkPipelineDocument({ ...base, outputs: ["cloudfront"], transcode_profiles: ["audio_only"] }, "show.json")).toEqual([]);
});
