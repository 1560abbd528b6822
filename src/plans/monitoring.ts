/**
 * Monitoring plan: the CloudWatch alarms of tiers that ask for them (data/catalog.json `alarms`):
 * input loss, channel alerts and failed pushes, per channel pipeline. A stopped channel sends no
 * data, which is not an alarm.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import type { LiveEncodingPlan } from "./live-encoding";

export interface AlarmSpec {
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
  {
    name: "input_loss",
    metric: "InputVideoFrameRate",
    statistic: "Minimum",
    comparison: "LessThanThreshold",
    threshold: 1,
    periods: 2,
    description: "The channel receives no video frames: the encoder stopped or cannot reach MediaLive.",
  },
  {
    name: "active_alerts",
    metric: "ActiveAlerts",
    statistic: "Maximum",
    comparison: "GreaterThanThreshold",
    threshold: 0,
    periods: 3,
    description: "MediaLive reports active alerts on the channel (see the channel's Alerts tab).",
  },
  {
    name: "output_errors",
    metric: "Output5xxErrors",
    statistic: "Sum",
    comparison: "GreaterThanThreshold",
    threshold: 0,
    periods: 3,
    description: "Pushes from MediaLive to its destinations fail with server errors.",
  },
];

export interface ChannelAlarm extends AlarmSpec {
  /** Terraform name: <alarm>_pipeline<N>. */
  id: string;
  /** The channel pipeline the alarm watches ("0" or "1", the metric's Pipeline dimension). */
  pipeline: string;
  periodSeconds: number;
}

export interface MonitoringPlan {
  alarms: ChannelAlarm[];
}

/** Undefined unless a live pipeline's tier asks for alarms. */
export function planMonitoring(p: ResolvedPipeline, live: LiveEncodingPlan | undefined): MonitoringPlan | undefined {
  if (!live || !p.tier_settings.alarms) return undefined;
  return {
    alarms: CHANNEL_ALARMS.flatMap((spec) => live.pipelines.map((n) => ({ ...spec, id: `${spec.name}_pipeline${n}`, pipeline: String(n), periodSeconds: 60 }))),
  };
}
