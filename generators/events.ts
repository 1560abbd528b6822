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
import { LIVE_STATUS, liveStatusStates, publishingStates, type EventMapping, type EventsPlan } from "../src/plans/events";
import type { PlaybackUrls } from "../src/types/events.generated";
import { PipelineContext, ServiceProps } from "./context";
import { accountOf, serviceTrustPolicy } from "./iam";

export interface PipelineEventsProps extends ServiceProps<EventsPlan> {
  /** Shown in descriptions and comments. */
  pipelineId: string;
}

/** Where stream start/end also write status/live.json (the live-status document). */
export interface LiveStatusTarget {
  bucketName: string;
  bucketArn: string;
  title: string;
  playbackUrls: PlaybackUrls;
}

export class PipelineEvents extends Construct {
  readonly bus: CloudwatchEventBus;
  private readonly ctx: PipelineContext;
  private readonly plan: EventsPlan;
  private readonly pipelineId: string;

  constructor(scope: Construct, id: string, props: PipelineEventsProps) {
    super(scope, id);
    this.ctx = props.context;
    this.plan = props.plan;
    this.pipelineId = props.pipelineId;
    this.bus = new CloudwatchEventBus(this, "pipeline", { name: `\${var.name_prefix}-media-events`, tags: this.ctx.tags });
  }

  /**
   * Adds a rule and a normalizing state machine for one mapping; with `liveStatus`, stream start/end also rewrite live.json.
   * The rule matches AWS events on the region's default bus, or (`onPipelineBus`) AWS events forwarded to the pipeline's bus from another region.
   */
  normalize(mapping: EventMapping, staticDetail: Record<string, unknown>, liveStatus?: LiveStatusTarget, options: { onPipelineBus?: boolean } = {}): void {
    const ctx = this.ctx;
    const then = liveStatus ? liveStatusStates(liveStatus.bucketName, this.pipelineId, liveStatus.title, liveStatus.playbackUrls, ctx.partition()) : undefined;
    // The ARN (known after apply) rather than the name: PutEvents takes either.
    const states = publishingStates(mapping, staticDetail, { busArn: this.bus.arn, partition: ctx.partition(), source: this.plan.source }, then);
    // Kept as locals (objects) and jsonencode()d, so reviewers read indented JSON rather than one escaped line.
    const definition = new TerraformLocal(this, `${mapping.name}_definition`, {
      Comment: `Publishes ${[...new Set(Object.values(mapping.detailTypes))].join(" / ")} for pipeline ${this.pipelineId}`,
      StartAt: "Route",
      States: states,
    });
    const pattern = new TerraformLocal(this, `${mapping.name}_pattern`, mapping.pattern);

    const machineName = `\${var.name_prefix}-${mapping.name.replace(/_/g, "-")}`;
    // The machine's ARN from its name (the role must exist before the machine that uses it); the account from the bus's ARN.
    const sfnTrust = serviceTrustPolicy(this, `${mapping.name}_sfn_trust`, "states.amazonaws.com", {
      arn: `arn:${ctx.partition()}:states:${ctx.region()}:${accountOf(this.bus.arn)}:stateMachine:${machineName}`,
      account: accountOf(this.bus.arn),
    });
    const sfnRole = new IamRole(this, `${mapping.name}_normalizer`, {
      namePrefix: `\${var.name_prefix}-${initials(mapping.name)}-sfn-`,
      assumeRolePolicy: sfnTrust.json,
      tags: ctx.tags,
    });
    const machine = new SfnStateMachine(this, mapping.name, {
      name: machineName,
      type: "EXPRESS",
      roleArn: sfnRole.arn,
      definition: Fn.jsonencode(definition.expression),
      tags: ctx.tags,
    });
    const publishOnly = new DataAwsIamPolicyDocument(this, `${mapping.name}_publish`, {
      statement: [
        { sid: "PublishToPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: [this.bus.arn] },
        ...(liveStatus
          ? [{ sid: "WriteLiveStatusOnly", effect: "Allow", actions: ["s3:PutObject"], resources: [`${liveStatus.bucketArn}/${LIVE_STATUS.key}`] }]
          : []),
      ],
    });
    new IamRolePolicy(this, `${mapping.name}_normalizer@policy`, { namePrefix: "publish-", role: sfnRole.id, policy: publishOnly.json });

    const rule = new CloudwatchEventRule(this, `${mapping.name}@rule`, {
      name: `\${var.name_prefix}-${mapping.name.replace(/_/g, "-")}`,
      description: `AWS events of pipeline ${this.pipelineId}${options.onPipelineBus ? " forwarded from another region" : ""}, normalized onto ${this.plan.source}`,
      ...(options.onPipelineBus ? { eventBusName: this.bus.name } : {}),
      eventPattern: Fn.jsonencode(pattern.expression),
      tags: ctx.tags,
    });
    const eventsTrust = serviceTrustPolicy(this, `${mapping.name}_events_trust`, "events.amazonaws.com", { arn: rule.arn, account: accountOf(rule.arn) });
    const eventsRole = new IamRole(this, `${mapping.name}_trigger`, {
      namePrefix: `\${var.name_prefix}-${initials(mapping.name)}-evt-`,
      assumeRolePolicy: eventsTrust.json,
      tags: ctx.tags,
    });
    const startOnly = new DataAwsIamPolicyDocument(this, `${mapping.name}_start`, {
      statement: [{ sid: "StartNormalizer", effect: "Allow", actions: ["states:StartExecution"], resources: [machine.arn] }],
    });
    new IamRolePolicy(this, `${mapping.name}_trigger@policy`, { namePrefix: "start-", role: eventsRole.id, policy: startOnly.json });
    new CloudwatchEventTarget(this, `${mapping.name}@target`, { rule: rule.name, arn: machine.arn, roleArn: eventsRole.arn, targetId: "normalize" });
  }
}

/** IAM role name prefixes may be 38 characters and name_prefix takes up to 28, so roles carry initials ("stream_state" -> "ss"). */
function initials(name: string): string {
  return name
    .split("_")
    .map((w) => w[0])
    .join("");
}

export interface EventForwardingProps {
  /** Shown in descriptions. */
  pipelineId: string;
  /** The rule's name (unique in its region). */
  name: string;
  /** AWS events to forward (matched on the default bus of the scope's region). */
  pattern: Record<string, unknown>;
  /** The pipeline's bus, in another region. */
  bus: { arn: string };
  tags: { [key: string]: string };
}

/**
 * A rule on the default bus of another region that sends matching AWS events to the pipeline's bus (a cross-region
 * event bus target), with a role EventBridge may assume only for this rule and that may only put events on that bus.
 */
export class EventForwarding extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: EventForwardingProps) {
    super(scope, id);
    const pattern = new TerraformLocal(this, `${props.name}_pattern`, props.pattern);
    this.rule = new CloudwatchEventRule(this, `${props.name}@rule`, {
      name: `\${var.name_prefix}-${props.name.replace(/_/g, "-")}`,
      description: `AWS events of pipeline ${props.pipelineId} in this region, sent to the pipeline's event bus`,
      eventPattern: Fn.jsonencode(pattern.expression),
      tags: props.tags,
    });
    const trust = serviceTrustPolicy(this, `${props.name}_trust`, "events.amazonaws.com", { arn: this.rule.arn, account: accountOf(this.rule.arn) });
    const role = new IamRole(this, props.name, {
      namePrefix: `\${var.name_prefix}-${initials(props.name)}-fwd-`,
      assumeRolePolicy: trust.json,
      tags: props.tags,
    });
    const putOnly = new DataAwsIamPolicyDocument(this, `${props.name}_put`, {
      statement: [{ sid: "PutOnPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: [props.bus.arn] }],
    });
    new IamRolePolicy(this, `${props.name}@policy`, { namePrefix: "forward-", role: role.id, policy: putOnly.json });
    new CloudwatchEventTarget(this, `${props.name}@target`, { rule: this.rule.name, arn: props.bus.arn, roleArn: role.arn, targetId: "pipeline-bus" });
  }
}
