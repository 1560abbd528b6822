/**
 * Clip-to-VOD in the module (definition `clips`): the archive bucket lets MediaPackage v2 write harvested clips
 * (the harvest API takes no role, so the grant is the bucket policy), only under archive/, only for this account and
 * this channel's origin endpoints; nothing changes without the section; BMF-CLIPS refuses it without an archive or CDN.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { runSemanticRules } from "../../src/core/semantic-rules";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const catalog = loadCatalog();
const base: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
};
const render = (def: PipelineDefinition) => renderPipelineModule(resolvePipeline(def, catalog)).files;
const archivePolicy = (files: Map<string, string>) =>
  JSON.parse(files.get("archive.tf.json")!).data.aws_iam_policy_document.archive_bucket_policy.statement as Array<{ sid: string }>;

test("with clips, MediaPackage v2 may put objects under archive/ and find the bucket, for this account and channel only", () => {
  const statements = archivePolicy(render({ ...base, clips: {} })).filter((s) => s.sid.startsWith("MediaPackage"));
  const conditions = [
    { test: "StringEquals", variable: "aws:SourceAccount", values: ['${element(split(":", aws_medialive_channel.main.arn), 4)}'] },
    { test: "ArnLike", variable: "aws:SourceArn", values: ["${awscc_mediapackagev2_channel.main.arn}/originEndpoint/*"] },
  ];
  const principals = [{ type: "Service", identifiers: ["mediapackagev2.amazonaws.com"] }];
  expect(statements).toEqual([
    {
      sid: "MediaPackageHarvestsClips",
      effect: "Allow",
      principals,
      actions: ["s3:PutObject"],
      resources: ["${aws_s3_bucket.archive.arn}/archive/*"],
      condition: conditions,
    },
    {
      sid: "MediaPackageFindsClipBucket",
      effect: "Allow",
      principals,
      actions: ["s3:GetBucketLocation"],
      resources: ["${aws_s3_bucket.archive.arn}"],
      condition: conditions,
    },
  ]);
});

test("without clips the archive bucket grants MediaPackage nothing", () => {
  expect(archivePolicy(render(base)).map((s) => s.sid)).not.toContain("MediaPackageHarvestsClips");
});

test("the module with clips passes every validity rule; clips without an archive are refused", () => {
  expect(formatFindings(checkModuleFiles(moduleFromContents(render({ ...base, clips: {} }))).findings)).toBe("");
  const problems = runSemanticRules({ ...base, outputs: ["cloudfront"], clips: {} }, catalog, "p.json");
  expect(problems).toEqual([expect.objectContaining({ rule: "BMF-CLIPS", path: "$.clips" })]);
});

test("with clips, each origin endpoint admits MediaPackage v2's harvester of this account besides CloudFront; without, only CloudFront", () => {
  const endpointPolicy = (files: Map<string, string>) =>
    JSON.parse(files.get("mediapackage.tf.json")!).data.aws_iam_policy_document.hls_endpoint_access.statement as Array<Record<string, unknown>>;
  expect(endpointPolicy(render({ ...base, clips: {} }))[0]).toEqual({
    sid: "AllowMediaPackageHarvestObjectAccess",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["mediapackagev2.amazonaws.com"] }],
    actions: ["mediapackagev2:HarvestObject", "mediapackagev2:GetObject"],
    resources: ["${awscc_mediapackagev2_origin_endpoint.hls.arn}"],
    condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ['${element(split(":", aws_iam_role.medialive.arn), 4)}'] }],
  });
  expect(endpointPolicy(render(base)).map((s) => s.sid)).toEqual(["AllowThisCloudFrontDistribution"]);
});
