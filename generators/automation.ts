/**
 * Cost automation of one pipeline (automation.tf.json), from its automation plan (src/plans/automation.ts),
 * with AWS's managed integrations only, so there is no function code to build or patch:
 * - idle stop: a CloudWatch alarm on InputVideoFrameRate -> EventBridge ("CloudWatch Alarm State Change")
 *   -> a STANDARD Step Functions state machine that checks the channel still runs, stops it with the
 *   MediaLive SDK integration and puts channel.auto_stopped (with the reason) on the pipeline's bus;
 * - schedules: EventBridge Scheduler universal targets medialive:startChannel / stopChannel, in the
 *   schedule's time zone;
 * - budget: an AWS Budgets cost budget on the pipeline's cost-allocation tag, 80% forecast / 100% actual;
 * - budget stop (only when asked): the budget's own "actual above the limit" notification -> an SNS topic encrypted
 *   with a key Budgets may use -> an encrypted SQS queue (with a dead-letter queue) -> EventBridge Pipes -> a state
 *   machine that stops this channel and puts channel.auto_stopped with reason "budget" on the pipeline's bus.
 * Every role may act on this pipeline's channel (and bus) only, and is trusted for this pipeline's
 * schedules, rule and state machine only (aws:SourceArn).
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal, TerraformOutput } from "cdktf";
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { MediaLiveChannelResource } from "./shaped-bindings";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { AutomationPlan, BudgetPlan, BudgetStopPlan, IDLE_METRIC, IdleStopPlan, IdleStopTrigger, SchedulePlan } from "../src/plans/automation";
import { CHANNEL_AUTO_STOPPED, EVENT_SOURCE } from "../src/plans/event-names";
import { PipelineContext, ServiceProps } from "./context";

/** The budget's name. */
const BUDGET_NAME = "${var.name_prefix}-monthly";

export interface AutomationProps extends ServiceProps<AutomationPlan> {
  pipelineId: string;
  /** With an events section, channel.auto_stopped carries the client id like every other event. */
  clientId?: string;
  /** Absent for a VOD-only pipeline, which gets only the budget. */
  channel?: MediaLiveChannelResource;
  bus: CloudwatchEventBus;
}

/**
 * The states both stop machines end with: describe the channel, stop it only while it runs (someone or a schedule may
 * have stopped it meanwhile), then put channel.auto_stopped on the pipeline bus with the reason and what triggered it.
 */
function stopChannelStates(
  o: { partition: string; channelId: string; channelArn: string; busArn: string; pipelineId: string; clientId?: string },
  why: { reason: string; reasonText: string; detail: Record<string, unknown> },
): Record<string, unknown> {
  const sdk = (service: string, action: string) => `arn:${o.partition}:states:::aws-sdk:${service}:${action}`;
  return {
    DescribeChannel: {
      Type: "Task",
      Resource: sdk("medialive", "describeChannel"),
      Parameters: { ChannelId: o.channelId },
      ResultSelector: { "State.$": "$.State" },
      ResultPath: "$.channel",
      Next: "IsRunning",
    },
    // Someone (or a schedule) may have stopped it between the alarm and now; a stopped channel's alarm is in ALARM too.
    IsRunning: { Type: "Choice", Choices: [{ Variable: "$.channel.State", StringEquals: "RUNNING", Next: "StopChannel" }], Default: "NotRunning" },
    StopChannel: {
      Type: "Task",
      Resource: sdk("medialive", "stopChannel"),
      Parameters: { ChannelId: o.channelId },
      ResultPath: "$.stop",
      Retry: [
        { ErrorEquals: ["MediaLive.TooManyRequestsException", "MediaLive.GatewayTimeoutException"], IntervalSeconds: 10, MaxAttempts: 5, BackoffRate: 2 },
      ],
      Next: "AnnounceStop",
    },
    AnnounceStop: {
      Type: "Task",
      Resource: `arn:${o.partition}:states:::events:putEvents`,
      Parameters: {
        Entries: [
          {
            EventBusName: o.busArn,
            Source: EVENT_SOURCE,
            DetailType: CHANNEL_AUTO_STOPPED,
            Detail: {
              pipeline_id: o.pipelineId,
              ...(o.clientId ? { client_id: o.clientId } : {}),
              channel_arn: o.channelArn,
              reason: why.reason,
              reason_text: why.reasonText,
              ...why.detail,
              "time.$": "$$.State.EnteredTime",
            },
          },
        ],
      },
      End: true,
    },
  };
}

/**
 * The idle-stop state machine's definition (Amazon States Language, JSONPath). Two events start it:
 * - the idle alarm going to ALARM (input lost for the limit while running): check the channel runs, stop it;
 * - the channel going to RUNNING: a channel that starts and never gets input leaves the alarm in ALARM (missing data
 *   breaches), so the alarm changes no state; wait the limit, read the alarm, and stop the channel if it is in ALARM.
 * Exported for the offline test of its decisions.
 */
export function idleStopDefinition(o: {
  partition: string;
  channelId: string;
  channelArn: string;
  busArn: string;
  alarmName: string;
  pipelineId: string;
  clientId?: string;
  idle: IdleStopPlan;
}): Record<string, unknown> {
  const sdk = (service: string, action: string) => `arn:${o.partition}:states:::aws-sdk:${service}:${action}`;
  return {
    Comment: `Stops the MediaLive channel of pipeline ${o.pipelineId} after ${o.idle.afterHours} h without input video, and says so on the pipeline's bus`,
    StartAt: "WhatHappened",
    States: {
      WhatHappened: {
        Type: "Choice",
        Choices: [
          {
            And: [
              { Variable: "$.source", StringEquals: "aws.cloudwatch" },
              { Variable: "$.detail.state.value", StringEquals: "ALARM" },
            ],
            Next: "DescribeChannel",
          },
          {
            And: [
              { Variable: "$.source", StringEquals: "aws.medialive" },
              { Variable: "$.detail.state", StringEquals: "RUNNING" },
            ],
            Next: "WaitIdleLimit",
          },
        ],
        Default: "NotIdle",
      },
      WaitIdleLimit: { Type: "Wait", Seconds: Math.round(o.idle.afterHours * 3600), Next: "ReadIdleAlarm" },
      ReadIdleAlarm: {
        Type: "Task",
        Resource: sdk("cloudwatch", "describeAlarms"),
        Parameters: { AlarmNames: [o.alarmName] },
        ResultSelector: { "State.$": "$.MetricAlarms[0].StateValue" },
        ResultPath: "$.alarm",
        Next: "IsAlarmInAlarm",
      },
      IsAlarmInAlarm: { Type: "Choice", Choices: [{ Variable: "$.alarm.State", StringEquals: "ALARM", Next: "DescribeChannel" }], Default: "NotIdle" },
      ...stopChannelStates(o, { reason: o.idle.reason, reasonText: o.idle.reasonText, detail: { alarm: o.alarmName, "trigger.$": "$.source" } }),
      NotIdle: { Type: "Succeed" },
      NotRunning: { Type: "Succeed" },
    },
  };
}

/**
 * The budget-stop state machine's definition (Amazon States Language, JSONPath). EventBridge Pipes starts it with the
 * batch of SQS records as a JSON array (one record: batch size 1); any record means the budget's actual cost passed
 * the limit, so it reads nothing from them but their message ids. Exported for the offline test of its decisions.
 */
export function budgetStopDefinition(o: {
  partition: string;
  channelId: string;
  channelArn: string;
  busArn: string;
  budgetName: string;
  pipelineId: string;
  clientId?: string;
  stop: BudgetStopPlan;
}): Record<string, unknown> {
  return {
    Comment: `Stops the MediaLive channel of pipeline ${o.pipelineId} when its budget reports actual cost above the limit, and says so on the pipeline's bus`,
    StartAt: "Received",
    States: {
      // The input is an array (the pipe's batch): ResultPath cannot add to an array, so keep it under a key.
      Received: { Type: "Pass", Parameters: { "records.$": "$" }, Next: "DescribeChannel" },
      ...stopChannelStates(o, { reason: o.stop.reason, reasonText: o.stop.reasonText, detail: { budget: o.budgetName, trigger: "aws.budgets" } }),
      NotRunning: { Type: "Succeed" },
    },
  };
}

/** Scheduler's universal target for one MediaLive action; its input is the API request (StartChannelRequest / StopChannelRequest). */
export function scheduleTarget(partition: string, action: SchedulePlan["action"], channelId: string): { arn: string; input: string } {
  return { arn: `arn:${partition}:scheduler:::aws-sdk:medialive:${action}`, input: JSON.stringify({ ChannelId: channelId }) };
}

export class Automation extends Construct {
  readonly stateMachine?: SfnStateMachine;
  readonly budget?: BudgetsBudget;
  readonly budgetStopMachine?: SfnStateMachine;
  readonly budgetStopDeadLetterQueue?: SqsQueue;

  private readonly ctx: PipelineContext;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AutomationProps,
  ) {
    super(scope, id);
    const { plan } = props;
    this.ctx = props.context;
    if (props.channel && plan.idleStop) this.stateMachine = this.idleStop(props.channel, plan.idleStop);
    if (props.channel && plan.schedules.length) this.schedules(props.channel, plan.schedules);
    const stop = props.channel && plan.budget && plan.budgetStop ? this.budgetStop(props.channel, plan.budgetStop) : undefined;
    this.budgetStopMachine = stop?.machine;
    this.budgetStopDeadLetterQueue = stop?.deadLetter;
    if (plan.budget) this.budget = this.monthlyBudget(plan.budget, stop && plan.budgetStop ? { ...stop, plan: plan.budgetStop } : undefined);
  }

  private accountId?: string;
  /** The account, read from the pipeline bus's ARN: no STS call (data.aws_caller_identity), so offline plans work. */
  private get account(): string {
    this.accountId ??= new TerraformLocal(this, "automation_account_id", Fn.element(Fn.split(":", this.props.bus.arn), 4)).asString;
    return this.accountId;
  }

  /**
   * A role trusted by one AWS service, for the given source ARNs only, allowed `statements`. `rolePrefix` stays at
   * 8 characters or fewer: IAM takes a name_prefix of at most 38, and var.name_prefix may be 28 plus two hyphens.
   */
  private role(name: string, rolePrefix: string, service: string, sourceArns: string[], statements: DataAwsIamPolicyDocumentStatement[]): IamRole {
    const trust = new DataAwsIamPolicyDocument(this, `${name}_trust`, {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: [service] }],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [this.account] },
            { test: "ArnLike", variable: "aws:SourceArn", values: sourceArns },
          ],
        },
      ],
    });
    const role = new IamRole(this, name, { namePrefix: `\${var.name_prefix}-${rolePrefix}-`, assumeRolePolicy: trust.json, tags: this.ctx.tags });
    const permissions = new DataAwsIamPolicyDocument(this, `${name}_permissions`, { statement: statements });
    new IamRolePolicy(this, `${name}@policy`, { namePrefix: "channel-", role: role.id, policy: permissions.json });
    return role;
  }

  private idleStop(channel: MediaLiveChannelResource, idle: IdleStopPlan): SfnStateMachine {
    const { ctx } = this;
    const { bus } = this.props;
    const name = "${var.name_prefix}-idle-stop";
    const alarmName = `${name}-input`;
    const arnOf = (service: string, resource: string) => `arn:${ctx.partition()}:${service}:${ctx.region()}:${this.account}:${resource}`;

    const metrics = idle.pipelines.map((pipeline) => ({
      id: `pipeline${pipeline}`,
      returnData: idle.pipelines.length === 1,
      metric: {
        namespace: IDLE_METRIC.namespace,
        metricName: IDLE_METRIC.metricName,
        dimensions: { ChannelId: channel.id, Pipeline: pipeline },
        period: idle.periodSeconds,
        stat: IDLE_METRIC.statistic,
      },
    }));
    // A STANDARD channel is idle only when neither pipeline receives video: the larger of the two frame rates.
    const expression =
      idle.pipelines.length > 1
        ? [
            {
              id: "input_frame_rate",
              label: "Highest input frame rate of the channel's pipelines",
              expression: `MAX([${metrics.map((m) => m.id).join(", ")}])`,
              returnData: true,
            },
          ]
        : [];
    const alarm = new CloudwatchMetricAlarm(this, "idle_input", {
      alarmName,
      alarmDescription: `No input video for ${idle.afterHours} h on the channel of pipeline ${this.props.pipelineId} (missing data counts: it is missing while the channel is stopped too, so this alarm rests in ALARM then). The idle-stop state machine acts on it only while the channel runs.`,
      metricQuery: [...metrics, ...expression],
      evaluationPeriods: idle.evaluationPeriods,
      datapointsToAlarm: idle.evaluationPeriods,
      threshold: IDLE_METRIC.threshold,
      comparisonOperator: IDLE_METRIC.comparison,
      treatMissingData: IDLE_METRIC.treatMissingData,
      tags: ctx.tags,
    });

    const definition = new TerraformLocal(
      this,
      "idle_stop_definition",
      idleStopDefinition({
        partition: ctx.partition(),
        channelId: channel.id,
        channelArn: channel.arn,
        busArn: bus.arn,
        alarmName,
        pipelineId: this.props.pipelineId,
        clientId: this.props.clientId,
        idle,
      }),
    );
    const sfnRole = this.role(
      "idle_stop",
      "idle-sfn",
      "states.amazonaws.com",
      [arnOf("states", `stateMachine:${name}`)],
      [
        { sid: "StopThisChannel", effect: "Allow", actions: ["medialive:DescribeChannel", "medialive:StopChannel"], resources: [channel.arn] },
        { sid: "ReadIdleAlarm", effect: "Allow", actions: ["cloudwatch:DescribeAlarms"], resources: [alarm.arn] },
        { sid: "AnnounceOnPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: [bus.arn] },
      ],
    );
    const machine = new SfnStateMachine(this, "idle_stop@machine", {
      name,
      type: "STANDARD",
      roleArn: sfnRole.arn,
      definition: Fn.jsonencode(definition.expression),
      tags: ctx.tags,
    });

    const triggers: Record<IdleStopTrigger, { pattern: Record<string, unknown>; what: string }> = {
      idle_alarm: {
        pattern: {
          source: ["aws.cloudwatch"],
          "detail-type": ["CloudWatch Alarm State Change"],
          resources: [alarm.arn],
          detail: { state: { value: ["ALARM"] } },
        },
        what: "its idle-input alarm",
      },
      channel_running: {
        pattern: { source: ["aws.medialive"], "detail-type": ["MediaLive Channel State Change"], detail: { channel_arn: [channel.arn], state: ["RUNNING"] } },
        what: "each start of its channel",
      },
    };
    const eventsRole = this.role(
      "idle_stop_trigger",
      "idle-evt",
      "events.amazonaws.com",
      [arnOf("events", `rule/${name}-*`)],
      [{ sid: "StartIdleStop", effect: "Allow", actions: ["states:StartExecution"], resources: [machine.arn] }],
    );
    for (const key of idle.triggers) {
      const t = triggers[key];
      const pattern = new TerraformLocal(this, `idle_stop_${key}_pattern`, t.pattern);
      const rule = new CloudwatchEventRule(this, `idle_stop_${key}`, {
        name: `${name}-${key.replace(/_/g, "-")}`,
        description: `Idle stop of pipeline ${this.props.pipelineId}: ${t.what} starts the idle-stop state machine`,
        eventPattern: Fn.jsonencode(pattern.expression),
        tags: ctx.tags,
      });
      new CloudwatchEventTarget(this, `idle_stop_${key}@target`, { rule: rule.name, arn: machine.arn, roleArn: eventsRole.arn, targetId: "idle-stop" });
    }
    return machine;
  }

  private schedules(channel: MediaLiveChannelResource, schedules: SchedulePlan[]): void {
    const { ctx } = this;
    const actions = [...new Set(schedules.map((s) => s.action))];
    const iamAction = (a: string) => `medialive:${a.charAt(0).toUpperCase()}${a.slice(1)}`;
    const role = this.role(
      "channel_schedule",
      "sched",
      "scheduler.amazonaws.com",
      [`arn:${ctx.partition()}:scheduler:${ctx.region()}:${this.account}:schedule/default/\${var.name_prefix}-*`],
      [{ sid: "StartStopThisChannel", effect: "Allow", actions: actions.map(iamAction).sort(), resources: [channel.arn] }],
    );
    for (const s of schedules) {
      const target = scheduleTarget(ctx.partition(), s.action, channel.id);
      new SchedulerSchedule(this, `channel_${s.key.replace(/-/g, "_")}`, {
        name: `\${var.name_prefix}-${s.key}`,
        description: s.description,
        scheduleExpression: s.expression,
        scheduleExpressionTimezone: s.timezone,
        flexibleTimeWindow: { mode: "OFF" },
        target: { arn: target.arn, roleArn: role.arn, input: target.input, retryPolicy: { maximumEventAgeInSeconds: 300, maximumRetryAttempts: 3 } },
      });
    }
  }

  /**
   * The route from the budget's notification to the channel stop, each hop limited to the one before it: the topic
   * takes messages from this account's budgets only; the queue from this topic only; the pipe's role reads this
   * queue and starts this state machine only; the state machine's role describes and stops this channel and puts
   * events on this bus only.
   */
  private budgetStop(
    channel: MediaLiveChannelResource,
    stop: BudgetStopPlan,
  ): { topic: SnsTopic; topicPolicy: SnsTopicPolicy; machine: SfnStateMachine; deadLetter: SqsQueue } {
    const { ctx } = this;
    const { bus } = this.props;
    const name = "${var.name_prefix}-budget-stop";
    const partition = ctx.partition();
    // As AWS's guide to budget notification topics writes it (budgets-sns-policy): this account's budgets.
    const budgetArn = `arn:${partition}:budgets::${this.account}:*`;
    const arnOf = (service: string, resource: string) => `arn:${partition}:${service}:${ctx.region()}:${this.account}:${resource}`;

    // Budgets cannot publish to a topic under the AWS managed aws/sns key (its policy cannot be changed): a key of its own.
    const keyPolicy = new DataAwsIamPolicyDocument(this, "budget_stop_key_policy", {
      statement: [
        {
          sid: "AccountAdministersTheKey",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${this.account}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        {
          sid: "BudgetsPublishesToTheEncryptedTopic",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["budgets.amazonaws.com"] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [this.account] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [budgetArn] },
          ],
        },
      ],
    });
    const key = new KmsKey(this, "budget_stop@key", {
      description: `Encrypts the budget-stop topic of pipeline ${this.props.pipelineId} (AWS Budgets may use it to publish)`,
      enableKeyRotation: true,
      policy: keyPolicy.json,
      tags: ctx.tags,
    });
    const topic = new SnsTopic(this, "budget_stop@topic", { name, kmsMasterKeyId: key.arn, tags: ctx.tags });
    const topicAccess = new DataAwsIamPolicyDocument(this, "budget_stop_topic_access", {
      statement: [
        {
          sid: "ThisBudgetPublishes",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["budgets.amazonaws.com"] }],
          actions: ["SNS:Publish"],
          resources: [topic.arn],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [this.account] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [budgetArn] },
          ],
        },
      ],
    });
    const topicPolicy = new SnsTopicPolicy(this, "budget_stop@topic_policy", { arn: topic.arn, policy: topicAccess.json });

    const deadLetter = new SqsQueue(this, "budget_stop_dead_letter", {
      name: `${name}-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: stop.queue.deadLetterRetentionSeconds,
      tags: ctx.tags,
    });
    const queue = new SqsQueue(this, "budget_stop@queue", {
      name,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: stop.queue.messageRetentionSeconds,
      visibilityTimeoutSeconds: stop.queue.visibilityTimeoutSeconds,
      redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: stop.queue.maxReceiveCount }),
      tags: ctx.tags,
    });
    const queueAccess = new DataAwsIamPolicyDocument(this, "budget_stop_queue_access", {
      statement: [
        {
          sid: "TheBudgetStopTopicOnly",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
          actions: ["sqs:SendMessage"],
          resources: [queue.arn],
          condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [topic.arn] }],
        },
      ],
    });
    const queuePolicy = new SqsQueuePolicy(this, "budget_stop@queue_policy", { queueUrl: queue.url, policy: queueAccess.json });
    // The SNS envelope is kept (no raw delivery), so the pipe can check it came from this topic.
    new SnsTopicSubscription(this, "budget_stop@subscription", { topicArn: topic.arn, protocol: "sqs", endpoint: queue.arn, dependsOn: [queuePolicy] });

    const definition = new TerraformLocal(
      this,
      "budget_stop_definition",
      budgetStopDefinition({
        partition,
        channelId: channel.id,
        channelArn: channel.arn,
        busArn: bus.arn,
        budgetName: BUDGET_NAME,
        pipelineId: this.props.pipelineId,
        clientId: this.props.clientId,
        stop,
      }),
    );
    const sfnRole = this.role(
      "budget_stop",
      "bgt-sfn",
      "states.amazonaws.com",
      [arnOf("states", `stateMachine:${name}`)],
      [
        { sid: "StopThisChannel", effect: "Allow", actions: ["medialive:DescribeChannel", "medialive:StopChannel"], resources: [channel.arn] },
        { sid: "AnnounceOnPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: [bus.arn] },
      ],
    );
    const machine = new SfnStateMachine(this, "budget_stop@machine", {
      name,
      type: "STANDARD",
      roleArn: sfnRole.arn,
      definition: Fn.jsonencode(definition.expression),
      tags: ctx.tags,
    });
    const pipeRole = this.role(
      "budget_stop_pipe",
      "bgt-pipe",
      "pipes.amazonaws.com",
      [arnOf("pipes", `pipe/${name}`)],
      [
        {
          sid: "ReadTheBudgetStopQueue",
          effect: "Allow",
          actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
          resources: [queue.arn],
        },
        { sid: "StartTheBudgetStop", effect: "Allow", actions: ["states:StartExecution"], resources: [machine.arn] },
      ],
    );
    const filter = new TerraformLocal(this, "budget_stop_pipe_filter", { body: { Type: ["Notification"], TopicArn: [topic.arn] } });
    new PipesPipe(this, "budget_stop@pipe", {
      name,
      description: `Budget stop of pipeline ${this.props.pipelineId}: the budget's notification starts the state machine that stops the channel`,
      roleArn: pipeRole.arn,
      source: queue.arn,
      target: machine.arn,
      sourceParameters: {
        sqsQueueParameters: { batchSize: 1 },
        filterCriteria: { filter: [{ pattern: Fn.jsonencode(filter.expression) }] },
      },
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: "FIRE_AND_FORGET" } },
      tags: ctx.tags,
    });
    return { topic, topicPolicy, machine, deadLetter };
  }

  private monthlyBudget(b: BudgetPlan, stop?: { topic: SnsTopic; topicPolicy: SnsTopicPolicy; plan: BudgetStopPlan }): BudgetsBudget {
    const { ctx } = this;
    const emails = b.emails.length
      ? ctx.variables.variable("budget_notification_emails", {
          type: "list(string)",
          description: "Email addresses told when the pipeline's monthly cost is forecast to pass 80% of its budget, and when it passes 100%.",
          default: b.emails,
          validation: [{ condition: "${length(var.budget_notification_emails) <= 10}", errorMessage: "AWS Budgets notifies at most 10 email addresses." }],
        }).listValue
      : undefined;
    const topics = b.snsTopicArn
      ? ctx.variables.variable("budget_sns_topic_arns", {
          type: "list(string)",
          description: "SNS topics told about the budget thresholds (their policy must let budgets.amazonaws.com publish).",
          default: [b.snsTopicArn],
          validation: [{ condition: "${length(var.budget_sns_topic_arns) <= 1}", errorMessage: "AWS Budgets notifies one SNS topic per notification." }],
        }).listValue
      : undefined;
    const notifications = (
      emails || topics
        ? b.notifications.map((n) => ({
            notificationType: n.notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold: n.thresholdPercent,
            thresholdType: "PERCENTAGE",
            ...(emails ? { subscriberEmailAddresses: emails } : {}),
            ...(topics ? { subscriberSnsTopicArns: topics } : {}),
          }))
        : []
    ).concat(stop ? [{ ...stop.plan.notification, subscriberSnsTopicArns: [stop.topic.arn] }] : []);
    return new BudgetsBudget(this, "monthly", {
      name: BUDGET_NAME,
      budgetType: "COST",
      limitAmount: b.limitUsd.toFixed(2),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilter: [{ name: b.tagFilter.name, values: b.tagFilter.values }],
      notification: notifications.length ? notifications : undefined,
      tags: ctx.tags,
      // Budgets checks it may publish to the topic when the notification is created.
      ...(stop ? { dependsOn: [stop.topicPolicy] } : {}),
    });
  }
}

/** Outputs of the automation, under the pipeline's outputs scope. */
export function automationOutputs(scope: Construct, automation: Automation): void {
  if (automation.stateMachine)
    new TerraformOutput(scope, "idle_stop_state_machine_arn", {
      value: automation.stateMachine.arn,
      description: "State machine that stops the channel after its idle-input alarm (executions show each automatic stop).",
    });
  if (automation.budgetStopMachine)
    new TerraformOutput(scope, "budget_stop_state_machine_arn", {
      value: automation.budgetStopMachine.arn,
      description: "State machine that stops the channel when the budget reports actual cost above its limit (executions show each budget stop).",
    });
  if (automation.budgetStopDeadLetterQueue)
    new TerraformOutput(scope, "budget_stop_dead_letter_queue_url", {
      value: automation.budgetStopDeadLetterQueue.url,
      description: "Budget notifications the pipe could not hand to the budget-stop state machine after five tries.",
    });
  if (automation.budget)
    new TerraformOutput(scope, "budget_name", {
      value: automation.budget.name,
      description: "AWS Budgets budget of this pipeline's monthly cost (cost-allocation tag Pipeline).",
    });
}
