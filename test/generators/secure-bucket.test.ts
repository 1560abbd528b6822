/** Bucket policies are rendered from the statements added to them, whenever they are added: the TLS deny is always there. */
import { Construct } from "constructs";
import { synthesizeWith } from "../../generators/synthesize";
import { PipelineContext } from "../../generators/context";
import { SecureBucket } from "../../generators/archive";
import { retentionRule } from "../../src/plans/archive";
import type { Json } from "../../src/types/json";

function bucketPolicy(build: (bucket: SecureBucket, body: Construct) => void): Json[] {
  const { terraform } = synthesizeWith((stack) => {
    const body = new Construct(stack, "body");
    const context = new PipelineContext(body, { defaultNamePrefix: "test", tags: { Pipeline: "test" } });
    const bucket = new SecureBucket(new Construct(body, "storage"), "media_bucket", {
      context,
      name: "media",
      prefixWord: "media",
      purpose: "test",
      lifecycleRules: [retentionRule(7)],
      forceDestroyVariable: "force_destroy",
    });
    build(bucket, body);
    return body;
  });
  const tf = terraform as Json;
  expect(tf.resource.aws_s3_bucket_policy.media.policy).toBe("${data.aws_iam_policy_document.media_bucket_policy.json}");
  return tf.data.aws_iam_policy_document.media_bucket_policy.statement;
}

test("a bucket nobody grants anything still denies insecure transport (finalizePolicy() used to be needed for that)", () => {
  const statements = bucketPolicy(() => undefined);
  expect(statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport"]);
  expect(statements[0]).toMatchObject({ effect: "Deny", actions: ["s3:*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] });
});

test("grants added after other constructs, in any order, all land in the one policy after the TLS deny", () => {
  const statements = bucketPolicy((bucket, body) => {
    new Construct(body, "later");
    bucket.allowCloudFront("arn:aws:cloudfront::111122223333:distribution/EXAMPLE");
    bucket.addToResourcePolicy({
      sid: "Extra",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:root"] }],
      actions: ["s3:ListBucket"],
      resources: [bucket.bucket.arn],
    });
  });
  expect(statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "AllowThisCloudFrontDistribution", "Extra"]);
  expect(statements[1]).toMatchObject({
    principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
    condition: [{ variable: "aws:SourceArn", values: ["arn:aws:cloudfront::111122223333:distribution/EXAMPLE"] }],
  });
});
