/**
 * Media events on the pipeline's own EventBridge bus, without code to deploy: AWS service events
 * (MediaLive channel state, MediaConvert job state) are matched on the default bus and handed to an
 * EXPRESS Step Functions state machine that publishes normalized events (stream.started,
 * stream.ended, transcode.completed, transcode.failed) with PutEvents. EventBridge cannot reshape
 * an event it forwards to another bus, which is why the state machine sits in between.
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { PipelineContext } from "./context";
import { EVENT_SOURCE } from "./event-names";
import { EventMapping, LIVE_STATUS, liveStatusStates, publishingStates } from "../src/plans/events";
import type { PlaybackUrls } from "../src/types/events.generated";

/** Where stream start/end also write status/live.json (the live-status document). */
export interface LiveStatusTarget {
  bucketName: string;
  bucketArn: string;
  title: string;
  playbackUrls: PlaybackUrls;
}


export class PipelineEvents extends Construct {
  readonly bus: CloudwatchEventBus;

  constructor(scope: Construct, id: string, private readonly ctx: PipelineContext) {
    super(scope, id);
    this.bus = new CloudwatchEventBus(this, "pipeline", { name: `\${var.name_prefix}-media-events`, tags: ctx.tags });
  }

  /** Adds a rule and a normalizing state machine for one mapping. */
  normalize(mapping: EventMapping, staticDetail: Record<string, unknown>, liveStatus?: LiveStatusTarget): void {
    const ctx = this.ctx;
    const then = liveStatus ? liveStatusStates(liveStatus.bucketName, ctx.pipeline.pipeline_id, liveStatus.title, liveStatus.playbackUrls, ctx.partition) : undefined;
    // The ARN (known after apply) rather than the name: PutEvents takes either.
    const states = publishingStates(mapping, staticDetail, { busArn: this.bus.arn, partition: ctx.partition, source: EVENT_SOURCE }, then);
    // Kept as locals (objects) and jsonencode()d, so reviewers read indented JSON rather than one escaped line.
    const definition = new TerraformLocal(this, `${mapping.name}_definition`, {
      Comment: `Publishes ${[...new Set(Object.values(mapping.detailTypes))].join(" / ")} for pipeline ${ctx.pipeline.pipeline_id}`,
      StartAt: "Route",
      States: states,
    });
    const pattern = new TerraformLocal(this, `${mapping.name}_pattern`, mapping.pattern);

    const sfnTrust = new DataAwsIamPolicyDocument(this, `${mapping.name}_sfn_trust`, {
      statement: [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["states.amazonaws.com"] }] }],
    });
    const sfnRole = new IamRole(this, `${mapping.name}_normalizer`, { namePrefix: `\${var.name_prefix}-${initials(mapping.name)}-sfn-`, assumeRolePolicy: sfnTrust.json, tags: ctx.tags });
    const machine = new SfnStateMachine(this, mapping.name, { name: `\${var.name_prefix}-${mapping.name.replace(/_/g, "-")}`, type: "EXPRESS", roleArn: sfnRole.arn, definition: Fn.jsonencode(definition.expression), tags: ctx.tags });
    const publishOnly = new DataAwsIamPolicyDocument(this, `${mapping.name}_publish`, {
      statement: [
        { sid: "PublishToPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: [this.bus.arn] },
        ...(liveStatus ? [{ sid: "WriteLiveStatusOnly", effect: "Allow", actions: ["s3:PutObject"], resources: [`${liveStatus.bucketArn}/${LIVE_STATUS.key}`] }] : []),
      ],
    });
    new IamRolePolicy(this, `${mapping.name}_normalizer@policy`, { namePrefix: "publish-", role: sfnRole.id, policy: publishOnly.json });

    const rule = new CloudwatchEventRule(this, `${mapping.name}@rule`, {
      name: `\${var.name_prefix}-${mapping.name.replace(/_/g, "-")}`,
      description: `AWS events of pipeline ${ctx.pipeline.pipeline_id}, normalized onto ${EVENT_SOURCE}`,
      eventPattern: Fn.jsonencode(pattern.expression),
      tags: ctx.tags,
    });
    const eventsTrust = new DataAwsIamPolicyDocument(this, `${mapping.name}_events_trust`, {
      statement: [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }] }],
    });
    const eventsRole = new IamRole(this, `${mapping.name}_trigger`, { namePrefix: `\${var.name_prefix}-${initials(mapping.name)}-evt-`, assumeRolePolicy: eventsTrust.json, tags: ctx.tags });
    const startOnly = new DataAwsIamPolicyDocument(this, `${mapping.name}_start`, {
      statement: [{ sid: "StartNormalizer", effect: "Allow", actions: ["states:StartExecution"], resources: [machine.arn] }],
    });
    new IamRolePolicy(this, `${mapping.name}_trigger@policy`, { namePrefix: "start-", role: eventsRole.id, policy: startOnly.json });
    new CloudwatchEventTarget(this, `${mapping.name}@target`, { rule: rule.name, arn: machine.arn, roleArn: eventsRole.arn, targetId: "normalize" });
  }
}

/** IAM role name prefixes may be 38 characters and name_prefix takes up to 28, so roles carry initials ("stream_state" -> "ss"). */
function initials(name: string): string {
  return name.split("_").map((w) => w[0]).join("");
}
