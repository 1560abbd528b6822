/**
 * Delivers the pipeline's events beyond its own bus, as the definition's events section chooses:
 * another EventBridge bus (possibly in another account) through a role that may only put events on
 * it, and webhooks through EventBridge API destinations (connection with API-key, basic or OAuth
 * client-credentials auth whose secret is a sensitive variable, rate-limited destination). Each target
 * has a retry policy and sends what still fails to one SQS dead-letter queue (encrypted), with an
 * alarm when anything lands there. No function code anywhere.
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchEventConnection, CloudwatchEventConnectionAuthParameters } from "@cdktf/provider-aws/lib/cloudwatch-event-connection";
import { CloudwatchEventApiDestination } from "@cdktf/provider-aws/lib/cloudwatch-event-api-destination";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { ServiceProps } from "./context";
import { accountOf, serviceTrustPolicy } from "./iam";
import { DeliveryTarget, EventsPlan, WEBHOOK_HEADERS, WEBHOOK_INPUT_TRANSFORMER, deliveryPattern, webhookSecretVariable } from "../src/plans/events";

export interface EventDeliveryProps extends ServiceProps<EventsPlan> {
  /** Shown in descriptions. */
  pipelineId: string;
  /** The pipeline's own bus, whose rules pick each target's events. */
  bus: { name: string; arn: string };
}

export interface DeliveredTarget {
  target: DeliveryTarget;
  /** The role EventBridge assumes to deliver (for a bus in another account, the principal its policy names). */
  roleArn: string;
  roleName: string;
}

export class EventDelivery extends Construct {
  readonly delivered: DeliveredTarget[] = [];
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: EventDeliveryProps) {
    super(scope, id);
    const { context: ctx, plan, pipelineId, bus } = props;
    const targets = plan.targets;
    this.deadLetterQueue = new SqsQueue(this, "dead_letter", {
      name: `\${var.name_prefix}-events-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1209600,
      tags: ctx.tags,
    });
    const rules: CloudwatchEventRule[] = [];
    for (const target of targets) {
      const name = target.name;
      const pattern = new TerraformLocal(this, `deliver_${name}_pattern`, deliveryPattern(target, plan.source));
      const rule = new CloudwatchEventRule(this, `deliver_${name}`, {
        name: `\${var.name_prefix}-deliver-${name.replace(/_/g, "-")}`,
        description: `Pipeline events of ${pipelineId} to ${target.kind === "event_bus" ? target.event_bus_arn : target.url}`,
        eventBusName: bus.name,
        eventPattern: Fn.jsonencode(pattern.expression),
        tags: ctx.tags,
      });
      rules.push(rule);
      // A fixed role name, so the other account's bus policy can name it before this module is applied.
      const roleName = `\${var.name_prefix}-deliver-${name.replace(/_/g, "-")}`;
      // EventBridge may assume it only for this rule, in this account (confused-deputy keys, as main's other EventBridge roles).
      const trust = serviceTrustPolicy(this, `deliver_${name}_trust`, "events.amazonaws.com", { arn: rule.arn, account: accountOf(rule.arn) });
      const role = new IamRole(this, `deliver_${name}_role`, { name: roleName, assumeRolePolicy: trust.json, tags: ctx.tags });
      const retryPolicy = { maximumRetryAttempts: target.retry.maximum_retry_attempts, maximumEventAgeInSeconds: target.retry.maximum_event_age_seconds };
      const deadLetterConfig = { arn: this.deadLetterQueue.arn };
      if (target.kind === "event_bus") {
        const put = new DataAwsIamPolicyDocument(this, `deliver_${name}_permissions`, {
          statement: [{ sid: "PutOnTheTargetBusOnly", effect: "Allow", actions: ["events:PutEvents"], resources: [target.event_bus_arn!] }],
        });
        new IamRolePolicy(this, `deliver_${name}_role@policy`, { namePrefix: "put-", role: role.id, policy: put.json });
        new CloudwatchEventTarget(this, `deliver_${name}@target`, {
          rule: rule.name,
          eventBusName: bus.name,
          targetId: name,
          arn: target.event_bus_arn!,
          roleArn: role.arn,
          retryPolicy,
          deadLetterConfig,
        });
      } else {
        const secret = ctx.variables.variable(webhookSecretVariable(target), {
          type: "string",
          sensitive: true,
          description: `${authSecretWord(target)} EventBridge uses to call the webhook ${target.url} (kept in the connection's Secrets Manager secret).`,
        }).stringValue;
        const connection = new CloudwatchEventConnection(this, `deliver_${name}_connection`, {
          name: `\${var.name_prefix}-${name.replace(/_/g, "-")}`,
          description: `Credentials for the ${name} webhook of ${pipelineId}`,
          authorizationType: target.auth!.type.toUpperCase(),
          authParameters: authParameters(target, secret),
        });
        const destination = new CloudwatchEventApiDestination(this, `deliver_${name}_destination`, {
          name: `\${var.name_prefix}-${name.replace(/_/g, "-")}`,
          description: `Webhook of ${pipelineId}`,
          connectionArn: connection.arn,
          invocationEndpoint: target.url!,
          httpMethod: "POST",
          invocationRateLimitPerSecond: target.rate_limit_per_second,
        });
        const invoke = new DataAwsIamPolicyDocument(this, `deliver_${name}_permissions`, {
          statement: [{ sid: "InvokeThisWebhookOnly", effect: "Allow", actions: ["events:InvokeApiDestination"], resources: [destination.arn] }],
        });
        new IamRolePolicy(this, `deliver_${name}_role@policy`, { namePrefix: "invoke-", role: role.id, policy: invoke.json });
        new CloudwatchEventTarget(this, `deliver_${name}@target`, {
          rule: rule.name,
          eventBusName: bus.name,
          targetId: name,
          arn: destination.arn,
          roleArn: role.arn,
          inputTransformer: { inputPaths: { ...WEBHOOK_INPUT_TRANSFORMER.inputPaths }, inputTemplate: WEBHOOK_INPUT_TRANSFORMER.inputTemplate },
          httpTarget: { headerParameters: { ...WEBHOOK_HEADERS } },
          retryPolicy,
          deadLetterConfig,
        });
      }
      this.delivered.push({ target, roleArn: role.arn, roleName });
    }
    const sendFailed = new DataAwsIamPolicyDocument(this, "dead_letter_access", {
      statement: [
        {
          sid: "DeliveryRulesOnly",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          actions: ["sqs:SendMessage"],
          resources: [this.deadLetterQueue.arn],
          condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: rules.map((r) => r.arn) }],
        },
      ],
    });
    new SqsQueuePolicy(this, "dead_letter@policy", { queueUrl: this.deadLetterQueue.url, policy: sendFailed.json });
    const actions = ctx.variables.variable("alarm_actions", {
      type: "list(string)",
      description: "ARNs notified when an alarm fires or clears (for example an SNS topic).",
      default: [],
    }).listValue;
    new CloudwatchMetricAlarm(this, "dead_letter@alarm", {
      alarmName: `\${var.name_prefix}-events-undelivered`,
      alarmDescription: "Pipeline events that EventBridge could not deliver after its retries wait in the dead-letter queue (message attributes say why).",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: this.deadLetterQueue.name },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      alarmActions: actions,
      okActions: actions,
      tags: ctx.tags,
    });
  }
}

function authSecretWord(target: DeliveryTarget): string {
  return { api_key: "API key value", basic: "Password", oauth_client_credentials: "OAuth client secret" }[target.auth!.type];
}

function authParameters(target: DeliveryTarget, secret: string): CloudwatchEventConnectionAuthParameters {
  const auth = target.auth!;
  if (auth.type === "api_key") return { apiKey: { key: auth.header!, value: secret } };
  if (auth.type === "basic") return { basic: { username: auth.username!, password: secret } };
  return {
    oauth: {
      authorizationEndpoint: auth.token_url!,
      httpMethod: "POST",
      clientParameters: { clientId: auth.client_id!, clientSecret: secret },
      oauthHttpParameters: {
        body: [
          { key: "grant_type", value: "client_credentials", isValueSecret: false },
          ...(auth.scope ? [{ key: "scope", value: auth.scope, isValueSecret: false }] : []),
        ],
      },
    },
  };
}
