/**
 * The live-status document: with events.live_status the stream state machine writes status/live.json
 * (Step Functions S3 PutObject, no Lambda) after publishing stream.started / stream.ended; Terraform
 * writes "not_started" once; CloudFront serves /status/* with a 5-second cache and no signature.
 * The state machine is run on AWS's example MediaLive events and each document it writes is checked
 * against the LiveStatus schema.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderPipelineModule } from "../../src/synth/module-render";
import { validateAgainstDefinition } from "../../src/core/schema-validation";
import { awsSampleEvent } from "../../src/events/samples";
import { runDefinition } from "../../src/events/payload-template";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";

const definition = {
  pipeline_id: "product-demos",
  title: "Product demos, live",
  pipeline_type: "live_stream",
  access: "private",
  sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"] }],
  transcode_profiles: ["abr_720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
  events: { live_status: true },
};
const files = renderPipelineModule(resolvePipeline(definition as never, loadCatalog())).files;
const doc = (f: string) => JSON.parse(files.get(f)!);
const applied = <T>(v: T): T =>
  JSON.parse(
    JSON.stringify(v).replace(
      /\$\{([^}]+)\}/g,
      (_, ref: string) =>
        ({
          "aws_cloudfront_distribution.main.domain_name": "d111111abcdef8.cloudfront.net",
          "aws_media_packagev2_channel_group.main.name": "product-demos",
          "aws_s3_bucket.live_status.bucket": "product-demos-status-abc",
          "aws_cloudwatch_event_bus.pipeline.arn": "arn:aws:events:us-east-1:111122223333:event-bus/x",
          "data.aws_partition.current.partition": "aws",
        })[ref] ?? `UNRESOLVED ${ref}`,
    ),
  );

test.each([
  ["medialive_channel_running", "live"],
  ["medialive_channel_stopped", "ended"],
] as const)("on %s the state machine publishes the event, then writes live.json saying %s", (sample, state) => {
  const definitionJson = applied(doc("events.tf.json").locals.stream_state_definition);
  const source = awsSampleEvent(sample);
  const { events, puts } = runDefinition(definitionJson, source);
  expect(events).toHaveLength(1);
  expect(puts).toHaveLength(1);
  expect(puts[0]).toMatchObject({ Bucket: "product-demos-status-abc", Key: "status/live.json", ContentType: "application/json", CacheControl: "max-age=5" });
  const status = JSON.parse(puts[0].Body);
  expect(validateAgainstDefinition("events", "LiveStatus", status, "live.json")).toEqual([]);
  expect(status).toMatchObject({ state, since: source.time, pipeline_id: "product-demos", title: "Product demos, live" });
  expect(status.playback_urls.hls).toBe("https://d111111abcdef8.cloudfront.net/out/v1/product-demos/live/hls/index.m3u8");
  expect(JSON.stringify(status)).not.toContain("UNRESOLVED");
});

test("Terraform writes not_started once and leaves the object to the state machine afterwards", () => {
  const initial = doc("live_status.tf.json").resource.aws_s3_object.live_status_initial;
  expect(initial).toMatchObject({
    key: "status/live.json",
    content_type: "application/json",
    cache_control: "max-age=5",
    lifecycle: { ignore_changes: "all" },
  });
  const content = /^\$\{jsonencode\((.*)\)\}$/s.exec(initial.content);
  expect(content).not.toBeNull();
  expect(content![1]).toMatch(/"state" *= *"not_started"/);
  expect(content![1]).toMatch(/"since" *= *null/);
});

test("the state machine may write that one object and nothing else", () => {
  const statements = doc("events.tf.json").data.aws_iam_policy_document.stream_state_publish.statement;
  expect(statements).toContainEqual({
    sid: "WriteLiveStatusOnly",
    effect: "Allow",
    actions: ["s3:PutObject"],
    resources: ["${aws_s3_bucket.live_status.arn}/status/live.json"],
  });
});

test("CloudFront serves /status/* from the status bucket with a 5-second cache, without a signature even for a private stream", () => {
  const cf = doc("cloudfront.tf.json").resource;
  const behaviour = cf.aws_cloudfront_distribution.main.ordered_cache_behavior.find((b: { path_pattern: string }) => b.path_pattern === "/status/*");
  expect(behaviour).toMatchObject({
    target_origin_id: "live_status",
    viewer_protocol_policy: "https-only",
    cache_policy_id: "${aws_cloudfront_cache_policy.status.id}",
  });
  expect(behaviour.trusted_key_groups).toBeUndefined();
  const manifests = cf.aws_cloudfront_distribution.main.ordered_cache_behavior.find((b: { path_pattern: string }) => b.path_pattern === "*.m3u8");
  expect(manifests.trusted_key_groups).toBeDefined();
  expect(cf.aws_cloudfront_cache_policy.status).toMatchObject({ min_ttl: 0, default_ttl: 5, max_ttl: 5 });
  expect(doc("outputs.tf.json").output.live_status_url.value).toBe("https://${aws_cloudfront_distribution.main.domain_name}/status/live.json");
});

test("the module passes every validity rule", () => {
  expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
});

test("the live.json write is checked against S3's API model: a member PutObject does not have is a finding", () => {
  const broken = new Map(files);
  const doc = JSON.parse(broken.get("events.tf.json")!);
  const write = doc.locals.stream_state_definition.States["stream.started write status"];
  write.Parameters = { ...write.Parameters, CacheControlSeconds: 5 };
  broken.set("events.tf.json", JSON.stringify(doc));
  expect(formatFindings(checkModuleFiles(moduleFromContents(broken)).findings)).toMatch(
    /SDK-INTEGRATION.*CacheControlSeconds|CacheControlSeconds.*SDK-INTEGRATION/,
  );
});
