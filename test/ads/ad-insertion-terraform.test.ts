/**
 * A module with server-side ad insertion (MediaTailor over MediaPackage v2, CloudFront behaviours for MediaTailor)
 * through the existing harness: real `terraform validate` and an offline `plan` with hashicorp/aws from the filesystem
 * mirror; awscc (the playback configuration, the MediaPackage channel and endpoints) is stubbed with its configuration kept.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { writeModule } from "../../src/synth/module-writer";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModulesWithTerraform, requireProviderMirror } from "../../src/validity/terraform-check";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";

const definition: PipelineDefinition = {
  pipeline_id: "ssai-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p", "480p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
  ad_markers: {},
  ad_insertion: { ad_decision_server_url: "https://ads.example.com/vast?sid=[session.id]", personalization_threshold_seconds: 3 },
};

(skip ? test.skip : test)("a module with MediaTailor ad insertion validates and plans with real terraform", async () => {
  const resolved = resolvePipeline(definition, loadCatalog());
  const dir = writeModule(renderPipelineModule(resolved), fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ssai-")));
  const run = await checkModulesWithTerraform([{ name: resolved.pipeline_id, dir, region: resolved.region }], {
    mirror: requireProviderMirror()!,
    plan: true,
    keepAwsccConfiguration: true,
  });
  expect(run.modules[0].errors).toEqual([]);
  expect(run.ok).toBe(true);
  expect(run.modules[0].toCreate).toEqual(
    expect.arrayContaining([
      "module.ssai_live.aws_cloudfront_distribution.main",
      "module.ssai_live.aws_cloudfront_cache_policy.personalized",
      "module.ssai_live.aws_cloudfront_origin_request_policy.query_strings",
    ]),
  );
  // The planned distribution routes MediaTailor's paths to its regional origins, over HTTPS only.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- terraform show -json
  const root = (run.planJson as any).planned_values.root_module;
  const resources = (root.child_modules ?? []).flatMap((m: { resources?: unknown[] }) => m.resources ?? []) as Array<{
    type: string;
    name: string;
    values: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- terraform show -json
  }>;
  const distribution = resources.find((r) => r.type === "aws_cloudfront_distribution")!.values;
  expect(distribution.origin.map((o: { domain_name: string }) => o.domain_name)).toEqual(
    expect.arrayContaining(["manifests.mediatailor.us-east-1.amazonaws.com", "segments.mediatailor.us-east-1.amazonaws.com"]),
  );
  expect(
    distribution.ordered_cache_behavior
      .slice(0, 2)
      .map((b: { path_pattern: string; viewer_protocol_policy: string }) => [b.path_pattern, b.viewer_protocol_policy]),
  ).toEqual([
    ["/v1/*", "https-only"],
    ["/tm/*", "https-only"],
  ]);
  // The awscc playback configuration (kept as its configuration by the stub) carries the ADS URL and the threshold.
  const tailor = resources.find((r) => r.type === "awscc_mediatailor_playback_configuration")!.values;
  expect(tailor).toMatchObject({ ad_decision_server_url: "https://ads.example.com/vast?sid=[session.id]", personalization_threshold_seconds: 3 });
  // The cost inventory reads the playback configuration from the plan as it does from the definition's plans.
  expect(inventoriesOfPlan(run.planJson)[0].adInsertion).toEqual({ playbackConfigurations: 1 });
  expect(inventoryOfPipeline(resolved).adInsertion).toEqual({ playbackConfigurations: 1 });
});
