/**
 * VOD: source and output buckets (the same secure defaults as the archive), a MediaConvert queue and
 * job template from the ladder, a least-privilege MediaConvert role, and a watch folder without code:
 * S3 "Object Created" -> EventBridge -> a Step Functions state machine running createJob.sync.
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { MediaConvertQueue } from "@cdktf/provider-aws/lib/media-convert-queue";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { MediaConvertJobTemplate, MediaConvertPreset } from "./awscc/mediaconvert";
import { SecureBucket } from "./archive";
import { PipelineContext } from "./context";
import { hlsRungPresetSettings, mediaConvertSettings } from "./mediaconvert-settings";

const trust = (scope: Construct, id: string, service: string) =>
  new DataAwsIamPolicyDocument(scope, id, { statement: [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [service] }] }] });

export class VodStorage extends Construct {
  readonly source: SecureBucket;
  readonly output: SecureBucket;

  constructor(scope: Construct, id: string, ctx: PipelineContext) {
    super(scope, id);
    const v = ctx.pipeline.vod_settings;
    this.source = new SecureBucket(this, ctx, { name: "vod_source", prefixWord: "vod-in", purpose: "VOD source", expireDays: v.source_retention_days, forceDestroyVariable: "vod_force_destroy" });
    this.output = new SecureBucket(this, ctx, { name: "vod_output", prefixWord: "vod-out", purpose: "VOD output", expireDays: v.output_retention_days, forceDestroyVariable: "vod_force_destroy" });
    // EventBridge receives the source bucket's events; the watch folder rule picks uploads from them.
    new S3BucketNotification(this, "vod_source@notification", { bucket: this.source.bucket.id, eventbridge: true });
  }
}

export class MediaConvert extends Construct {
  readonly queue: MediaConvertQueue;
  readonly template: MediaConvertJobTemplate;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, ctx: PipelineContext, storage: VodStorage, archivedStreams?: string) {
    super(scope, id);
    const p = ctx.pipeline;
    this.queue = new MediaConvertQueue(this, "main", { name: `\${var.name_prefix}-vod`, description: `On-demand transcoding for ${p.pipeline_id}`, pricingPlan: "ON_DEMAND", status: "ACTIVE", tags: ctx.tags });
    // The HLS ladder as presets (one per rung), reusable in the console and custom jobs; the template refers to them.
    const presets: Record<string, string> = {};
    for (const rung of p.rungs) {
      const id = `hls_${rung.name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
      // Settings as a local object, so a review shows one setting per line rather than one JSON string.
      const presetSettings = new TerraformLocal(this, `${id}_preset_settings`, hlsRungPresetSettings(rung));
      const preset = new MediaConvertPreset(this, id, {
        name: `\${var.name_prefix}-hls-${rung.name}`,
        description: `${rung.name} rung of ${p.pipeline_id} (HLS, TS segments)`,
        category: "blackwell",
        settingsJson: Fn.jsonencode(presetSettings.expression),
        tags: ctx.awsccTagMap,
      });
      presets[rung.name] = preset.presetName;
    }
    const settings = new TerraformLocal(this, "job_settings", mediaConvertSettings(p, `s3://${storage.output.bucket.bucket}/vod/`, presets));
    this.template = new MediaConvertJobTemplate(this, "abr", {
      name: `\${var.name_prefix}-abr`,
      description: `ABR ladder of ${p.pipeline_id}: ${p.rungs.map((r) => r.name).join(", ")}`,
      category: "blackwell",
      queue: this.queue.arn,
      settingsJson: Fn.jsonencode(settings.expression),
      statusUpdateInterval: "SECONDS_60",
      accelerationSettings: { mode: p.vod_settings.accelerated ? "PREFERRED" : "DISABLED" },
      tags: ctx.awsccTagMap,
    });
    const permissions = new DataAwsIamPolicyDocument(this, "mediaconvert_permissions", {
      statement: [
        { sid: "ReadSources", effect: "Allow", actions: ["s3:GetObject"], resources: [`${storage.source.bucket.arn}/${p.vod_settings.input_prefix}*`] },
        ...(archivedStreams ? [{ sid: "ReadArchivedStreams", effect: "Allow", actions: ["s3:GetObject"], resources: [archivedStreams] }] : []),
        { sid: "WriteRenditions", effect: "Allow", actions: ["s3:PutObject"], resources: [`${storage.output.bucket.arn}/vod/*`] },
      ],
    });
    this.role = new IamRole(this, "mediaconvert", { namePrefix: `\${var.name_prefix}-mc-`, assumeRolePolicy: trust(this, "mediaconvert_trust", "mediaconvert.amazonaws.com").json, tags: ctx.tags });
    new IamRolePolicy(this, "mediaconvert@policy", { namePrefix: "transcode-", role: this.role.id, policy: permissions.json });
  }
}

export class WatchFolder extends Construct {
  readonly machine: SfnStateMachine;

  constructor(scope: Construct, id: string, ctx: PipelineContext, storage: VodStorage, mc: MediaConvert) {
    super(scope, id);
    const p = ctx.pipeline;
    const definition = new TerraformLocal(this, "watch_folder_definition", {
      Comment: `Transcodes every upload under ${p.vod_settings.input_prefix} of the source bucket with the pipeline's job template`,
      StartAt: "Transcode",
      States: {
        Transcode: {
          Type: "Task",
          Resource: `arn:${ctx.partition}:states:::mediaconvert:createJob.sync`,
          Parameters: {
            JobTemplate: mc.template.templateName,
            Queue: mc.queue.arn,
            Role: mc.role.arn,
            UserMetadata: { pipeline_id: p.pipeline_id },
            Settings: { Inputs: [{ "FileInput.$": "States.Format('s3://{}/{}', $.detail.bucket.name, $.detail.object.key)", AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } }, VideoSelector: {}, TimecodeSource: "ZEROBASED" }] },
          },
          End: true,
        },
      },
    });
    const sfnRole = new IamRole(this, "watch_folder", { namePrefix: `\${var.name_prefix}-wf-sfn-`, assumeRolePolicy: trust(this, "watch_folder_sfn_trust", "states.amazonaws.com").json, tags: ctx.tags });
    const sfnPermissions = new DataAwsIamPolicyDocument(this, "watch_folder_permissions", {
      statement: [
        { sid: "CreateJobsFromTheTemplate", effect: "Allow", actions: ["mediaconvert:CreateJob"], resources: [mc.template.arn, mc.queue.arn, `arn:${ctx.partition}:mediaconvert:${ctx.region}:*:presets/*`] },
        { sid: "FollowJobs", effect: "Allow", actions: ["mediaconvert:GetJob", "mediaconvert:CancelJob"], resources: [`arn:${ctx.partition}:mediaconvert:${ctx.region}:*:jobs/*`] },
        { sid: "PassOnlyTheMediaConvertRole", effect: "Allow", actions: ["iam:PassRole"], resources: [mc.role.arn], condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["mediaconvert.amazonaws.com"] }] },
        { sid: "SyncIntegrationRule", effect: "Allow", actions: ["events:PutTargets", "events:PutRule", "events:DescribeRule"], resources: [`arn:${ctx.partition}:events:${ctx.region}:*:rule/StepFunctionsGetEventsForMediaConvertJobRule`] },
      ],
    });
    new IamRolePolicy(this, "watch_folder@policy", { namePrefix: "transcode-", role: sfnRole.id, policy: sfnPermissions.json });
    this.machine = new SfnStateMachine(this, "watch_folder@machine", { name: `\${var.name_prefix}-watch-folder`, type: "STANDARD", roleArn: sfnRole.arn, definition: Fn.jsonencode(definition.expression), tags: ctx.tags });

    const pattern = new TerraformLocal(this, "watch_folder_pattern", {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { bucket: { name: [storage.source.bucket.bucket] }, object: { key: [{ prefix: p.vod_settings.input_prefix }] } },
    });
    const rule = new CloudwatchEventRule(this, "watch_folder@rule", { name: `\${var.name_prefix}-watch-folder`, description: `Uploads to the VOD source bucket of ${p.pipeline_id}`, eventPattern: Fn.jsonencode(pattern.expression), tags: ctx.tags });
    const eventsRole = new IamRole(this, "watch_folder_trigger", { namePrefix: `\${var.name_prefix}-wf-evt-`, assumeRolePolicy: trust(this, "watch_folder_events_trust", "events.amazonaws.com").json, tags: ctx.tags });
    const start = new DataAwsIamPolicyDocument(this, "watch_folder_start", { statement: [{ sid: "StartTranscodes", effect: "Allow", actions: ["states:StartExecution"], resources: [this.machine.arn] }] });
    new IamRolePolicy(this, "watch_folder_trigger@policy", { namePrefix: "start-", role: eventsRole.id, policy: start.json });
    new CloudwatchEventTarget(this, "watch_folder@target", { rule: rule.name, arn: this.machine.arn, roleArn: eventsRole.arn, targetId: "transcode" });
  }
}
