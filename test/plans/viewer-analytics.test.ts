/**
 * Viewer analytics (issue 18): off by default, on by the tier (enterprise) or analytics.viewer_logs; CloudFront standard logging v2 into the
 * module's logs bucket, the Glue table held to CloudFront's documented field list (rule CF-LOG-FIELDS), and Athena
 * named queries that read only the table's columns with the window as two parameters.
 */
import { checkPipelineDocument, loadPipelines } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { resolvePipeline } from "../../src/core/resolve";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { LOG_COLUMNS } from "../../src/plans/viewer-analytics";
import { renderPipelineModule } from "../../src/synth/module-render";
import { CLOUDFRONT_LOG_FIELDS, checkLogFields } from "../../src/validity/cloudfront-log-fields";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { Json } from "../../src/types/json";

const definition = {
  pipeline_id: "viewer-studio",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["abr_1080p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "standard",
  analytics: { viewer_logs: true, log_retention_days: 30 },
};
const resolve = (d: object) => resolvePipeline(d as never, loadCatalog());
const rendered = renderPipelineModule(resolve(definition));
const analytics = JSON.parse(rendered.files.get("analytics.tf.json")!) as Json;
const r = analytics.resource;

test("off by default, on by the tier (enterprise) where there is a CDN, and the definition's own setting wins", () => {
  // Among the examples, only the enterprise pipeline (company-webinars, CloudFront) logs viewers, by its tier.
  const logging = loadPipelines([projectPath("examples")])
    .pipelines.filter((p) => renderPipelineModule(p.resolved).files.has("analytics.tf.json"))
    .map((p) => `${p.resolved.pipeline_id} ${p.resolved.tier}`);
  expect(logging).toEqual(["company-webinars enterprise"]);
  const { analytics: _off, ...noSetting } = definition;
  const on = (d: object) => planPipeline(resolve(d)).viewerAnalytics?.retentionDays;
  expect(loadCatalog().tiers).toMatchObject({ development: { viewer_logs: false }, standard: { viewer_logs: false }, enterprise: { viewer_logs: true } });
  expect(on({ ...noSetting, tier: "development" })).toBeUndefined();
  expect(on({ ...noSetting, tier: "standard" })).toBeUndefined();
  expect(on({ ...noSetting, tier: "enterprise" })).toBe(90);
  expect(on({ ...noSetting, tier: "production" })).toBe(90); // the alias of enterprise
  // The definition wins both ways, and its retention applies to the tier's default too.
  expect(on({ ...noSetting, tier: "enterprise", analytics: { viewer_logs: false } })).toBeUndefined();
  expect(on({ ...noSetting, tier: "enterprise", analytics: { log_retention_days: 14 } })).toBe(14);
  expect(on({ ...noSetting, tier: "development", analytics: { viewer_logs: true } })).toBe(90);
  expect(planPipeline(resolve({ ...definition, analytics: { viewer_logs: false } })).viewerAnalytics).toBeUndefined();
  // Without a CDN the tier's default has nothing to log (and is no error).
  const noCdn = { ...noSetting, tier: "enterprise", outputs: ["s3_archive"] };
  expect(resolve(noCdn).viewer_logs).toBeUndefined();
  expect(checkPipelineDocument(noCdn, "p.json").filter((p) => p.rule === "BMF-VIEWER-LOGS")).toEqual([]);
});

test("CloudFront's access logs go through a delivery source, destination and delivery into the module's own logs bucket", () => {
  expect(r.aws_cloudwatch_log_delivery_source.cloudfront_access_logs).toMatchObject({
    log_type: "ACCESS_LOGS",
    resource_arn: "${aws_cloudfront_distribution.main.arn}",
  });
  expect(r.aws_cloudwatch_log_delivery_destination.viewer_logs).toMatchObject({
    output_format: "w3c",
    delivery_destination_configuration: [{ destination_resource_arn: "${aws_s3_bucket.viewer_logs.arn}/cloudfront" }],
  });
  expect(r.aws_cloudwatch_log_delivery.cloudfront_to_viewer_logs).toMatchObject({
    delivery_source_name: "${aws_cloudwatch_log_delivery_source.cloudfront_access_logs.name}",
    delivery_destination_arn: "${aws_cloudwatch_log_delivery_destination.viewer_logs.arn}",
    record_fields: LOG_COLUMNS.map((c) => c.field),
    field_delimiter: "\t",
  });
  // Secure defaults: the logs bucket is private and encrypted like every bucket, and expires what it holds.
  expect(r.aws_s3_bucket_public_access_block.viewer_logs).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
  expect(r.aws_s3_bucket_lifecycle_configuration.viewer_logs.rule[0].expiration).toEqual([{ days: 30 }]);
  // Only CloudWatch Logs' delivery service may write, only for this delivery source, only under the logs prefix.
  const statements = analytics.data.aws_iam_policy_document.viewer_logs_bucket_policy.statement;
  expect(statements.find((s: Json) => s.sid === "AllowCloudFrontLogDelivery")).toMatchObject({
    actions: ["s3:PutObject"],
    principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
    resources: ["${aws_s3_bucket.viewer_logs.arn}/cloudfront/*"],
    condition: expect.arrayContaining([
      { test: "ArnLike", variable: "aws:SourceArn", values: ["${aws_cloudwatch_log_delivery_source.cloudfront_access_logs.arn}"] },
    ]),
  });
  expect(statements.map((s: Json) => s.sid)).toContain("DenyInsecureTransport");
  expect(JSON.parse(rendered.files.get("outputs.tf.json")!).output.analytics_named_query_ids.value).toEqual({
    concurrent_viewers: "${aws_athena_named_query.concurrent_viewers.id}",
    watch_time_per_stream: "${aws_athena_named_query.watch_time_per_stream.id}",
    top_countries: "${aws_athena_named_query.top_countries.id}",
  });
});

test("the Athena table (Glue) is held to CloudFront's documented field list, in delivery order", () => {
  for (const c of LOG_COLUMNS) expect({ field: c.field, documented: c.field in CLOUDFRONT_LOG_FIELDS }).toEqual({ field: c.field, documented: true });
  const table = r.aws_glue_catalog_table.cloudfront_logs;
  expect(table.storage_descriptor.columns.map((c: Json) => c.name)).toEqual(LOG_COLUMNS.map((c) => c.column));
  expect(table.parameters["skip.header.line.count"]).toBe("2"); // W3C files open with #Version and #Fields
  expect(table.storage_descriptor.location).toBe("s3://${aws_s3_bucket.viewer_logs.bucket}/cloudfront/");
  expect(formatFindings(checkModuleFiles(moduleFromContents(rendered.files)).findings)).toBe("");
});

describe("NEGATIVE: CF-LOG-FIELDS", () => {
  const files = () => new Map([...rendered.files].filter(([f]) => f.endsWith(".tf.json")).map(([f, t]) => [f, JSON.parse(t) as Json]));
  const messages = (change: (a: Json) => void) => {
    const fs = files();
    change(fs.get("analytics.tf.json")!.resource);
    return checkLogFields(fs).map((f) => f.message);
  };
  test("a field CloudFront does not log", () => {
    expect(messages((res) => (res.aws_cloudwatch_log_delivery.cloudfront_to_viewer_logs.record_fields[4] = "c-city"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/c-city is not a documented CloudFront log field/)]),
    );
  });
  test("two columns swapped (each would read the other's values)", () => {
    const msgs = messages((res) => {
      const cols = res.aws_glue_catalog_table.cloudfront_logs.storage_descriptor.columns;
      [cols[3], cols[4]] = [cols[4], cols[3]];
    });
    expect(msgs).toEqual(expect.arrayContaining([expect.stringMatching(/column c_ip is not documented as field sc-bytes/)]));
  });
  test("a numeric column for a text field, a missing column, another delimiter", () => {
    const msgs = messages((res) => {
      const sd = res.aws_glue_catalog_table.cloudfront_logs.storage_descriptor;
      sd.columns[4].type = "bigint";
      sd.ser_de_info.parameters["field.delim"] = ",";
    });
    expect(msgs).toEqual(
      expect.arrayContaining([expect.stringMatching(/c-ip holds text values; a bigint column cannot/), expect.stringMatching(/field.delim "," differs/)]),
    );
    expect(messages((res) => res.aws_glue_catalog_table.cloudfront_logs.storage_descriptor.columns.pop())).toEqual(
      expect.arrayContaining([expect.stringMatching(/12 columns for 13 delivered fields/)]),
    );
  });
});

const SQL_WORDS = new Set(["cloudfront_logs", "date_trunc", "from_iso8601_timestamp", "regexp_like", "regexp_extract", "count", "concat", "round", "sum"]);
test("each named query reads only the table's columns, takes the window as two parameters, and per creator is labelled", () => {
  const queries = r.aws_athena_named_query as Record<string, Json>;
  expect(Object.keys(queries).sort()).toEqual(["concurrent_viewers", "top_countries", "watch_time_per_stream"]);
  const columns = new Set(LOG_COLUMNS.map((c) => c.column));
  for (const [name, q] of Object.entries(queries)) {
    expect(q).toMatchObject({ database: "${aws_glue_catalog_database.viewers.name}", workgroup: "${aws_athena_workgroup.viewers.name}" });
    const sql = String(q.query).replace(/'(?:[^']|'')*'/g, "''"); // string literals out
    expect({ name, parameters: sql.match(/\?/g)?.length }).toEqual({ name, parameters: 2 });
    const aliases = new Set([...sql.matchAll(/\bAS ([a-z_]+)/g)].map((m) => m[1]));
    const unknown = [...sql.matchAll(/\b[a-z]+_[a-z0-9_]+\b/g)].map((m) => m[0]).filter((w) => !columns.has(w) && !aliases.has(w) && !SQL_WORDS.has(w));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
    expect(sql).toMatch(/FROM cloudfront_logs\b/);
  }
  // A template's creator (Creator tag) gets rows labelled with it.
  const creator = planPipeline(resolve({ ...definition, tags: { Creator: "o'brien" } })).viewerAnalytics!;
  expect(creator.queries.every((q) => q.sql.startsWith("SELECT 'o''brien' AS creator, "))).toBe(true);
});

test("refused without a CDN to log, at the definition's path (any region is accepted)", () => {
  const problems = (d: object) => checkPipelineDocument(d, "p.json").filter((p) => p.rule === "BMF-VIEWER-LOGS");
  expect(problems({ ...definition, region: "eu-west-1" })).toEqual([]);
  expect(problems({ ...definition, outputs: ["s3_archive"] })).toEqual([
    expect.objectContaining({ path: "$.analytics.viewer_logs", message: expect.stringMatching(/add the cloudfront output/) }),
  ]);
  expect(problems(definition)).toEqual([]);
  expect(checkPipelineDocument({ ...definition, analytics: { viewer_logs: true, log_retention_days: 0 } }, "p.json")).toEqual([
    expect.objectContaining({ path: "$.analytics.log_retention_days" }),
  ]);
});

test("outside us-east-1 the delivery resources use aws.us_east_1 (declared in configuration_aliases); the bucket and the rest stay in the pipeline's region", () => {
  const files = renderPipelineModule(resolve({ ...definition, region: "eu-west-1" })).files;
  const doc = JSON.parse(files.get("analytics.tf.json")!) as Json;
  const providers = Object.entries(doc.resource as Record<string, Record<string, Json>>).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name} ${String(byName[name].provider ?? "aws")}`),
  );
  expect(providers.filter((p) => p.endsWith("aws.us_east_1")).sort()).toEqual([
    "aws_cloudwatch_log_delivery.cloudfront_to_viewer_logs aws.us_east_1",
    "aws_cloudwatch_log_delivery_destination.viewer_logs aws.us_east_1",
    "aws_cloudwatch_log_delivery_source.cloudfront_access_logs aws.us_east_1",
  ]);
  expect(providers.filter((p) => /^aws_s3_bucket(_|\.)/.test(p)).every((p) => p.endsWith(" aws"))).toBe(true);
  const versions = JSON.parse(files.get("versions.tf.json")!) as Json;
  expect(versions.terraform.required_providers.aws.configuration_aliases).toEqual(["aws.us_east_1"]);
  // The example passes us-east-1's configuration in.
  const example = JSON.parse(files.get("examples/basic/main.tf.json")!) as Json;
  expect(example.provider.aws).toEqual([{ region: "eu-west-1" }, { alias: "us_east_1", region: "us-east-1" }]);
  expect(example.module.viewer_studio.providers).toMatchObject({ aws: "aws", "aws.us_east_1": "aws.us_east_1" });
  // In us-east-1 the module keeps one aws configuration.
  expect(String(rendered.files.get("analytics.tf.json"))).not.toMatch(/"provider"/);
  expect((JSON.parse(rendered.files.get("versions.tf.json")!) as Json).terraform.required_providers.aws.configuration_aliases).toBeUndefined();
});
