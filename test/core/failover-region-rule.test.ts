/** failover_region: refused where a redundant origin cannot be built, with the reason and the JSON path. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkPipelineDocument, loadPipelines } from "../../src/core/definitions";
import { UserError } from "../../src/core/problems";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const base = {
  pipeline_id: "town_hall",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"] }],
  transcode_profiles: ["abr_720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  failover_region: "us-west-2",
  tier: "standard",
};
const check = (def: object) => checkPipelineDocument(def, "town.json");

test("a live pipeline behind CloudFront with a push source in two regions with MediaLive and MediaPackage v2 is accepted", () => {
  expect(check(base)).toEqual([]);
});

test("a failover region without MediaLive is refused with the missing services, at failover_region", () => {
  // us-west-1 has MediaPackage v2 but no MediaLive (data/catalog.json regions); ap-south-2 has neither MediaPackage v2 nor MediaConvert.
  expect(check({ ...base, failover_region: "us-west-1" })).toEqual([
    expect.objectContaining({
      path: "$.failover_region",
      rule: "BMF-REGION-SERVICES",
      message: expect.stringMatching(/^MediaLive is not offered in us-west-1/),
    }),
  ]);
  expect(check({ ...base, pipeline_type: "hybrid", failover_region: "ap-south-2" })).toEqual([
    expect.objectContaining({
      path: "$.failover_region",
      rule: "BMF-REGION-SERVICES",
      message: expect.stringMatching(/^MediaPackage v2 and MediaConvert are not offered in ap-south-2/),
    }),
  ]);
});

test("the same region twice, a VOD pipeline, no CloudFront output, and region-bound sources are each refused with the reason", () => {
  expect(check({ ...base, failover_region: "us-east-1" })).toEqual([
    expect.objectContaining({ path: "$.failover_region", rule: "BMF-FAILOVER-REGION", message: "failover_region must differ from region (us-east-1)" }),
  ]);
  expect(check({ ...base, outputs: [{ type: "s3_archive" }] })).toEqual([
    expect.objectContaining({ path: "$.failover_region", rule: "BMF-FAILOVER-REGION", message: expect.stringContaining("add cloudfront to outputs") }),
  ]);
  expect(check({ ...base, pipeline_type: "vod_processing", sources: ["s3"] })).toContainEqual(
    expect.objectContaining({ path: "$.failover_region", rule: "BMF-FAILOVER-REGION", message: expect.stringContaining("no live origin") }),
  );
  expect(
    check({
      ...base,
      sources: [{ type: "elemental_link", input_device_id: "hd-0123456789abcdef01234567" }],
    }),
  ).toEqual([
    expect.objectContaining({
      path: "$.sources[0]",
      rule: "BMF-FAILOVER-REGION",
      message: expect.stringContaining("a Link device feeds channels of its own region only"),
    }),
  ]);
  expect(check({ ...base, sources: [{ type: "mediaconnect" }] })).toContainEqual(
    expect.objectContaining({ path: "$.sources[0]", rule: "BMF-FAILOVER-REGION", message: expect.stringContaining("MediaConnect flow") }),
  );
});

test("extra_regions, which never generated anything, is refused with the field that replaced it", () => {
  const { failover_region: _omit, ...withoutFailover } = base;
  expect(check({ ...withoutFailover, extra_regions: ["us-west-2"] })).toEqual([
    expect.objectContaining({
      path: "$.extra_regions",
      rule: "BMF-FAILOVER-REGION",
      message: 'extra_regions is replaced by failover_region, one region holding a redundant origin (write "failover_region": "us-west-2")',
    }),
  ]);
});

test("a template's creators sharing one channel group cannot have a failover region (the path must exist in both regions' groups)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-failover-template-"));
  const { pipeline_id: _id, ...defaults } = base;
  fs.writeFileSync(path.join(dir, "hall.template.json"), JSON.stringify({ template_id: "hall", defaults, creators: ["a", "b"] }));
  let thrown: unknown;
  try {
    loadPipelines([dir]);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(UserError);
  expect((thrown as UserError).problems.map((p) => ({ path: p.path, rule: p.rule }))).toEqual([
    { path: "$.defaults.failover_region", rule: "BMF-FAILOVER-REGION" },
    { path: "$.defaults.failover_region", rule: "BMF-FAILOVER-REGION" },
  ]);
  expect((thrown as UserError).problems[0].message).toContain("set shared.channel_group to false");
});

test("the plan doubles the channel and packaging, not the archive or simulcast, and keeps the names so paths match across regions", () => {
  const def = {
    ...base,
    tier: "enterprise",
    outputs: ["cloudfront", "youtube", { type: "s3_archive" }],
  } as unknown as PipelineDefinition;
  const plan = planPipeline(resolvePipeline(def, loadCatalog()));
  const f = plan.failover!;
  expect(f.region).toBe("us-west-2");
  expect(f.providerAlias).toBe("failover");
  expect(plan.live!.outputGroups.map((g) => g.name)).toEqual(["mediapackage", "archive", "simulcast"]);
  expect(f.live.outputGroups.map((g) => g.name)).toEqual(["mediapackage"]);
  expect(f.live).toMatchObject({ toArchive: false, simulcast: [], channelClass: plan.live!.channelClass, pipelines: [0, 1] });
  expect(f.live.videoEncodes).toEqual(plan.live!.videoEncodes);
  expect(f.live.inputs).toEqual(plan.live!.inputs);
  expect(f.packaging).toEqual(plan.packaging);
  expect(plan.delivery!.mediapackageFailover).toEqual({
    originGroupId: "mediapackage_regions",
    failoverOriginId: "mediapackage_failover",
    statusCodes: [404, 500, 502, 503, 504],
  });
  const { failover_region: _omit, ...single } = def;
  const one = planPipeline(resolvePipeline(single as PipelineDefinition, loadCatalog()));
  expect(one.failover).toBeUndefined();
  expect(one.delivery!.mediapackageFailover).toBeUndefined();
});

test("an SRT source is refused with a failover region: its passphrase secret is regional", () => {
  const findings = check({ ...base, sources: [{ type: "srt", url: "srt://198.51.100.7:5000" }] });
  expect(findings).toContainEqual(
    expect.objectContaining({ path: "$.sources[0]", rule: "BMF-FAILOVER-REGION", message: expect.stringContaining("SRT input's passphrase secret") }),
  );
});
