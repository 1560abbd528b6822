/**
 * Generated resources checked against AWS's own specifications: the MediaLive API model (aws-sdk v2
 * declarations: members, required, enums, ranges) and the CloudFormation resource schemas
 * (@aws-cdk/aws-service-spec). Example modules and a random corpus pass; broken resources fail.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { projectPath } from "../../src/core/project-paths";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderPipelineModule as renderModule } from "../../src/synth/module-render";
import { checkMediaConvertSettings, checkMediaLiveResources } from "../../src/validity/medialive-check";
import { mediaconvertModel } from "../../src/validity/api-model";
import { AWS_ATTRIBUTE_SPECS, CfnSpec, allowedValuesOf, checkAgainstCfn } from "../../src/validity/cfn-spec";
import type { Finding } from "../../src/validity/findings";
import { moduleFromContents } from "../../src/validity/module-files";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { validLiveDefinition } from "../support/definition-arbitrary";

const spec = CfnSpec.load();

function checkFiles(files: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [file, content] of files) {
    if (!file.endsWith(".tf.json") || file.startsWith("examples/")) continue;
    const doc = JSON.parse(content);
    findings.push(...checkMediaLiveResources(doc, file), ...checkMediaConvertSettings(doc, file, mediaconvertModel()), ...checkAgainstCfn(spec, doc, file));
  }
  return findings;
}

const moduleFiles = (dir: string) =>
  new Map(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".tf.json"))
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]),
  );
const studio = () => moduleFiles(projectPath("modules", "studio_live_feed"));

test("every committed example module passes the MediaLive API model and CloudFormation schema checks", () => {
  const dirs = fs.readdirSync(projectPath("modules"));
  expect(dirs.length).toBeGreaterThanOrEqual(6);
  for (const d of dirs) expect({ module: d, findings: checkFiles(moduleFiles(projectPath("modules", d))) }).toEqual({ module: d, findings: [] });
});

test("modules of random valid definitions pass every validity rule (AWS specifications and internal consistency)", () => {
  const catalog = loadCatalog();
  fc.assert(
    fc.property(validLiveDefinition, (def) => {
      const module = moduleFromContents(renderModule(resolvePipeline(def as never, catalog)).files);
      expect(formatFindings(checkModuleFiles(module).findings)).toBe("");
    }),
    { numRuns: 40, seed: 424242 },
  );
});

test("the checks reach deep into the channel: bad enum, out-of-range value, unknown and missing members fail", () => {
  const files = studio();
  const doc = JSON.parse(files.get("medialive.tf.json")!);
  const channel = doc.resource.aws_medialive_channel.main;
  const h264 = channel.encoder_settings.video_descriptions[0].codec_settings.h264_settings;
  h264.rate_control_mode = "QVBR_PLUS";
  h264.qvbr_quality_level = 11;
  h264.turbo_mode = "ENABLED";
  delete channel.encoder_settings.audio_descriptions[0].audio_selector_name;
  const messages = checkMediaLiveResources(doc, "medialive.tf.json").map((f) => `${f.path}: ${f.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/h264_settings\.rate_control_mode: "QVBR_PLUS" is not a H264RateControlMode/),
      expect.stringMatching(/h264_settings\.qvbr_quality_level: 11 is above the maximum 10/),
      expect.stringMatching(/h264_settings\.turbo_mode: 'turbo_mode' is not a member of H264Settings/),
      expect.stringMatching(/audio_descriptions\[0\]: AudioDescription requires AudioSelectorName/),
    ]),
  );
  expect(messages).toHaveLength(4);
});

test("awscc resources are held to their CloudFormation schema: unknown property, bad enum, missing required", () => {
  const doc = JSON.parse(studio().get("mediapackage.tf.json")!);
  const endpoint = doc.resource.awscc_mediapackagev2_origin_endpoint.hls;
  endpoint.container_type = "MP4";
  endpoint.segment.segment_duration_secs = 6;
  delete doc.resource.awscc_mediapackagev2_channel.main.channel_group_name;
  const messages = checkAgainstCfn(spec, doc, "mediapackage.tf.json").map((f) => `${f.path}: ${f.message}`);
  expect(messages).toEqual([
    expect.stringMatching(/awscc_mediapackagev2_channel\.main: AWS::MediaPackageV2::Channel requires channel_group_name/),
    expect.stringMatching(/origin_endpoint\.hls\.container_type: "MP4" is not allowed .* TS, CMAF, ISM/),
    expect.stringMatching(
      /origin_endpoint\.hls\.segment\.segment_duration_secs: 'segment_duration_secs' is not a property of AWS::MediaPackageV2::OriginEndpoint\.Segment/,
    ),
  ]);
});

test("every entry of the hashicorp/aws table names an AWS spec that lists allowed values", () => {
  for (const entry of AWS_ATTRIBUTE_SPECS)
    expect({ entry: `${entry.resource}.${entry.attribute.join(".")}`, allowed: (allowedValuesOf(spec, entry.spec)?.length ?? 0) > 0 }).toEqual({
      entry: `${entry.resource}.${entry.attribute.join(".")}`,
      allowed: true,
    });
});

test("hashicorp/aws attributes in the table are checked against CloudFormation: a storage class S3 does not have fails", () => {
  const doc = JSON.parse(moduleFiles(projectPath("modules", "company-webinars")).get("archive.tf.json")!);
  doc.resource.aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition[1].storage_class = "DEEP_FREEZE";
  expect(checkAgainstCfn(spec, doc, "archive.tf.json")).toEqual([
    expect.objectContaining({
      rule: "AWS-SPEC-VALUES",
      path: "resource.aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition[1].storage_class",
      message: expect.stringContaining("GLACIER_IR"),
    }),
  ]);
});

test("CloudFront values CloudFormation does not enumerate are checked against the CloudFront API's enums", () => {
  const doc = JSON.parse(studio().get("cloudfront.tf.json")!);
  const dist = doc.resource.aws_cloudfront_distribution.main;
  dist.default_cache_behavior.viewer_protocol_policy = "http-only";
  dist.ordered_cache_behavior[2].allowed_methods.push("CONNECT");
  dist.price_class = "PriceClass_50";
  const found = checkAgainstCfn(spec, doc, "cloudfront.tf.json").map((f) => `${f.rule} ${f.path}: ${f.message}`);
  expect(found).toEqual([
    expect.stringMatching(
      /^AWS-SPEC-VALUES resource\.aws_cloudfront_distribution\.main\.default_cache_behavior\.viewer_protocol_policy: "http-only" is not allowed by the CloudFront API's ViewerProtocolPolicy; AWS allows allow-all, https-only, redirect-to-https$/,
    ),
    expect.stringMatching(/ordered_cache_behavior\[2\]\.allowed_methods\[3\]: "CONNECT" is not allowed by the CloudFront API's Method/),
    expect.stringMatching(/\.price_class: "PriceClass_50" is not allowed .*PriceClass_100, PriceClass_200, PriceClass_All/),
  ]);
});

test("MediaLive channel_class and input type are held to the MediaLive API enums", () => {
  const doc = JSON.parse(studio().get("medialive.tf.json")!);
  doc.resource.aws_medialive_channel.main.channel_class = "DUAL_PIPELINE";
  doc.resource.aws_medialive_input.elemental_link.type = "LINK";
  const messages = checkMediaLiveResources(doc, "medialive.tf.json").map((f) => `${f.path}: ${f.message}`);
  expect(messages).toEqual([
    expect.stringMatching(
      /aws_medialive_channel\.main\.channel_class: "DUAL_PIPELINE" is not a ChannelClass; the MediaLive API allows STANDARD, SINGLE_PIPELINE/,
    ),
    expect.stringMatching(/aws_medialive_input\.elemental_link\.type: "LINK" is not a InputType; .*INPUT_DEVICE/),
  ]);
});

test("dynamic blocks are checked as the blocks they stand for", () => {
  const doc = JSON.parse(moduleFiles(projectPath("test", "fixtures", "validity", "minimal-module")).get("medialive.tf.json")!);
  doc.resource.aws_medialive_input_security_group.rtmp.dynamic.whitelist_rules.content = { cidr_block: "${each.value}" };
  expect(checkMediaLiveResources(doc, "medialive.tf.json").map((f) => `${f.path}: ${f.message}`)).toEqual([
    "resource.aws_medialive_input_security_group.rtmp.whitelist_rules[0].cidr_block: 'cidr_block' is not a member of InputWhitelistRuleCidr in the MediaLive API",
  ]);
});

test("the aws-sdk v2 JSON model has no enums or ranges, which is why the checks read the client declarations", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shapes = Object.values<{ enum?: unknown; min?: unknown; max?: unknown }>(require("aws-sdk/apis/medialive-2017-10-14.min.json").shapes);
  expect(shapes.filter((s) => s.enum || s.min !== undefined || s.max !== undefined)).toEqual([]);
});

test("MediaConvert job settings are held to the MediaConvert API model", () => {
  const files = moduleFiles(projectPath("modules", "vod-library"));
  const doc = JSON.parse(files.get("mediaconvert.tf.json")!);
  expect(checkMediaConvertSettings(doc, "mediaconvert.tf.json", mediaconvertModel())).toEqual([]);
  // HLS outputs refer to the rung presets (their settings are checked as PresetSettings); DASH/CMAF ones are inline.
  expect(doc.locals.job_settings.OutputGroups[0].Outputs[0]).toEqual({ NameModifier: "_1080p", Preset: "${awscc_mediaconvert_preset.hls_1080p.name}" });
  doc.locals.hls_1080p_preset_settings.VideoDescription.CodecSettings.H264Settings.RateControlMode = "QVBR_MAX";
  doc.locals.job_settings.OutputGroups[1].Outputs[0].VideoDescription.CodecSettings.H264Settings.QvbrSettings.QvbrQualityLevel = 11;
  const messages = checkMediaConvertSettings(doc, "mediaconvert.tf.json", mediaconvertModel()).map((f) => f.message);
  expect(messages.sort()).toEqual([
    expect.stringMatching(/"QVBR_MAX" is not a H264RateControlMode; the MediaConvert API allows/),
    expect.stringMatching(/11 is above the maximum 10/),
  ]);
});
