/**
 * The generated module as a reviewer and a registry see it: committed copies are fresh, bytes are
 * deterministic, no CDKTF noise, readable names, one file per service, a real reusable module.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { readDirectoryFiles } from "../../src/core/atomic-write";
import { renderPipelineModule as renderModule, renderModulesFor } from "../../src/synth/module-render";
import { runCli } from "../support/cli";

const examples = loadPipelines([projectPath("examples")]).pipelines;
const rendered = new Map(renderModulesFor(examples).map((m) => [m.pipelineId, m]));
const studio = () => rendered.get("studio_live_feed")!;
const doc = (id: string, file: string) => JSON.parse(rendered.get(id)!.files.get(file)!);

test("committed modules/ match what the examples generate (run npm run synth:examples when this fails)", () => {
  for (const [id, module] of rendered) {
    const onDisk = readDirectoryFiles(projectPath("modules", id));
    expect([...onDisk.keys()].sort()).toEqual([...module.files.keys()].sort());
    for (const [file, content] of module.files) expect({ file: `${id}/${file}`, content: onDisk.get(file) }).toEqual({ file: `${id}/${file}`, content });
  }
  const dirs = fs.readdirSync(projectPath("modules")).filter((d) => !d.startsWith("."));
  expect(dirs.sort()).toEqual([...rendered.keys()].sort());
});

test("rendering twice gives identical bytes", () => {
  const again = renderModule(examples.find((p) => p.resolved.pipeline_id === "studio_live_feed")!.resolved);
  expect([...again.files.entries()]).toEqual([...studio().files.entries()]);
});

test("one file per service plus variables, outputs, versions, README and a usage example", () => {
  expect([...studio().files.keys()].sort()).toEqual([
    "README.md",
    "archive.tf.json",
    "cloudfront.tf.json",
    "events.tf.json",
    "examples/basic/main.tf.json",
    "iam.tf.json",
    "logs.tf.json",
    "main.tf.json",
    "medialive.tf.json",
    "mediapackage.tf.json",
    "monitoring.tf.json",
    "outputs.tf.json",
    "variables.tf.json",
    "versions.tf.json",
  ]);
  const services: Record<string, string> = {
    "medialive.tf.json": "aws_medialive_",
    "iam.tf.json": "aws_iam_",
    "cloudfront.tf.json": "aws_cloudfront_",
    "archive.tf.json": "aws_s3_",
    "monitoring.tf.json": "aws_cloudwatch_",
  };
  for (const [file, prefix] of Object.entries(services))
    for (const type of Object.keys(doc("studio_live_feed", file).resource)) expect(type.startsWith(prefix)).toBe(true);
  expect(Object.keys(doc("studio_live_feed", "mediapackage.tf.json").resource).sort()).toEqual([
    "aws_media_packagev2_channel_group",
    "awscc_mediapackagev2_channel",
    "awscc_mediapackagev2_origin_endpoint",
    "awscc_mediapackagev2_origin_endpoint_policy",
  ]);
});

test("no backend, no provider configuration, no CDKTF metadata; provider ranges, not pins", () => {
  for (const [id, module] of rendered) {
    for (const [file, content] of module.files) {
      if (!file.endsWith(".tf.json") || file.startsWith("examples/")) continue;
      expect(content).not.toContain('"//"');
      expect(content).not.toContain('"backend"');
      expect(content).not.toContain("cdktf");
      const json = JSON.parse(content);
      expect({ id, file, provider: json.provider }).toEqual({ id, file, provider: undefined });
      expect(content.endsWith("}\n")).toBe(true);
    }
    const versions = doc(id, "versions.tf.json").terraform;
    // Only a module with a failover region names a provider configuration its caller passes in.
    // company-webinars (eu-west-1) logs viewers by its enterprise tier: CloudFront's log delivery goes through aws.us_east_1.
    const named: Record<string, string[]> = { "two-region-live": ["aws.failover"], "company-webinars": ["aws.us_east_1"] };
    const aliases = named[id] ? { configuration_aliases: named[id] } : {};
    expect(versions.required_providers.aws).toEqual({ source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0", ...aliases });
    expect(versions.required_version).toBe(">= 1.5.0");
    expect(Object.keys(versions)).toEqual(["required_providers", "required_version"]);
  }
});

test("a failover region's resources are in *_failover files, each on the aliased provider configuration its module declares", () => {
  const m = rendered.get("two-region-live")!;
  const onProvider: Array<[string, string, string | undefined]> = [];
  for (const [file, content] of m.files) {
    if (!file.endsWith(".tf.json") || file.startsWith("examples/")) continue;
    const json = JSON.parse(content);
    for (const block of ["resource", "data"])
      for (const [type, byName] of Object.entries((json[block] ?? {}) as Record<string, Record<string, { provider?: string }>>))
        for (const [name, body] of Object.entries(byName)) onProvider.push([file, `${type}.${name}`, body.provider]);
  }
  const failoverFiles = ["events_failover.tf.json", "medialive_failover.tf.json", "mediapackage_failover.tf.json"];
  expect([...new Set(onProvider.filter(([, , p]) => p).map(([f]) => f))].sort()).toEqual(failoverFiles);
  for (const [, address, provider] of onProvider.filter(([f]) => failoverFiles.includes(f))) {
    expect({ address, provider }).toEqual({ address, provider: `${address.split("_")[0]}.failover` });
    expect(address).toMatch(/_failover$/);
  }
  expect(
    onProvider
      .filter(([, a]) => a.startsWith("aws_medialive_channel."))
      .map(([, a, p]) => [a, p])
      .sort(),
  ).toEqual([
    ["aws_medialive_channel.main", undefined],
    ["aws_medialive_channel.main_failover", "aws.failover"],
  ]);
  expect(doc("two-region-live", "versions.tf.json").terraform.required_providers.awscc.configuration_aliases).toEqual(["awscc.failover"]);
  // The example passes the caller's configurations in: the failover region's under the alias.
  const example = JSON.parse(m.files.get("examples/basic/main.tf.json")!);
  expect(example.provider.aws).toEqual([{ region: "us-east-1" }, { alias: "failover", region: "us-west-2" }]);
  expect(example.module.two_region_live.providers).toEqual({ aws: "aws", "aws.failover": "aws.failover", awscc: "awscc", "awscc.failover": "awscc.failover" });
});

test("the failover: one distribution, an origin group of both regions' MediaPackage origins, live behaviours on the group", () => {
  const cdn = doc("two-region-live", "cloudfront.tf.json").resource.aws_cloudfront_distribution;
  expect(Object.keys(cdn)).toEqual(["main"]);
  const d = cdn.main;
  expect(d.origin_group).toEqual([
    {
      origin_id: "mediapackage_regions",
      failover_criteria: { status_codes: [404, 500, 502, 503, 504] },
      member: [{ origin_id: "mediapackage" }, { origin_id: "mediapackage_failover" }],
    },
  ]);
  const originDomain = Object.fromEntries(d.origin.map((o: { origin_id: string; domain_name: string }) => [o.origin_id, o.domain_name]));
  expect(originDomain.mediapackage).toBe("${aws_media_packagev2_channel_group.main.egress_domain}");
  expect(originDomain.mediapackage_failover).toBe("${aws_media_packagev2_channel_group.main_failover.egress_domain}");
  const live = [d.default_cache_behavior, ...d.ordered_cache_behavior].filter(
    (b: { path_pattern?: string }) => !String(b.path_pattern ?? "").startsWith("/recordings"),
  );
  expect(live.length).toBeGreaterThan(0);
  for (const b of live) if (!String(b.path_pattern ?? "").startsWith("/archive")) expect(b.target_origin_id).toBe("mediapackage_regions");
  // The archive is not doubled: one bucket, recorded by the primary channel only.
  const ml = doc("two-region-live", "medialive_failover.tf.json").resource.aws_medialive_channel.main_failover;
  expect(ml.destinations.map((x: { id: string }) => x.id)).toEqual(["mediapackage"]);
  expect(doc("two-region-live", "medialive.tf.json").resource.aws_medialive_channel.main.destinations.map((x: { id: string }) => x.id)).toEqual([
    "mediapackage",
    "archive",
  ]);
  // The failover endpoints admit the one distribution.
  const policies = doc("two-region-live", "mediapackage_failover.tf.json").data.aws_iam_policy_document;
  expect(policies.hls_endpoint_access_failover.statement[0].condition[0].values).toEqual(["${aws_cloudfront_distribution.main.arn}"]);
});

test("the failover channel's events reach the pipeline bus: a rule in its region targets the bus with a role that may only put events there", () => {
  const f = doc("two-region-live", "events_failover.tf.json");
  const target = f.resource.aws_cloudwatch_event_target.stream_state_failover;
  expect(target.arn).toBe("${aws_cloudwatch_event_bus.pipeline.arn}");
  expect(target.role_arn).toBe("${aws_iam_role.stream_state_failover.arn}");
  expect(f.locals.stream_state_pattern_failover.detail.channel_arn).toEqual(["${aws_medialive_channel.main_failover.arn}"]);
  expect(f.data.aws_iam_policy_document.stream_state_put_failover.statement).toEqual([
    { sid: "PutOnPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: ["${aws_cloudwatch_event_bus.pipeline.arn}"] },
  ]);
  const trust = f.data.aws_iam_policy_document.stream_state_trust_failover.statement[0];
  expect(trust.principals).toEqual([{ type: "Service", identifiers: ["events.amazonaws.com"] }]);
  expect(trust.condition.map((c: { variable: string }) => c.variable).sort()).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
  // On the pipeline bus, the forwarded events are normalized into stream.started / stream.ended.
  const rule = doc("two-region-live", "events.tf.json").resource.aws_cloudwatch_event_rule.failover_stream_state;
  expect(rule.event_bus_name).toBe("${aws_cloudwatch_event_bus.pipeline.name}");
});

test("resource names are readable, not hash-suffixed", () => {
  const ml = doc("studio_live_feed", "medialive.tf.json").resource;
  expect(Object.keys(ml.aws_medialive_channel)).toEqual(["main"]);
  expect(Object.keys(ml.aws_medialive_input)).toEqual(["elemental_link"]);
  for (const module of rendered.values())
    for (const [file, content] of module.files) {
      if (!file.endsWith(".tf.json")) continue;
      const json = JSON.parse(content);
      for (const byName of Object.values<Record<string, unknown>>({ ...(json.resource ?? {}), ...(json.data ?? {}) }))
        for (const name of Object.keys(byName)) expect(name).toMatch(/^[a-z][a-z0-9_]{0,40}$/);
    }
});

test("secrets are sensitive variables; no stream key or private key lands in the module", () => {
  const vars = doc("studio_live_feed", "variables.tf.json").variable;
  expect(vars.youtube_stream_key).toMatchObject({ sensitive: true, type: "string" });
  expect(vars.youtube_stream_key.default).toBeUndefined();
  const ml = doc("studio_live_feed", "medialive.tf.json").resource.aws_medialive_channel.main;
  const youtube = ml.destinations.find((d: { id: string }) => d.id === "youtube");
  expect(youtube.settings[0].stream_name).toBe("${var.youtube_stream_key}");
  for (const module of rendered.values()) for (const content of module.files.values()) expect(content).not.toMatch(/PRIVATE KEY/);
});

test("secure defaults: HTTPS-only CDN, private encrypted bucket, TLS-only policy, least-privilege role, closed ingest", () => {
  const cf = doc("company-webinars", "cloudfront.tf.json").resource;
  const dist = cf.aws_cloudfront_distribution.main;
  for (const b of [dist.default_cache_behavior, ...dist.ordered_cache_behavior]) {
    expect(b.viewer_protocol_policy).toBe("https-only");
    expect(b.trusted_key_groups).toEqual(["${aws_cloudfront_key_group.signing.id}"]);
  }
  expect(dist.viewer_certificate.minimum_protocol_version).toContain("TLSv1.2_2021");
  const s3 = doc("company-webinars", "archive.tf.json");
  expect(s3.resource.aws_s3_bucket_public_access_block.archive).toMatchObject({
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  expect(s3.resource.aws_s3_bucket_server_side_encryption_configuration.archive.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
  const deny = s3.data.aws_iam_policy_document.archive_bucket_policy.statement[0];
  expect(deny).toMatchObject({ effect: "Deny", condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] });
  const lifecycle = s3.resource.aws_s3_bucket_lifecycle_configuration.archive.rule[0];
  expect(lifecycle.expiration).toEqual([{ days: 400 }]);
  expect(lifecycle.transition).toEqual([
    { days: 30, storage_class: "STANDARD_IA" },
    { days: 90, storage_class: "GLACIER_IR" },
  ]);
  const iam = doc("company-webinars", "iam.tf.json").data.aws_iam_policy_document.medialive_permissions.statement;
  for (const st of iam) for (const a of st.actions) expect(a).not.toMatch(/\*/);
  const sgVar = doc("product-demos", "variables.tf.json").variable.rtmp_allowed_cidrs;
  expect(sgVar.default).toEqual(["203.0.113.0/24"]);
  expect(JSON.stringify(sgVar.validation)).toContain("0.0.0.0/0");
  expect(doc("creator-channel-creator1", "variables.tf.json").variable.rtmp_allowed_cidrs.default).toBeUndefined();
});

test("the ladder becomes one QVBR video description per rung, tier picks the channel class", () => {
  const ch = doc("company-webinars", "medialive.tf.json").resource.aws_medialive_channel.main;
  expect(ch.channel_class).toBe("STANDARD");
  expect(ch.encoder_settings.video_descriptions.map((v: { name: string }) => v.name)).toEqual([
    "video_1080p",
    "video_720p",
    "video_540p",
    "video_480p",
    "video_360p",
    "video_288p",
  ]);
  for (const v of ch.encoder_settings.video_descriptions) expect(v.codec_settings.h264_settings.rate_control_mode).toBe("QVBR");
  expect(doc("studio_live_feed", "medialive.tf.json").resource.aws_medialive_channel.main.channel_class).toBe("SINGLE_PIPELINE");
  expect(ch.destinations.find((d: { id: string }) => d.id === "mediapackage").settings).toHaveLength(2);
});

test("changing one transcode profile changes only the lines that matter", () => {
  const base = examples.find((p) => p.resolved.pipeline_id === "studio_live_feed")!.resolved;
  const changed = { ...base, rungs: base.rungs.map((r) => (r.name === "720p" ? { ...r, bitrate: 3_000_000 } : r)) };
  const a = renderModule(base).files,
    b = renderModule(changed).files;
  const changedFiles = [...a.keys()].filter((f) => a.get(f) !== b.get(f));
  expect(changedFiles.sort()).toEqual(["README.md", "medialive.tf.json"]);
  const diff = a
    .get("medialive.tf.json")!
    .split("\n")
    .filter((line, i) => line !== b.get("medialive.tf.json")!.split("\n")[i]);
  expect(diff.map((l) => l.trim())).toEqual(['"max_bitrate": 3300000,']);
});

test("synth writes atomically: a failing run leaves the previous module untouched", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-synth-"));
  const ok = runCli(["media", "synth", projectPath("examples", "studio_live_feed.json"), "--out", out]);
  expect(ok.status).toBe(0);
  const before = readDirectoryFiles(path.join(out, "studio_live_feed"));
  const bad = path.join(out, "bad.json");
  fs.writeFileSync(bad, JSON.stringify({ ...JSON.parse(fs.readFileSync(projectPath("examples", "studio_live_feed.json"), "utf8")), region: "mars-1" }));
  const failed = runCli(["media", "synth", projectPath("examples", "studio_live_feed.json"), bad, "--out", out]);
  expect(failed.status).toBe(1);
  expect(failed.stderr).toContain("$.region");
  expect(readDirectoryFiles(path.join(out, "studio_live_feed"))).toEqual(before);
  expect(fs.readdirSync(out).sort()).toEqual(["bad.json", "studio_live_feed"]);
});

test("tiers with alarms get CloudWatch alarms per channel pipeline; development gets none", () => {
  const alarms = doc("company-webinars", "monitoring.tf.json").resource.aws_cloudwatch_metric_alarm;
  expect(Object.keys(alarms).sort()).toEqual([
    "active_alerts_pipeline0",
    "active_alerts_pipeline1",
    "input_loss_pipeline0",
    "input_loss_pipeline1",
    "output_errors_archive_pipeline0",
    "output_errors_archive_pipeline1",
    "output_errors_mediapackage_pipeline0",
    "output_errors_mediapackage_pipeline1",
  ]);
  expect(alarms.input_loss_pipeline1).toMatchObject({
    namespace: "AWS/MediaLive",
    metric_name: "InputVideoFrameRate",
    dimensions: { ChannelId: "${aws_medialive_channel.main.id}", Pipeline: "1" },
    treat_missing_data: "notBreaching",
  });
  // development: the dashboard only (issue 18), no alarm
  expect(Object.keys(doc("studio_live_feed", "monitoring.tf.json").resource)).toEqual(["aws_cloudwatch_dashboard"]);
});

test("channel state changes become stream.started / stream.ended on the pipeline's own bus, through least-privilege roles", () => {
  const ev = doc("studio_live_feed", "events.tf.json");
  expect(ev.locals.stream_state_pattern).toEqual({
    source: ["aws.medialive"],
    "detail-type": ["MediaLive Channel State Change"],
    detail: { channel_arn: ["${aws_medialive_channel.main.arn}"], state: ["RUNNING", "STOPPED"] },
  });
  const states = ev.locals.stream_state_definition.States;
  expect(states.Route.Choices.map((c: { StringEquals: string; Next: string }) => [c.StringEquals, c.Next])).toEqual([
    ["RUNNING", "stream.started"],
    ["STOPPED", "stream.ended"],
  ]);
  expect(states["stream.started"].Parameters.Entries[0]).toMatchObject({
    EventBusName: "${aws_cloudwatch_event_bus.pipeline.arn}",
    Source: "blackwell.media",
    DetailType: "stream.started",
  });
  expect(ev.resource.aws_sfn_state_machine.stream_state).toMatchObject({ type: "EXPRESS", definition: "${jsonencode(local.stream_state_definition)}" });
  expect(ev.data.aws_iam_policy_document.stream_state_publish.statement).toEqual([
    { sid: "PublishToPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: ["${aws_cloudwatch_event_bus.pipeline.arn}"] },
  ]);
  expect(ev.data.aws_iam_policy_document.stream_state_start.statement[0].resources).toEqual(["${aws_sfn_state_machine.stream_state.arn}"]);
  expect(ev.resource.aws_cloudwatch_event_target.stream_state).toMatchObject({
    arn: "${aws_sfn_state_machine.stream_state.arn}",
    role_arn: "${aws_iam_role.stream_state_trigger.arn}",
  });
});
