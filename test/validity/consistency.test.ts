/**
 * Each consistency rule on a hand-written module (test/fixtures/validity/minimal-module): it passes as
 * written, and a copy broken in one place fails with the file, JSON path and what is wrong.
 */
import { projectPath } from "../../src/core/project-paths";
import type { Json } from "../../src/types/json";
import { ModuleFiles, declarationsOf, loadModuleDir } from "../../src/validity/module-files";
import { RULES, checkModuleFiles } from "../../src/validity/rules";

const fixture = loadModuleDir(projectPath("test", "fixtures", "validity", "minimal-module"));

/** A copy of the fixture with `change` applied to its parsed files (declarations recomputed). */
function broken(change: (files: Map<string, Json>, examples: Map<string, Json>) => void): ModuleFiles {
  const files = new Map([...fixture.files].map(([f, d]) => [f, structuredClone(d)]));
  const examples = new Map([...fixture.examples].map(([f, d]) => [f, structuredClone(d)]));
  change(files, examples);
  return { dir: "<test>", files, examples, declarations: declarationsOf(files) };
}

const channelOf = (files: Map<string, Json>) => files.get("medialive.tf.json")!.resource.aws_medialive_channel.main;
const findings = (m: ModuleFiles) => checkModuleFiles(m).findings.map((f) => `${f.rule} ${f.file} ${f.path}: ${f.message}`);

test("the fixture passes every rule, and every rule has something to check in it", () => {
  expect(findings(fixture)).toEqual([]);
  expect(RULES.map((r) => r.id)).toEqual(
    expect.arrayContaining(["TF-REFERENCE-DECLARED", "ML-OUTPUT-DESCRIPTIONS", "ML-DESTINATION-REFS", "MEDIALIVE-API-MODEL", "CFN-RESOURCE-SCHEMA"]),
  );
});

test("TF-REFERENCE-DECLARED: a dangling resource reference fails", () => {
  const m = broken((files) => {
    files.get("iam.tf.json")!.data.aws_iam_policy_document.medialive_permissions.statement[0].resources.push("${aws_s3_bucket.nope.arn}/*");
  });
  expect(findings(m)).toEqual([
    "TF-REFERENCE-DECLARED iam.tf.json data.aws_iam_policy_document.medialive_permissions.statement[0].resources[1]: aws_s3_bucket.nope.arn: resource aws_s3_bucket.nope is not declared",
  ]);
});

test("TF-REFERENCE-DECLARED: undeclared variables, locals, data sources, wrong names and unknown roots fail", () => {
  const m = broken((files) => {
    const channel = channelOf(files);
    channel.name = "${var.nam_prefix}-channel";
    channel.tags = "${local.tagz}";
    channel.role_arn = "${aws_iam_role.medialive_role.arn}";
    files.get("main.tf.json")!.locals.partition = "${data.aws_partition.other.partition}";
    files.get("outputs.tf.json")!.output.oops = { value: "${modul.x.y}" };
  });
  expect(findings(m)).toEqual([
    "TF-REFERENCE-DECLARED main.tf.json locals.partition: data.aws_partition.other.partition: data source aws_partition.other is not declared",
    'TF-REFERENCE-DECLARED medialive.tf.json resource.aws_medialive_channel.main.name: var.nam_prefix: variable "nam_prefix" is not declared',
    "TF-REFERENCE-DECLARED medialive.tf.json resource.aws_medialive_channel.main.role_arn: aws_iam_role.medialive_role.arn: resource aws_iam_role.medialive_role is not declared (declared aws_iam_role: medialive)",
    'TF-REFERENCE-DECLARED medialive.tf.json resource.aws_medialive_channel.main.tags: local.tagz: local "tagz" is not declared',
    'TF-REFERENCE-DECLARED outputs.tf.json output.oops.value: modul.x.y: "modul" is not a variable, local, data source, module, resource or Terraform built-in',
  ]);
});

test("TF-REFERENCE-DECLARED: depends_on entries and variable validations are checked too; dynamic iterators are bound", () => {
  const m = broken((files) => {
    channelOf(files).depends_on.push("aws_iam_role_policy.gone");
    files.get("variables.tf.json")!.variable.youtube_stream_key.validation[0].condition = "${length(var.youtube_key) > 0}";
  });
  expect(findings(m)).toEqual([
    "TF-REFERENCE-DECLARED medialive.tf.json resource.aws_medialive_channel.main.depends_on[1]: aws_iam_role_policy.gone: resource aws_iam_role_policy.gone is not declared (declared aws_iam_role_policy: medialive)",
    'TF-REFERENCE-DECLARED variables.tf.json variable.youtube_stream_key.validation[0].condition: var.youtube_key: variable "youtube_key" is not declared',
  ]);
});

test("ML-OUTPUT-DESCRIPTIONS: an output naming an undeclared video or audio description fails", () => {
  const m = broken((files) => {
    const outputs = channelOf(files).encoder_settings.output_groups[1].outputs;
    outputs[0].video_description_name = "video_1080p";
    outputs[0].audio_description_names = ["audio_aac", "audio_ac3"];
  });
  expect(findings(m)).toEqual([
    'ML-OUTPUT-DESCRIPTIONS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.output_groups[1].outputs[0].video_description_name: video description "video_1080p" is not declared (declared: video_720p)',
    'ML-OUTPUT-DESCRIPTIONS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.output_groups[1].outputs[0].audio_description_names[1]: audio description "audio_ac3" is not declared (declared: audio_aac)',
  ]);
});

test("ML-OUTPUT-DESCRIPTIONS: duplicate description names fail", () => {
  const m = broken((files) => {
    const encoder = channelOf(files).encoder_settings;
    encoder.video_descriptions.push(structuredClone(encoder.video_descriptions[0]));
  });
  expect(findings(m)).toEqual([
    'ML-OUTPUT-DESCRIPTIONS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.video_descriptions: video description name "video_720p" is used twice',
  ]);
});

test("ML-DESTINATION-REFS: a destination_ref_id without a destination fails (group and output level)", () => {
  const m = broken((files) => {
    const groups = channelOf(files).encoder_settings.output_groups;
    groups[0].output_group_settings.hls_group_settings.destination.destination_ref_id = "mediapackge";
    groups[1].outputs[0].output_settings.rtmp_output_settings.destination = [{ destination_ref_id: "twitch" }];
  });
  expect(findings(m)).toEqual([
    'ML-DESTINATION-REFS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.output_groups[0].output_group_settings.hls_group_settings.destination.destination_ref_id: destination "mediapackge" is not declared in destinations (declared: mediapackage, youtube)',
    'ML-DESTINATION-REFS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.output_groups[1].outputs[0].output_settings.rtmp_output_settings.destination[0].destination_ref_id: destination "twitch" is not declared in destinations (declared: mediapackage, youtube)',
  ]);
});

test("ML-AUDIO-SELECTORS: an audio description reading a selector some input does not declare fails", () => {
  const m = broken((files) => {
    const channel = channelOf(files);
    channel.input_attachments.push({
      input_attachment_name: "backup",
      input_id: "${aws_medialive_input.rtmp.id}",
      input_settings: { audio_selector: [{ name: "english" }] },
    });
  });
  expect(findings(m)).toEqual([
    'ML-AUDIO-SELECTORS medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.audio_descriptions[0].audio_selector_name: audio selector "default" is not declared in input attachment "backup" (input_settings.audio_selector); MediaLive needs the same selector names in every input',
  ]);
});

test("ML-PIPELINE-DESTINATIONS: a STANDARD channel with one URL per destination fails", () => {
  const m = broken((files) => {
    channelOf(files).channel_class = "STANDARD";
  });
  expect(findings(m)).toEqual([
    'ML-PIPELINE-DESTINATIONS medialive.tf.json resource.aws_medialive_channel.main.destinations[0].settings: destination "mediapackage" has 1 URL(s); a STANDARD channel needs 2 (one per pipeline)',
    'ML-PIPELINE-DESTINATIONS medialive.tf.json resource.aws_medialive_channel.main.destinations[1].settings: destination "youtube" has 1 URL(s); a STANDARD channel needs 2 (one per pipeline)',
  ]);
});

test("TF-NO-CDKTF-METADATA, TF-NO-PROVIDER-OR-BACKEND: cdktf leftovers and root-only blocks fail", () => {
  const m = broken((files) => {
    channelOf(files)["//"] = { metadata: { path: "pipeline/medialive/channel", uniqueId: "channel" } };
    files.get("versions.tf.json")!.terraform.backend = { s3: { bucket: "state" } };
    files.get("main.tf.json")!.provider = { aws: [{ region: "us-east-1" }] };
  });
  expect(findings(m)).toEqual([
    'TF-NO-CDKTF-METADATA medialive.tf.json resource.aws_medialive_channel.main.//: cdktf metadata key "//" in a published module',
    "TF-NO-PROVIDER-OR-BACKEND main.tf.json provider: a module must not configure providers (the calling root passes them); it makes the module impossible to use with count/for_each and other regions",
    "TF-NO-PROVIDER-OR-BACKEND versions.tf.json terraform.backend: a module must not declare terraform.backend; state belongs to the root configuration",
  ]);
});

test("TF-NO-SECRET-LITERALS: a literal stream key, an access key id and a private key fail", () => {
  const m = broken((files) => {
    channelOf(files).destinations[1].settings[0].stream_name = "abcd-efgh-ijkl-mnop-qrst";
    files.get("main.tf.json")!.locals.debug = "AKIAIOSFODNN7EXAMPLE";
    files.get("main.tf.json")!.locals.key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...";
  });
  expect(findings(m)).toEqual([
    "TF-NO-SECRET-LITERALS main.tf.json locals.debug: looks like an AWS access key id written into the module",
    "TF-NO-SECRET-LITERALS main.tf.json locals.key: looks like a private key written into the module",
    "TF-NO-SECRET-LITERALS medialive.tf.json resource.aws_medialive_channel.main.destinations[1].settings[0].stream_name: the stream key of an RTMP destination is a literal; it must come from a sensitive variable",
  ]);
});

test("TF-REQUIRED-PROVIDERS: a provider used but not required, or required but unused, fails", () => {
  const m = broken((files) => {
    delete files.get("versions.tf.json")!.terraform.required_providers.awscc;
    files.get("versions.tf.json")!.terraform.required_providers.random = { source: "hashicorp/random", version: ">= 3.0" };
  });
  expect(findings(m)).toEqual([
    'TF-REQUIRED-PROVIDERS versions.tf.json terraform.required_providers: the module uses awscc_* resources but does not require provider "awscc"',
    'TF-REQUIRED-PROVIDERS versions.tf.json terraform.required_providers.random: provider "random" is required but the module has no random_* resource or data source',
  ]);
});

test("TF-EXAMPLE-CALLS-MODULE: an example missing a required variable or passing an unknown one fails", () => {
  const m = broken((_files, examples) => {
    const call = examples.get("examples/basic/main.tf.json")!.module.fixture;
    delete call.rtmp_allowed_cidrs;
    call.stream_key = "${var.youtube_stream_key}";
  });
  expect(findings(m)).toEqual([
    'TF-EXAMPLE-CALLS-MODULE examples/basic/main.tf.json module.fixture.stream_key: the module has no variable "stream_key"',
    'TF-EXAMPLE-CALLS-MODULE examples/basic/main.tf.json module.fixture: required variable "rtmp_allowed_cidrs" is not passed',
  ]);
});

test("CFN-AWSCC-REFERENCE: a reference to an attribute the CloudFormation resource does not have fails", () => {
  const m = broken((files) => {
    channelOf(files).destinations[0].settings[0].url = "${awscc_mediapackagev2_channel.main.ingest_endpoint_url}";
  });
  expect(findings(m)).toEqual([
    expect.stringMatching(
      /^CFN-AWSCC-REFERENCE medialive.tf.json resource.aws_medialive_channel.main.destinations\[0\].settings\[0\].url: awscc_mediapackagev2_channel.main.ingest_endpoint_url: awscc_mediapackagev2_channel has no attribute "ingest_endpoint_url" \(AWS::MediaPackageV2::Channel has .*ingest_endpoint_urls/,
    ),
  ]);
});

test("MEDIALIVE-API-MODEL and CFN-RESOURCE-SCHEMA run through the rule list: a bad H.264 enum, a missing required member, an unknown awscc property", () => {
  const m = broken((files) => {
    const channel = channelOf(files);
    channel.encoder_settings.video_descriptions[0].codec_settings.h264_settings.profile = "ULTRA";
    delete channel.encoder_settings.timecode_config.source;
    files.get("mediapackage.tf.json")!.resource.awscc_mediapackagev2_channel.main.ingest_protocol = "RTMP";
  });
  expect(findings(m)).toEqual([
    expect.stringMatching(
      /^CFN-RESOURCE-SCHEMA mediapackage.tf.json resource.awscc_mediapackagev2_channel.main.ingest_protocol: 'ingest_protocol' is not a property of AWS::MediaPackageV2::Channel/,
    ),
    "MEDIALIVE-API-MODEL medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.timecode_config: TimecodeConfig requires Source",
    expect.stringMatching(
      /^MEDIALIVE-API-MODEL medialive.tf.json resource.aws_medialive_channel.main.encoder_settings.video_descriptions\[0\].codec_settings.h264_settings.profile: "ULTRA" is not a H264Profile; the MediaLive API allows BASELINE, HIGH/,
    ),
  ]);
});
