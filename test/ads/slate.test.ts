/**
 * The slate shipped in the module (definition `slate`): absent by default; with it, slate.tf.json holds a private,
 * encrypted bucket with the committed image, readable by the MediaLive role only (its role policy and the bucket
 * policy name that role and that object, nothing else is allowed), and the module outputs the image's s3ssl URI.
 */
import * as fs from "node:fs";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { resolvePipeline } from "../../src/core/resolve";
import { runSemanticRules } from "../../src/core/semantic-rules";
import { planSlate, SLATE_IMAGE_FILE } from "../../src/plans/slate";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const catalog = loadCatalog();
const base: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["1080p", "720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
};
const render = (def: PipelineDefinition) => renderPipelineModule(resolvePipeline(def, catalog)).files;
const slateModule = render({ ...base, slate: { fade_ms: 250 } });
const doc = (f: string) => JSON.parse(slateModule.get(f)!);

test("without a slate section the module has no slate file, bucket or output", () => {
  const files = render(base);
  expect(files.has("slate.tf.json")).toBe(false);
  expect(files.get("outputs.tf.json")).not.toMatch(/slate/);
  expect(files.get("iam.tf.json")).not.toMatch(/slate/i);
});

test("the committed image is uploaded as it is, PNG, into a private encrypted bucket", () => {
  const slate = doc("slate.tf.json");
  const object = slate.resource.aws_s3_object.slate_image;
  expect(Buffer.from(object.content_base64, "base64").equals(fs.readFileSync(projectPath(...SLATE_IMAGE_FILE)))).toBe(true);
  expect(object).toMatchObject({ key: "slate/slate.png", content_type: "image/png", bucket: "${aws_s3_bucket.slate.id}" });
  expect(slate.resource.aws_s3_bucket_public_access_block.slate).toMatchObject({
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  expect(slate.resource.aws_s3_bucket_server_side_encryption_configuration.slate.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
});

test("readable by the MediaLive role only: one Allow in the bucket policy, for that role and that object; the role may read just that object", () => {
  const allows = doc("slate.tf.json").data.aws_iam_policy_document.slate_bucket_policy.statement.filter((s: { effect: string }) => s.effect === "Allow");
  expect(allows).toEqual([
    {
      sid: "ChannelRoleReadsSlate",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["${aws_iam_role.medialive.arn}"] }],
      actions: ["s3:GetObject"],
      resources: ["${aws_s3_bucket.slate.arn}/slate/slate.png"],
    },
  ]);
  const role = doc("iam.tf.json").data.aws_iam_policy_document.medialive_permissions.statement;
  expect(role.find((s: { sid: string }) => s.sid === "ReadSlate")).toEqual({
    sid: "ReadSlate",
    effect: "Allow",
    actions: ["s3:GetObject"],
    resources: ["${aws_s3_bucket.slate.arn}/slate/slate.png"],
  });
  expect(doc("outputs.tf.json").output.slate_image_uri.value).toBe("s3ssl://${aws_s3_bucket.slate.bucket}/slate/slate.png");
});

test("the image is drawn at the top rung's frame with the definition's fade; a slate on a VOD pipeline is refused", () => {
  expect(planSlate(resolvePipeline({ ...base, slate: { fade_ms: 250 } }, catalog))).toMatchObject({ width: 1920, height: 1080, fadeMs: 250 });
  expect(planSlate(resolvePipeline({ ...base, slate: {} }, catalog))!.fadeMs).toBe(500);
  const vod = runSemanticRules({ ...base, pipeline_type: "vod_processing", sources: ["s3"], slate: {} }, catalog, "p.json");
  expect(vod.filter((p) => p.rule === "BMF-SLATE")).toEqual([expect.objectContaining({ path: "$.slate" })]);
});

test("the module with a slate passes every validity rule", () => {
  expect(formatFindings(checkModuleFiles(moduleFromContents(slateModule)).findings)).toBe("");
});
