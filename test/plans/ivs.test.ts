/**
 * The IVS plan (backend ivs): channel type from the ladder, latency mode from low_latency, authorization from access,
 * recording only with the s3_archive output, and no MediaLive/MediaPackage/CloudFront plan beside it.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { IVS_RECONNECT_WINDOW_SECONDS } from "../../src/plans/ivs";

const definition = (extra: object = {}) => ({
  pipeline_id: "ivs_plan",
  pipeline_type: "live_stream",
  backend: "ivs",
  sources: ["rtmp"],
  transcode_profiles: ["abr_1080p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
  ...extra,
});
const planOf = (extra: object = {}) => planPipeline(resolvePipeline(definition(extra) as never, loadCatalog()));

test("a ladder asks for IVS's transcoding (STANDARD); one profile for passthrough (BASIC)", () => {
  expect(planOf().ivs!.channelType).toBe("STANDARD");
  expect(planOf({ transcode_profiles: ["720p"] }).ivs!.channelType).toBe("BASIC");
});

test("low_latency and access map to the channel's latency mode and authorization", () => {
  expect(planOf().ivs).toMatchObject({ latencyMode: "NORMAL", authorized: false });
  expect(planOf({ low_latency: true, access: "private" }).ivs).toMatchObject({ latencyMode: "LOW", authorized: true });
});

test("recording follows the s3_archive output, with the tier's retention as the bucket's expiry", () => {
  const recording = planOf().ivs!.recording!;
  expect(recording.reconnectWindowSeconds).toBe(IVS_RECONNECT_WINDOW_SECONDS);
  expect(recording.lifecycleRules).toEqual([expect.objectContaining({ filter: [{ prefix: "" }], expiration: [{ days: recording.retentionDays }] })]);
  expect(planOf({ outputs: ["cloudfront"] }).ivs!.recording).toBeUndefined();
});

test("an IVS plan has no MediaLive, MediaPackage, CloudFront or archive plan; the default backend has no IVS plan", () => {
  const plan = planOf();
  expect(Object.keys(plan).sort()).toEqual(["access", "defaultNamePrefix", "events", "ivs", "pipelineId", "region", "tags", "title"]);
  const medialive = planPipeline(resolvePipeline({ ...definition(), backend: undefined } as never, loadCatalog()));
  expect(medialive.ivs).toBeUndefined();
  expect(medialive.live).toBeDefined();
});
