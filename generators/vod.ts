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
import { retentionRule } from "../src/plans/archive";
import { hlsRungPresetSettings, jobInput, mediaConvertSettings } from "../src/plans/mediaconvert-settings";
import type { VodPlan } from "../src/plans/vod";
import { MediaConvertJobTemplate, MediaConvertPreset } from "./awscc/mediaconvert";
import { SecureBucket } from "./archive";
import { ServiceProps } from "./context";
import { accountOf, serviceTrustPolicy } from "./iam";

export type VodStorageProps = ServiceProps<VodPlan>;

export class VodStorage extends Construct {
  readonly source: SecureBucket;
  readonly output: SecureBucket;

  constructor(scope: Construct, id: string, props: VodStorageProps) {
    super(scope, id);
    const { context, plan } = props;
    this.source = new SecureBucket(this, "vod_source_bucket", {
      context,
      name: "vod_source",
      prefixWord: "vod-in",
      purpose: "VOD source",
      lifecycleRules: [retentionRule(plan.sourceRetentionDays)],
      forceDestroyVariable: "vod_force_destroy",
    });
    this.output = new SecureBucket(this, "vod_output_bucket", {
      context,
      name: "vod_output",
      prefixWord: "vod-out",
      purpose: "VOD output",
      lifecycleRules: [retentionRule(plan.outputRetentionDays)],
      forceDestroyVariable: "vod_force_destroy",
    });
    // EventBridge receives the source bucket's events; the watch folder rule picks uploads from them.
    new S3BucketNotification(this, "vod_source@notification", { bucket: this.source.bucket.id, eventbridge: true });
  }
}

export interface MediaConvertProps extends ServiceProps<VodPlan> {
  /** Shown in descriptions. */
  pipelineId: string;
  storage: VodStorage;
  /** Objects MediaConvert may also read (a hybrid pipeline's archived streams, for `archive --transcode`). */
  archivedStreams?: string;
}

export class MediaConvert extends Construct {
  readonly queue: MediaConvertQueue;
  readonly template: MediaConvertJobTemplate;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: MediaConvertProps) {
    super(scope, id);
    const { context: ctx, plan, storage, pipelineId, archivedStreams } = props;
    this.queue = new MediaConvertQueue(this, "main", {
      name: `\${var.name_prefix}-vod`,
      description: `On-demand transcoding for ${pipelineId}`,
      pricingPlan: "ON_DEMAND",
      status: "ACTIVE",
      tags: ctx.tags,
    });
    // The HLS ladder as presets (one per rung), reusable in the console and custom jobs; the template refers to them.
    const presets: Record<string, string> = {};
    for (const { id, rung } of plan.presets) {
      // Settings as a local object, so a review shows one setting per line rather than one JSON string.
      const presetSettings = new TerraformLocal(this, `${id}_preset_settings`, hlsRungPresetSettings(rung));
      const preset = new MediaConvertPreset(this, id, {
        name: `\${var.name_prefix}-hls-${rung.name}`,
        description: `${rung.name} rung of ${pipelineId} (HLS, TS segments)`,
        category: "blackwell",
        settingsJson: Fn.jsonencode(presetSettings.expression),
        tags: ctx.awsccTagMap(),
      });
      presets[rung.name] = preset.presetName;
    }
    const settings = new TerraformLocal(this, "job_settings", mediaConvertSettings(plan, `s3://${storage.output.bucket.bucket}/${plan.outputPrefix}`, presets));
    this.template = new MediaConvertJobTemplate(this, "abr", {
      name: `\${var.name_prefix}-abr`,
      description: `ABR ladder of ${pipelineId}: ${plan.rungs.map((r) => r.name).join(", ")}`,
      category: "blackwell",
      queue: this.queue.arn,
      settingsJson: Fn.jsonencode(settings.expression),
      statusUpdateInterval: "SECONDS_60",
      accelerationSettings: { mode: plan.accelerated ? "PREFERRED" : "DISABLED" },
      tags: ctx.awsccTagMap(),
    });
    const permissions = new DataAwsIamPolicyDocument(this, "mediaconvert_permissions", {
      statement: [
        { sid: "ReadSources", effect: "Allow", actions: ["s3:GetObject"], resources: [`${storage.source.bucket.arn}/${plan.inputPrefix}*`] },
        ...(plan.sidecarCaptions
          ? [
              {
                sid: "ReadSidecarCaptions",
                effect: "Allow",
                actions: ["s3:GetObject"],
                resources: [`${storage.source.bucket.arn}/${plan.sidecarCaptions.keyPrefix}*`],
              },
            ]
          : []),
        ...(archivedStreams ? [{ sid: "ReadArchivedStreams", effect: "Allow", actions: ["s3:GetObject"], resources: [archivedStreams] }] : []),
        { sid: "WriteRenditions", effect: "Allow", actions: ["s3:PutObject"], resources: [`${storage.output.bucket.arn}/${plan.outputPrefix}*`] },
      ],
    });
    this.role = new IamRole(this, "mediaconvert", {
      namePrefix: `\${var.name_prefix}-mc-`,
      assumeRolePolicy: serviceTrustPolicy(this, "mediaconvert_trust", "mediaconvert.amazonaws.com", {
        arn: this.queue.arn,
        account: accountOf(this.queue.arn),
      }).json,
      tags: ctx.tags,
    });
    new IamRolePolicy(this, "mediaconvert@policy", { namePrefix: "transcode-", role: this.role.id, policy: permissions.json });
  }
}

export interface WatchFolderProps extends ServiceProps<VodPlan> {
  /** Shown in descriptions and passed as job metadata. */
  pipelineId: string;
  storage: VodStorage;
  mediaconvert: MediaConvert;
}

export class WatchFolder extends Construct {
  readonly machine: SfnStateMachine;

  constructor(scope: Construct, id: string, props: WatchFolderProps) {
    super(scope, id);
    const { context: ctx, plan, storage, mediaconvert: mc, pipelineId } = props;
    const definition = new TerraformLocal(this, "watch_folder_definition", {
      Comment: `Transcodes every upload under ${plan.inputPrefix} of the source bucket with the pipeline's job template`,
      StartAt: "Transcode",
      States: {
        Transcode: {
          Type: "Task",
          Resource: `arn:${ctx.partition()}:states:::mediaconvert:createJob.sync`,
          Parameters: {
            JobTemplate: mc.template.templateName,
            Queue: mc.queue.arn,
            Role: mc.role.arn,
            UserMetadata: { pipeline_id: pipelineId },
            Settings: {
              Inputs: [
                {
                  "FileInput.$": "States.Format('s3://{}/{}', $.detail.bucket.name, $.detail.object.key)",
                  ...jobInput(
                    plan.sidecarCaptions,
                    plan.sidecarCaptions
                      ? {
                          "SourceFile.$": `States.Format('s3://{}/${plan.sidecarCaptions.keyPrefix}{}${plan.sidecarCaptions.extension}', $.detail.bucket.name, $.detail.object.key)`,
                        }
                      : undefined,
                  ),
                },
              ],
            },
          },
          End: true,
        },
      },
    });
    const sfnRole = new IamRole(this, "watch_folder", {
      namePrefix: `\${var.name_prefix}-wf-sfn-`,
      assumeRolePolicy: serviceTrustPolicy(this, "watch_folder_sfn_trust", "states.amazonaws.com", {
        arn: `arn:${ctx.partition()}:states:${ctx.region()}:${accountOf(mc.queue.arn)}:stateMachine:\${var.name_prefix}-watch-folder`,
        account: accountOf(mc.queue.arn),
      }).json,
      tags: ctx.tags,
    });
    const sfnPermissions = new DataAwsIamPolicyDocument(this, "watch_folder_permissions", {
      statement: [
        {
          sid: "CreateJobsFromTheTemplate",
          effect: "Allow",
          actions: ["mediaconvert:CreateJob"],
          resources: [mc.template.arn, mc.queue.arn, `arn:${ctx.partition()}:mediaconvert:${ctx.region()}:*:presets/*`],
        },
        {
          sid: "FollowJobs",
          effect: "Allow",
          actions: ["mediaconvert:GetJob", "mediaconvert:CancelJob"],
          resources: [`arn:${ctx.partition()}:mediaconvert:${ctx.region()}:*:jobs/*`],
        },
        {
          sid: "PassOnlyTheMediaConvertRole",
          effect: "Allow",
          actions: ["iam:PassRole"],
          resources: [mc.role.arn],
          condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["mediaconvert.amazonaws.com"] }],
        },
        {
          sid: "SyncIntegrationRule",
          effect: "Allow",
          actions: ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
          resources: [`arn:${ctx.partition()}:events:${ctx.region()}:*:rule/StepFunctionsGetEventsForMediaConvertJobRule`],
        },
      ],
    });
    new IamRolePolicy(this, "watch_folder@policy", { namePrefix: "transcode-", role: sfnRole.id, policy: sfnPermissions.json });
    this.machine = new SfnStateMachine(this, "watch_folder@machine", {
      name: `\${var.name_prefix}-watch-folder`,
      type: "STANDARD",
      roleArn: sfnRole.arn,
      definition: Fn.jsonencode(definition.expression),
      tags: ctx.tags,
    });

    const pattern = new TerraformLocal(this, "watch_folder_pattern", {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { bucket: { name: [storage.source.bucket.bucket] }, object: { key: [{ prefix: plan.inputPrefix }] } },
    });
    const rule = new CloudwatchEventRule(this, "watch_folder@rule", {
      name: `\${var.name_prefix}-watch-folder`,
      description: `Uploads to the VOD source bucket of ${pipelineId}`,
      eventPattern: Fn.jsonencode(pattern.expression),
      tags: ctx.tags,
    });
    const eventsRole = new IamRole(this, "watch_folder_trigger", {
      namePrefix: `\${var.name_prefix}-wf-evt-`,
      assumeRolePolicy: serviceTrustPolicy(this, "watch_folder_events_trust", "events.amazonaws.com", { arn: rule.arn, account: accountOf(rule.arn) }).json,
      tags: ctx.tags,
    });
    const start = new DataAwsIamPolicyDocument(this, "watch_folder_start", {
      statement: [{ sid: "StartTranscodes", effect: "Allow", actions: ["states:StartExecution"], resources: [this.machine.arn] }],
    });
    new IamRolePolicy(this, "watch_folder_trigger@policy", { namePrefix: "start-", role: eventsRole.id, policy: start.json });
    new CloudwatchEventTarget(this, "watch_folder@target", { rule: rule.name, arn: this.machine.arn, roleArn: eventsRole.arn, targetId: "transcode" });
  }
}
