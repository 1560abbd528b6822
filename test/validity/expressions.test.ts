/** The reference finder reads Terraform expressions the way Terraform does, for what the rules need. */
import { templateSequences, traversalsIn, traversalsInTemplate } from "../../src/validity/expressions";

const refs = (template: string) => traversalsInTemplate(template).map((t) => t.parts.join("."));

test("template sequences: ${...} and %{...}; $${ and %%{ are literal", () => {
  expect(templateSequences("a ${var.x} b %{ if var.y }c%{ endif } $${var.literal} %%{nope}")).toEqual(["var.x", " if var.y ", " endif "]);
  expect(templateSequences('${jsonencode({ "a" = "}" })}')).toEqual(['jsonencode({ "a" = "}" })']);
});

test("references: resources with attributes and indexes, data sources, variables, locals", () => {
  expect(refs("s3ssl://${aws_s3_bucket.archive.bucket}/x")).toEqual(["aws_s3_bucket.archive.bucket"]);
  expect(refs("${awscc_mediapackagev2_channel.main.ingest_endpoint_urls[0]}")).toEqual(["awscc_mediapackagev2_channel.main.ingest_endpoint_urls.[]"]);
  expect(refs("arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:*")).toEqual([
    "data.aws_partition.current.partition",
    "data.aws_region.current.id",
  ]);
  expect(refs("${aws_cloudfront_distribution.main[*].arn}")).toEqual(["aws_cloudfront_distribution.main.[].arn"]);
  expect(refs("${merge(local.tags, var.tags)}")).toEqual(["local.tags", "var.tags"]);
});

test("string literals, function names, numbers, keywords and object keys are not references", () => {
  expect(refs('${can(regex("^hd-[a-z0-9]+$", var.device_id))}')).toEqual(["var.device_id"]);
  expect(refs('${merge({ "Pipeline" = "a.b", key = 1.5 }, var.tags)}')).toEqual(["var.tags"]);
  expect(refs("${var.enabled ? true : null}")).toEqual(["var.enabled"]);
  expect(refs("${provider::aws::arn_parse(var.arn).account_id}")).toEqual(["var.arn"]);
  expect(refs("${jsondecode(var.doc).key.sub}")).toEqual(["var.doc"]);
});

test("templates nested in string literals are read too", () => {
  expect(refs('${join(",", ["${var.a}-x", local.b])}')).toEqual(["var.a", "local.b"]);
});

test("for expressions bind their iterators; index expressions are read", () => {
  expect(refs("${[for key, value in local.tags : { key = key, value = value.x }]}")).toEqual(["local.tags"]);
  expect(refs("${alltrue([for c in var.cidrs : can(cidrhost(c, 0))])}")).toEqual(["var.cidrs"]);
  expect(refs("%{ for o in var.origins }${o.host}%{ endfor }")).toEqual(["var.origins"]);
  expect(refs("${aws_instance.x[local.index].id}")).toEqual(["local.index", "aws_instance.x.[].id"]);
});

test("a bare expression (depends_on entry) is read as an expression", () => {
  expect(traversalsIn("aws_iam_role_policy.medialive").map((t) => t.text)).toEqual(["aws_iam_role_policy.medialive"]);
});
