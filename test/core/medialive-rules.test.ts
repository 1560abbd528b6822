/**
 * MediaLive rules AWS enforces at create or run time (issue 14): each definition below used to synthesize an
 * invalid channel; now it is refused at its JSON path, or produces the valid form.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderModule } from "../../src/synth/module-writer";
import { SEMANTIC_RULES } from "../../src/core/semantic-rules";
import type { Json } from "../../src/types/json";

const base = {
  pipeline_id: "rules_demo",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
};
const rules = (def: object) => checkPipelineDocument(def, "demo.json").filter((p) => p.severity === "error");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const channelOf = (def: object): any => {
  const files = renderModule(resolvePipeline(def as never, loadCatalog())).files;
  return JSON.parse(files.get("medialive.tf.json")!).resource.aws_medialive_channel.main;
};

describe("BMF-CODEC-LEVEL: levels from size x rate x bitrate", () => {
  test("854x480@30 is encoded at level 3.1, not 3 (48600 macroblocks/s > 40500)", () => {
    const channel = channelOf({ ...base, transcode_profiles: ["480p"] });
    const video = channel.encoder_settings.video_descriptions.find((v: { name: string }) => v.name === "video_480p");
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_3_1");
  });

  test("a 1440p H.264 custom rung is encoded at level 5 (14400 macroblocks > 4.2's 8704)", () => {
    const def = {
      ...base,
      sources: [{ type: "rtmp", max_resolution: "UHD" }],
      transcode_profiles: [{ name: "qhd", width: 2560, height: 1440, bitrate: 9000000, codec: "h264", profile: "high" }],
    };
    expect(rules(def)).toEqual([]);
    const video = channelOf(def).encoder_settings.video_descriptions[0];
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_5");
  });

  test("a custom rung above its level's bitrate gets the level that carries it", () => {
    const def = { ...base, transcode_profiles: ["720p", { name: "small_fat", width: 640, height: 360, bitrate: 30000000, codec: "h264", profile: "main" }] };
    expect(rules(def)).toEqual([]);
    // 640x360@30 fits level 3 by size and rate; 30 Mbps (main) needs 4.1's 50 Mbps
    const video = channelOf(def).encoder_settings.video_descriptions.find((v: { name: string }) => v.name === "video_small_fat");
    expect(video.codec_settings.h264_settings.level).toBe("H264_LEVEL_4_1");
  });

  test("a rung no MediaLive level carries is refused at its path with the limit it breaks", () => {
    // The schema's limits (3840x2160, 60 fps, 40 Mbps) all fit H.264 5.2 / H.265 5.1, so the rule is checked directly
    // with a frame rate beyond them, as a catalog rung or a future schema could carry.
    const rule = SEMANTIC_RULES.find((r) => r.id === "BMF-CODEC-LEVEL")!;
    const def = {
      ...base,
      transcode_profiles: ["720p", { name: "uhd120", width: 3840, height: 2160, bitrate: 20000000, fps: 120, codec: "h264", profile: "high" }],
    };
    expect(rule.check(def as never, loadCatalog())).toEqual([
      {
        path: ["transcode_profiles", 1],
        message: expect.stringMatching(
          /^rung 'uhd120': no H\.264 level carries 3840x2160 at 120 fps and 20 Mbps: at H264_LEVEL_5_2 .* exceeds MaxMBPS 2073600; .*or use codec h265$/,
        ),
      },
    ]);
    expect(rule.check({ ...def, transcode_profiles: ["abr_1080p"] } as never, loadCatalog())).toEqual([]);
  });
});

describe("BMF-SIMULCAST-BACKUP and BMF-RTMPS: redundant simulcast over RTMPS", () => {
  const enterprise = { ...base, tier: "enterprise", sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }] };
  const destination = (def: object, id: string) => channelOf(def).destinations.find((d: { id: string }) => d.id === id);

  test("YouTube is sent over RTMPS, each STANDARD pipeline to its own ingest (a. primary, b. backup)", () => {
    const def = { ...enterprise, outputs: ["cloudfront", "youtube"] };
    expect(rules(def)).toEqual([]);
    expect(destination(def, "youtube").settings.map((s: { url: string }) => s.url)).toEqual([
      "rtmps://a.rtmps.youtube.com:443/live2",
      "rtmps://b.rtmps.youtube.com:443/live2?backup=1",
    ]);
    expect(destination({ ...def, tier: "development" }, "youtube").settings.map((s: { url: string }) => s.url)).toEqual([
      "rtmps://a.rtmps.youtube.com:443/live2",
    ]);
  });

  test("a generic RTMP output on a STANDARD channel without a backup URL is refused (both pipelines would push one URL and key)", () => {
    const def = { ...enterprise, outputs: ["cloudfront", "rtmps://live.example.com:443/app"] };
    expect(rules(def)).toEqual([
      expect.objectContaining({
        rule: "BMF-SIMULCAST-BACKUP",
        path: "$.outputs[1]",
        message: expect.stringMatching(/both pipelines publish.*give the platform's backup ingest URL as 'backup_url'/),
      }),
    ]);
    const fixed = {
      ...enterprise,
      outputs: ["cloudfront", { type: "rtmp", url: "rtmps://live.example.com:443/app", backup_url: "rtmps://backup.example.com:443/app" }],
    };
    expect(rules(fixed)).toEqual([]);
    expect(destination(fixed, "rtmp").settings.map((s: { url: string }) => s.url)).toEqual([
      "rtmps://live.example.com:443/app",
      "rtmps://backup.example.com:443/app",
    ]);
    const same = {
      ...enterprise,
      outputs: ["cloudfront", { type: "rtmp", url: "rtmps://live.example.com:443/app", backup_url: "rtmps://live.example.com:443/app" }],
    };
    expect(rules(same)).toEqual([expect.objectContaining({ rule: "BMF-SIMULCAST-BACKUP", path: "$.outputs[1].backup_url" })]);
    // a custom YouTube URL needs its backup too; single-pipeline channels publish once
    expect(rules({ ...enterprise, outputs: [{ type: "youtube", url: "rtmps://a.rtmps.youtube.com:443/live2" }] })).toEqual([
      expect.objectContaining({ rule: "BMF-SIMULCAST-BACKUP" }),
    ]);
    expect(rules({ ...def, tier: "standard" })).toEqual([]);
  });

  test("rtmp:// to a service that takes RTMPS is refused with the rtmps:// URL to use", () => {
    const def = { ...base, outputs: ["cloudfront", { type: "youtube", url: "rtmp://a.rtmp.youtube.com/live2" }, "rtmp://live-api-s.facebook.com:80/rtmp/"] };
    expect(rules(def)).toEqual([
      expect.objectContaining({ rule: "BMF-RTMPS", path: "$.outputs[1].url", message: expect.stringContaining("use 'rtmps://a.rtmps.youtube.com:443/live2'") }),
      expect.objectContaining({ rule: "BMF-RTMPS", path: "$.outputs[2]", message: expect.stringContaining("use 'rtmps://live-api-s.facebook.com:443/rtmp/'") }),
    ]);
    expect(rules({ ...base, outputs: ["cloudfront", "rtmp://live.example.com/app"] })).toEqual([]); // a server that may not offer RTMPS
  });
});

describe("BMF-INPUT-CLASS: inputs match the channel class", () => {
  const enterprise = { ...base, tier: "enterprise" };
  const DEVICE_A = "hd-aaaaaaaaaaaaaaaaaaaaaaaa";
  const DEVICE_B = "hd-bbbbbbbbbbbbbbbbbbbbbbbb";
  const inputsOf = (def: object): Json =>
    JSON.parse(renderModule(resolvePipeline(def as never, loadCatalog())).files.get("medialive.tf.json")!).resource.aws_medialive_input;

  test("an Elemental Link source of a STANDARD channel is a two-device (standard-class) input, as company-webinars now is", () => {
    const def = { ...enterprise, sources: [{ type: "elemental_link", id: "studio_link", input_device_id: DEVICE_A, backup_input_device_id: DEVICE_B }] };
    expect(rules(def)).toEqual([]);
    const input = inputsOf(def).studio_link;
    expect(input.input_devices).toEqual([{ id: "${var.studio_link_input_device_id}" }, { id: "${var.studio_link_backup_input_device_id}" }]);
    const files = renderModule(resolvePipeline(def as never, loadCatalog())).files;
    expect(JSON.parse(files.get("variables.tf.json")!).variable.studio_link_backup_input_device_id.default).toBe(DEVICE_B);
    // without ids both devices are required module inputs
    const bare = JSON.parse(
      renderModule(resolvePipeline({ ...enterprise, sources: [{ type: "elemental_link", id: "studio_link" }] } as never, loadCatalog())).files.get(
        "variables.tf.json",
      )!,
    ).variable;
    expect(bare.studio_link_backup_input_device_id).toEqual(expect.objectContaining({ type: "string" }));
    expect(bare.studio_link_backup_input_device_id.default).toBeUndefined();
    // a single-pipeline channel keeps its one-device (single-class) input
    expect(inputsOf({ ...def, tier: "development" }).studio_link.input_devices).toEqual([{ id: "${var.studio_link_input_device_id}" }]);
  });

  test("the failover pair of company-webinars (Link + RTMP on STANDARD) is two standard-class inputs", () => {
    const def = {
      ...enterprise,
      sources: [
        { type: "elemental_link", id: "studio_link" },
        { type: "rtmp", id: "backup_rtmp", allowed_cidrs: ["198.51.100.0/24"] },
      ],
    };
    expect(rules(def)).toEqual([]);
    const inputs = inputsOf(def);
    expect(inputs.studio_link.input_devices).toHaveLength(2);
    expect(inputs.backup_rtmp.destinations).toHaveLength(2);
  });

  test("one device twice, a second device on a single-pipeline channel, and MediaConnect flows that do not match are refused", () => {
    expect(rules({ ...enterprise, sources: [{ type: "elemental_link", input_device_id: DEVICE_A, backup_input_device_id: DEVICE_A }] })).toEqual([
      expect.objectContaining({
        rule: "BMF-INPUT-CLASS",
        path: "$.sources[0].backup_input_device_id",
        message: expect.stringContaining("two different devices"),
      }),
    ]);
    expect(checkPipelineDocument({ ...base, sources: [{ type: "elemental_link", backup_input_device_id: DEVICE_B }] }, "demo.json")).toEqual([
      expect.objectContaining({ rule: "BMF-INPUT-CLASS", severity: "warning", path: "$.sources[0].backup_input_device_id" }),
    ]);
    expect(rules({ ...base, sources: [{ type: "rtmp", backup_input_device_id: DEVICE_B }] })).toEqual([
      expect.objectContaining({ rule: "BMF-SOURCE-SETTINGS", path: "$.sources[0].backup_input_device_id" }),
    ]);
    const flow = (n: number) => `arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:studio${n}`;
    expect(rules({ ...enterprise, sources: [{ type: "mediaconnect", flow_arns: [flow(1)] }] })).toEqual([
      expect.objectContaining({
        rule: "BMF-INPUT-CLASS",
        path: "$.sources[0].flow_arns",
        message: expect.stringContaining("give two MediaConnect flow ARNs, one per pipeline"),
      }),
    ]);
    expect(rules({ ...enterprise, sources: [{ type: "mediaconnect", flow_arns: [flow(1), flow(2)] }] })).toEqual([]);
    expect(
      rules({
        ...base,
        sources: [
          { type: "mediaconnect", flow_arns: [flow(1), flow(2)] },
          { type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] },
        ],
      }),
    ).toEqual([
      expect.objectContaining({
        rule: "BMF-INPUT-CLASS",
        path: "$.sources[0].flow_arns",
        message: expect.stringContaining("automatic input failover pair must be of one class"),
      }),
    ]);
  });

  test("MediaConnect flows given at apply time are held to one per pipeline by the variable's validation", () => {
    const files = renderModule(resolvePipeline({ ...enterprise, sources: [{ type: "mediaconnect", id: "feed" }] } as never, loadCatalog())).files;
    const variable = JSON.parse(files.get("variables.tf.json")!).variable.feed_flow_arns;
    expect(variable.validation).toEqual([expect.objectContaining({ condition: "${length(var.feed_flow_arns) == 2}" })]);
    expect(JSON.parse(files.get("examples/basic/main.tf.json")!).module.rules_demo.feed_flow_arns).toHaveLength(2);
  });
});

describe("archive, logs and trust: what the MediaLive User Guide and the confused-deputy guidance ask for", () => {
  test("the archive HLS group writes to S3 with HLS S3 CDN settings (bucket-owner canned ACL); MediaPackage keeps basic PUT", () => {
    const groups = channelOf({ ...base, outputs: ["cloudfront", "s3_archive"] }).encoder_settings.output_groups;
    const hls = (name: string) => groups.find((g: { name: string }) => g.name === name).output_group_settings.hls_group_settings;
    expect(hls("archive").hls_cdn_settings).toEqual([{ hls_s3_settings: { canned_acl: "BUCKET_OWNER_FULL_CONTROL" } }]);
    expect(hls("mediapackage").hls_cdn_settings).toEqual([{ hls_basic_put_settings: expect.any(Object) }]);
  });

  test("service-role trust policies name the account and the resource (MediaConvert queue, Step Functions machine, EventBridge rule)", () => {
    const def = { ...base, pipeline_type: "hybrid", outputs: ["cloudfront", "s3_archive"] };
    const files = renderModule(resolvePipeline(def as never, loadCatalog())).files;
    const trusts = [...files]
      .filter(([file]) => file.endsWith(".tf.json"))
      .flatMap(([file, text]) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        Object.entries<any>(JSON.parse(text).data?.aws_iam_policy_document ?? {})
          .filter(([name]) => name.endsWith("_trust"))
          .map(([name, doc]) => ({ file, name, statement: doc.statement[0] })),
      );
    const byService = (service: string) => trusts.filter((t) => t.statement.principals[0].identifiers[0] === service);
    const conditions = (t: { statement: { condition?: Array<{ variable: string; values: string[] }> } }) =>
      Object.fromEntries((t.statement.condition ?? []).map((c) => [c.variable, c.values[0]]));
    // the account is read from the resource's own ARN: no STS call, so offline review plans work
    expect(byService("mediaconvert.amazonaws.com").map(conditions)).toEqual([
      { "aws:SourceAccount": '${element(split(":", aws_media_convert_queue.main.arn), 4)}', "aws:SourceArn": "${aws_media_convert_queue.main.arn}" },
    ]);
    const states = byService("states.amazonaws.com").map(conditions);
    expect(states.length).toBeGreaterThanOrEqual(2);
    for (const c of states) {
      expect(c["aws:SourceArn"]).toMatch(
        /^arn:\$\{data\.aws_partition\.current\.partition\}:states:\$\{data\.aws_region\.current\.id\}:\$\{element\(split\(":", aws_[a-z_]+\.[a-z_]+\.arn\), 4\)\}:stateMachine:\$\{var\.name_prefix\}-[a-z-]+$/,
      );
      expect(c["aws:SourceAccount"]).toMatch(/^\$\{element\(split\(":", aws_[a-z_]+\.[a-z_]+\.arn\), 4\)\}$/);
    }
    const events = byService("events.amazonaws.com").map(conditions);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const c of events) {
      expect(c["aws:SourceArn"]).toMatch(/^\$\{aws_cloudwatch_event_rule\.([a-z_]+)\.arn\}$/);
      expect(c["aws:SourceAccount"]).toBe(`\${element(split(":", ${c["aws:SourceArn"].slice(2, -1)}), 4)}`);
    }
    // MediaLive documents no confused-deputy keys for its channel role: a condition it does not send would lock the channel out
    expect(byService("medialive.amazonaws.com").map(conditions)).toEqual([{}]);
  });

  test("the module creates MediaLive's log group with a retention (MediaLive would create it without expiry); a template's creators leave it to the shared module", () => {
    const files = renderModule(resolvePipeline(base as never, loadCatalog())).files;
    const group = JSON.parse(files.get("logs.tf.json")!).resource.aws_cloudwatch_log_group.medialive;
    expect(group).toEqual(
      expect.objectContaining({
        name: "ElementalMediaLive",
        retention_in_days: "${var.medialive_log_retention_days}",
        count: "${var.manage_medialive_log_group ? 1 : 0}",
      }),
    );
    const variables = JSON.parse(files.get("variables.tf.json")!).variable;
    expect(variables.medialive_log_retention_days.default).toBe(30);
    expect(variables.manage_medialive_log_group.default).toBe(true);
    // the role's log permissions name the same group
    expect(files.get("iam.tf.json")).toContain("log-group:ElementalMediaLive:*");
    expect(channelOf(base).depends_on).toContain("aws_cloudwatch_log_group.medialive");
  });
});
