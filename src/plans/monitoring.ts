/**
 * Monitoring plan: the CloudWatch alarms of tiers that ask for them (data/catalog.json `alarms`):
 * input loss, channel alerts and failed pushes, per channel pipeline. A stopped channel sends no
 * data, which is not an alarm. MediaLive publishes output errors per output group (ChannelId, OutputGroupName,
 * Pipeline), so that alarm is one per HTTP output group and pipeline: an alarm without OutputGroupName would
 * watch a metric that does not exist and never fire.
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
  /** Published per output group: one alarm per HTTP output group (HLS to MediaPackage or S3), not for RTMP. */
  perOutputGroup?: true;
}

/** What each alarm watches; AWS/MediaLive metrics per ChannelId and Pipeline (and OutputGroupName where marked). */
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
    perOutputGroup: true,
  },
];

export interface ChannelAlarm extends AlarmSpec {
  /** Terraform name: <alarm>_pipeline<N>, or <alarm>_<output group>_pipeline<N>. */
  id: string;
  /** The output group of a per-group alarm (the metric's OutputGroupName dimension). */
  outputGroup?: string;
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
  const httpGroups = live.outputGroups.filter((g) => g.kind === "hls").map((g) => g.name);
  return {
    alarms: CHANNEL_ALARMS.flatMap((spec) =>
      spec.perOutputGroup
        ? httpGroups.flatMap((group) =>
            live.pipelines.map((n) => ({ ...spec, id: `${spec.name}_${group}_pipeline${n}`, outputGroup: group, pipeline: String(n), periodSeconds: 60 })),
          )
        : live.pipelines.map((n) => ({ ...spec, id: `${spec.name}_pipeline${n}`, pipeline: String(n), periodSeconds: 60 })),
    ),
  };
}
