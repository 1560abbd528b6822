/**
 * A module using the ad and schedule features (SCTE-35 ad markers, the slate image and its bucket, the clip grant on the archive bucket) through the existing harness: real
 * `terraform validate` and an offline `plan` with hashicorp/aws from the filesystem mirror (awscc stubbed).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { writeModule } from "../../src/synth/module-writer";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModuleWithTerraform, errorsOf, requireProviderMirror } from "../../src/validity/terraform-check";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";

const definition: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p", "480p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
  ad_markers: { dash: "XML" },
  slate: {},
  clips: {},
};

(skip ? test.skip : test)("a module with ad markers validates and plans with real terraform", async () => {
  const resolved = resolvePipeline(definition, loadCatalog());
  const dir = writeModule(renderPipelineModule(resolved), fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ads-")));
  const check = await checkModuleWithTerraform({ name: resolved.pipeline_id, dir, region: resolved.region }, { mirror: requireProviderMirror()!, plan: true });
  expect(errorsOf(check)).toEqual([]);
  expect(check.ok).toBe(true);
  expect(check.plan!.toCreate).toEqual(expect.arrayContaining(["module.ads_live.aws_medialive_channel.main", "module.ads_live.aws_s3_object.slate_image"]));
});
