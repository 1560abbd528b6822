/**
 * CloudWatch alarms of the monitoring plan (src/plans/monitoring.ts): one per alarm and channel
 * pipeline (and output group for output errors), notifying the caller's alarm_actions.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { MonitoringPlan } from "../src/plans/monitoring";
import { ServiceProps } from "./context";

export interface MonitoringProps extends ServiceProps<MonitoringPlan> {
  /** The MediaLive channel the alarms watch (its id is the ChannelId dimension). */
  channelId: string;
}

export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    const actions = ctx.variables.variable("alarm_actions", {
      type: "list(string)",
      description: "ARNs notified when an alarm fires or clears (for example an SNS topic).",
      default: [],
    }).listValue;
    for (const alarm of plan.alarms)
      new CloudwatchMetricAlarm(this, alarm.id, {
        alarmName: `\${var.name_prefix}-${alarm.id.replace(/_/g, "-")}`,
        alarmDescription: `${alarm.description} (${alarm.outputGroup ? `output group ${alarm.outputGroup}, ` : ""}pipeline ${alarm.pipeline})`,
        namespace: "AWS/MediaLive",
        metricName: alarm.metric,
        dimensions: { ChannelId: props.channelId, ...(alarm.outputGroup ? { OutputGroupName: alarm.outputGroup } : {}), Pipeline: alarm.pipeline },
        statistic: alarm.statistic,
        period: alarm.periodSeconds,
        evaluationPeriods: alarm.periods,
        threshold: alarm.threshold,
        comparisonOperator: alarm.comparison,
        treatMissingData: "notBreaching",
        alarmActions: actions,
        okActions: actions,
        tags: ctx.tags,
      });
  }
}
