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
import { renderPipelineModule as renderModule } from "../../src/core/module-render";
import { checkMediaLiveResources } from "../../src/validity/medialive-check";
import { AWS_ATTRIBUTES_CHECKED_AGAINST_CFN, CfnSpec, checkAgainstCfn } from "../../src/validity/cfn-spec";
import type { Finding } from "../../src/validity/findings";
import { validLiveDefinition } from "../support/definition-arbitrary";

const spec = CfnSpec.load();

function checkFiles(files: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [file, content] of files) {
    if (!file.endsWith(".tf.json") || file.startsWith("examples/")) continue;
    const doc = JSON.parse(content);
    findings.push(...checkMediaLiveResources(doc, file), ...checkAgainstCfn(spec, doc, file));
  }
  return findings;
}

const moduleFiles = (dir: string) => new Map(fs.readdirSync(dir).filter((f) => f.endsWith(".tf.json")).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
const studio = () => moduleFiles(projectPath("modules", "studio_live_feed"));

test("every committed example module passes the MediaLive API model and CloudFormation schema checks", () => {
  const dirs = fs.readdirSync(projectPath("modules"));
  expect(dirs.length).toBeGreaterThanOrEqual(6);
  for (const d of dirs) expect({ module: d, findings: checkFiles(moduleFiles(projectPath("modules", d))) }).toEqual({ module: d, findings: [] });
});

test("modules of random valid definitions pass the same checks", () => {
  const catalog = loadCatalog();
  fc.assert(
    fc.property(validLiveDefinition, (def) => {
      expect(checkFiles(renderModule(resolvePipeline(def as never, catalog)).files)).toEqual([]);
    }),
    { numRuns: 25, seed: 424242 },
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
    expect.stringMatching(/origin_endpoint\.hls\.segment\.segment_duration_secs: 'segment_duration_secs' is not a property of AWS::MediaPackageV2::OriginEndpoint\.Segment/),
  ]);
});

test("hashicorp/aws attributes listed for CloudFormation checks are checked, and every listed property has allowed values", () => {
  for (const entry of AWS_ATTRIBUTES_CHECKED_AGAINST_CFN) {
    let t = spec.propertyAt(entry.cfnType, entry.cfnProperty)?.type;
    while (t?.type === "array" && t.element) t = t.element;
    expect({ entry: entry.cfnProperty.join("."), allowed: (t?.allowedValues?.length ?? 0) > 0 }).toEqual({ entry: entry.cfnProperty.join("."), allowed: true });
  }
  const doc = JSON.parse(moduleFiles(projectPath("modules", "company-webinars")).get("archive.tf.json")!);
  doc.resource.aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition[1].storage_class = "DEEP_FREEZE";
  expect(checkAgainstCfn(spec, doc, "archive.tf.json")).toEqual([
    expect.objectContaining({ path: "resource.aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition[1].storage_class", message: expect.stringContaining("GLACIER_IR") }),
  ]);
});
