/**
 * CloudWatch alarms for tiers that ask for them (data/catalog.json `alarms`): input loss, channel
 * alerts and failed pushes to MediaPackage, per channel pipeline. A stopped channel sends no data,
 * which is not an alarm.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { PipelineContext } from "./context";

interface AlarmSpec {
  name: string;
  metric: string;
  statistic: "Minimum" | "Maximum" | "Sum";
  comparison: "LessThanThreshold" | "GreaterThanThreshold";
  threshold: number;
  periods: number;
  description: string;
}

/** What each alarm watches; AWS/MediaLive metrics per ChannelId and Pipeline. */
export const CHANNEL_ALARMS: AlarmSpec[] = [
  { name: "input_loss", metric: "InputVideoFrameRate", statistic: "Minimum", comparison: "LessThanThreshold", threshold: 1, periods: 2, description: "The channel receives no video frames: the encoder stopped or cannot reach MediaLive." },
  { name: "active_alerts", metric: "ActiveAlerts", statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 0, periods: 3, description: "MediaLive reports active alerts on the channel (see the channel's Alerts tab)." },
  { name: "output_errors", metric: "Output5xxErrors", statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, periods: 3, description: "Pushes from MediaLive to its destinations fail with server errors." },
];

export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, ctx: PipelineContext, channel: MedialiveChannel) {
    super(scope, id);
    const actions = ctx.variables.variable("alarm_actions", {
      type: "list(string)",
      description: "ARNs notified when an alarm fires or clears (for example an SNS topic).",
      default: [],
    }).listValue;
    const pipelines = ctx.pipeline.tier_settings.channel_class === "STANDARD" ? ["0", "1"] : ["0"];
    for (const spec of CHANNEL_ALARMS)
      for (const pipeline of pipelines)
        new CloudwatchMetricAlarm(this, `${spec.name}_pipeline${pipeline}`, {
          alarmName: `\${var.name_prefix}-${spec.name.replace(/_/g, "-")}-pipeline${pipeline}`,
          alarmDescription: `${spec.description} (pipeline ${pipeline})`,
          namespace: "AWS/MediaLive",
          metricName: spec.metric,
          dimensions: { ChannelId: channel.id, Pipeline: pipeline },
          statistic: spec.statistic,
          period: 60,
          evaluationPeriods: spec.periods,
          threshold: spec.threshold,
          comparisonOperator: spec.comparison,
          treatMissingData: "notBreaching",
          alarmActions: actions,
          okActions: actions,
          tags: ctx.tags,
        });
  }
}
