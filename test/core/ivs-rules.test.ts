/**
 * backend ivs (issue 19): what an Amazon IVS channel cannot do with the rest of the definition is refused at its JSON
 * path by a named rule; a definition IVS can honour passes without findings, and the MediaLive default is untouched.
 */
import { checkPipelineDocument } from "../../src/core/definitions";

const ivs = (extra: object = {}) => ({
  pipeline_id: "ivs_rules",
  pipeline_type: "live_stream",
  backend: "ivs",
  sources: ["rtmp"],
  transcode_profiles: ["abr_1080p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
  ...extra,
});
const problems = (def: object) => checkPipelineDocument(def, "ivs.json").map((p) => ({ rule: p.rule, path: p.path, severity: p.severity, message: p.message }));

test("an IVS definition with one RTMP push source, playback and archive is valid, public or private", () => {
  expect(problems(ivs())).toEqual([]);
  expect(problems(ivs({ access: "private", low_latency: true, tier: "standard" }))).toEqual([]);
});

test("the schema refuses a backend it does not know", () => {
  expect(problems(ivs({ backend: "wowza" }))).toEqual([expect.objectContaining({ path: "$.backend" })]);
});

describe("BMF-IVS-UNSUPPORTED: MediaLive-only settings are refused at their path", () => {
  test.each([
    ["packaging", { packaging: ["dash"] }, "$.packaging", /MediaPackage/],
    ["failover_region", { failover_region: "us-west-2" }, "$.failover_region", /second region/],
    ["ad_markers", { ad_markers: { scte35_passthrough: true } }, "$.ad_markers", /ad markers/],
    ["enterprise tier", { tier: "enterprise" }, "$.tier", /redundant pipeline/],
  ])("NEGATIVE: %s", (_name, extra, path, message) => {
    expect(problems(ivs(extra))).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "BMF-IVS-UNSUPPORTED", path, severity: "error", message: expect.stringMatching(message) })]),
    );
  });

  test("NEGATIVE: a hybrid pipeline is refused at pipeline_type", () => {
    expect(problems(ivs({ pipeline_type: "hybrid" }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "BMF-IVS-UNSUPPORTED", path: "$.pipeline_type", message: expect.stringMatching(/live only/) })]),
    );
  });

  test("the same settings under the default backend raise no IVS finding", () => {
    expect(problems({ ...ivs({ failover_region: "us-west-2" }), backend: undefined }).filter((p) => p.rule?.startsWith("BMF-IVS"))).toEqual([]);
  });
});

describe("BMF-IVS-SOURCE: one RTMP(S) push source, as IVS assigns the ingest", () => {
  test("NEGATIVE: an SRT source and a second source", () => {
    expect(problems(ivs({ sources: [{ type: "srt", id: "field", url: "srt://203.0.113.10:7001" }] }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "BMF-IVS-SOURCE", path: "$.sources[0]", message: expect.stringMatching(/RTMP\(S\) push/) })]),
    );
    expect(problems(ivs({ sources: ["rtmp", "rtmp"] }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: "BMF-IVS-SOURCE", path: "$.sources[1]", message: expect.stringMatching(/one ingest endpoint/) }),
      ]),
    );
  });

  test("NEGATIVE: an ingest CIDR list cannot be honoured", () => {
    expect(problems(ivs({ sources: [{ type: "rtmp", id: "studio", allowed_cidrs: ["203.0.113.0/24"] }] }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "BMF-IVS-SOURCE", path: "$.sources[0].allowed_cidrs" })]),
    );
  });
});

test("BMF-IVS-OUTPUTS NEGATIVE: simulcast to YouTube or an RTMP URL is refused at the output", () => {
  const found = problems(ivs({ outputs: ["cloudfront", "youtube", "rtmps://live.example.com/app/key"] })).filter((p) => p.rule === "BMF-IVS-OUTPUTS");
  expect(found.map((p) => p.path)).toEqual(["$.outputs[1]", "$.outputs[2]"]);
  expect(found[0].message).toMatch(/cannot simulcast to youtube/);
});

test("BMF-IVS-PROFILES NEGATIVE: a custom rung is refused (IVS chooses its renditions)", () => {
  const rung = { name: "custom_720", width: 1280, height: 720, bitrate: 3000000 };
  expect(problems(ivs({ transcode_profiles: [rung] }))).toEqual(
    expect.arrayContaining([expect.objectContaining({ rule: "BMF-IVS-PROFILES", path: "$.transcode_profiles[0]" })]),
  );
});
