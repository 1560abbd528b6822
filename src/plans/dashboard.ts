/**
 * The CloudWatch dashboard of one pipeline, laid out for an operator: a row per MediaLive channel pipeline
 * (input frame rate, network in, active alerts, output errors), MediaPackage v2 traffic and errors, CloudFront
 * viewer traffic and error rates (its metrics live in us-east-1), and the module's alarms.
 *
 * Plain data: the dimension values that only Terraform knows (channel id, distribution id...) are `DashboardRef`
 * placeholders the generator swaps for references; the metric names, dimensions and layout are decided here.
 * src/validity/dashboard-metrics.ts holds every metric to AWS's documented list.
 */
import type { LiveEncodingPlan } from "./live-encoding";

/** What the generator fills in: a value Terraform knows after apply (failover_*: the failover region's channel and packaging). */
export type DashboardRef =
  | "channel_id"
  | "channel_group"
  | "mediapackage_channel"
  | "distribution_id"
  | "region"
  | "failover_channel_id"
  | "failover_channel_group"
  | "failover_mediapackage_channel";
export const DASHBOARD_REFS: readonly DashboardRef[] = [
  "channel_id",
  "channel_group",
  "mediapackage_channel",
  "distribution_id",
  "region",
  "failover_channel_id",
  "failover_channel_group",
  "failover_mediapackage_channel",
];

/** A placeholder in the plan's body: "@ref:channel_id", or "@ref:<scope>/channel_id" for one of several (a fleet's creator). */
export const refToken = (ref: DashboardRef, scope?: string) => `@ref:${scope ? `${scope}/` : ""}${ref}`;

export interface DashboardMetric {
  namespace: string;
  metric: string;
  /** Dimension name -> literal value or a refToken. */
  dimensions: Record<string, string>;
  stat: "Average" | "Sum" | "Maximum" | "Minimum";
  label: string;
}

export type DashboardWidget =
  | { kind: "text"; x: number; y: number; width: number; height: number; markdown: string }
  | {
      kind: "metric";
      x: number;
      y: number;
      width: number;
      height: number;
      title: string;
      /**
       * "pipeline": the module's region; "failover": the failover region, where the second channel and its packaging
       * publish; CloudFront's metrics are published in us-east-1 only.
       */
      region: "pipeline" | "failover" | "us-east-1";
      metrics: DashboardMetric[];
      /** Whose refs (and "pipeline" region) the widget reads, on a dashboard of several pipelines (a fleet's creator). */
      scope?: string;
    }
  /** Every CloudWatch alarm of the module (the generator lists them). */
  | { kind: "alarms"; x: number; y: number; width: number; height: number; title: string };

export interface DashboardPlan {
  widgets: DashboardWidget[];
  /** The region the "failover" widgets read (the definition's failover_region). */
  failoverRegion?: string;
  /** Seconds per datapoint on every metric widget. */
  periodSeconds: number;
}

export const DASHBOARD_PERIOD_SECONDS = 60;
const GRID = 24;
const HEIGHT = 6;

export interface DashboardInputs {
  title: string;
  pipelineId: string;
  live?: Pick<LiveEncodingPlan, "pipelines" | "outputGroups">;
  mediapackage: boolean;
  cloudfront: boolean;
  /** The module declares CloudWatch alarms (channel alarms, idle stop, event delivery). */
  alarms: boolean;
  /** The second channel and its MediaPackage v2 channel in the failover region; `primaryRegion` labels the primary's rows beside them. */
  failover?: { region: string; primaryRegion: string; live: Pick<LiveEncodingPlan, "pipelines" | "outputGroups"> };
}

export type MetricRow = Omit<Extract<DashboardWidget, { kind: "metric" }>, "kind" | "x" | "y" | "width" | "height">;

/** One channel's rows: the references its metrics use, the region its widgets read, and how its headers and titles say which it is. */
interface ChannelSection {
  region: "pipeline" | "failover";
  refs: { channel: DashboardRef; group: DashboardRef; mediapackageChannel: DashboardRef };
  /** "Primary us-east-1: " before each header of a two-region dashboard; "" on a one-region one. */
  headerPrefix: string;
  /** In the titles of the failover channel's widgets ("failover us-west-2"), so a widget alone says which channel it shows. */
  titleLabel?: string;
}

/** A MediaLive pipeline's row: input frame rate, network in, active alerts, and output errors per output group. */
function medialiveRow(section: ChannelSection, live: Pick<LiveEncodingPlan, "outputGroups">, n: number): MetricRow[] {
  const channel = refToken(section.refs.channel);
  // Output errors are published per output group: one line per group of the channel.
  const groups = live.outputGroups.map((g) => g.name);
  const ml = (metric: string, stat: DashboardMetric["stat"], label: string) => medialiveMetric(channel, n, metric, stat, label);
  const which = `pipeline ${n}${section.titleLabel ? `, ${section.titleLabel}` : ""}`;
  return [
    { title: `Input video frame rate (${which})`, region: section.region, metrics: [ml("InputVideoFrameRate", "Average", "frames/s")] },
    { title: `Network in (${which})`, region: section.region, metrics: [ml("NetworkIn", "Average", "Mb/s")] },
    { title: `Active alerts (${which})`, region: section.region, metrics: [ml("ActiveAlerts", "Maximum", "alerts")] },
    {
      title: `Output errors (${which})`,
      region: section.region,
      metrics: outputErrorMetrics(channel, groups, n),
    },
  ];
}

/** A MediaLive metric of one channel pipeline (ChannelId + Pipeline: input frame rate, network in, active alerts). */
export function medialiveMetric(channel: string, pipeline: number, metric: string, stat: DashboardMetric["stat"], label: string): DashboardMetric {
  return { namespace: "AWS/MediaLive", metric, dimensions: { ChannelId: channel, Pipeline: String(pipeline) }, stat, label };
}

/** Output 4xx and 5xx errors of one channel pipeline: MediaLive publishes them per output group. */
export function outputErrorMetrics(channel: string, groups: string[], pipeline: number, labelPrefix = ""): DashboardMetric[] {
  return groups.flatMap((g) =>
    ["Output4xxErrors", "Output5xxErrors"].map((metric) => ({
      namespace: "AWS/MediaLive",
      metric,
      dimensions: { ChannelId: channel, OutputGroupName: g, Pipeline: String(pipeline) },
      stat: "Sum" as const,
      label: `${labelPrefix}${g} ${metric.slice(6, 9)}`,
    })),
  );
}

/** A CloudFront metric of one distribution (DistributionId + Region=Global, published in us-east-1). */
export function cloudfrontMetric(distribution: string, metric: string, stat: DashboardMetric["stat"], label: string): DashboardMetric {
  return { namespace: "AWS/CloudFront", metric, dimensions: { DistributionId: distribution, Region: "Global" }, stat, label };
}

/** A MediaPackage v2 channel's row: ingress/egress bytes, request counts, egress 4xx/5xx. */
function mediapackageRow(section: ChannelSection): MetricRow[] {
  const dims = { ChannelGroup: refToken(section.refs.group), Channel: refToken(section.refs.mediapackageChannel) };
  const mp = (metric: string, label: string, extra: Record<string, string> = {}): DashboardMetric => ({
    namespace: "AWS/MediaPackage",
    metric,
    dimensions: { ...dims, ...extra },
    stat: "Sum",
    label,
  });
  const which = section.titleLabel ? ` (${section.titleLabel})` : "";
  return [
    { title: `Ingress and egress bytes${which}`, region: section.region, metrics: [mp("IngressBytes", "ingress"), mp("EgressBytes", "egress")] },
    { title: `Requests${which}`, region: section.region, metrics: [mp("IngressRequestCount", "ingress"), mp("EgressRequestCount", "egress")] },
    {
      title: `Egress 4xx / 5xx${which}`,
      region: section.region,
      metrics: ["4xx", "5xx"].map((range) => mp("EgressRequestCount", range, { StatusCodeRange: range })),
    },
  ];
}

/** Lays widgets of one row side by side across the 24-column grid. */
export function row(y: number, widgets: MetricRow[]): DashboardWidget[] {
  const width = GRID / widgets.length;
  return widgets.map((w, i) => ({ ...w, kind: "metric", x: i * width, y, width, height: HEIGHT }));
}

/** Undefined when the pipeline has nothing to watch (no channel and no CDN). */
export function planDashboard(d: DashboardInputs): DashboardPlan | undefined {
  if (!d.live && !d.cloudfront) return undefined;
  const widgets: DashboardWidget[] = [];
  let y = 0;
  const header = (markdown: string) => {
    widgets.push({ kind: "text", x: 0, y, width: GRID, height: 1, markdown });
    y += 1;
  };
  header(`# ${d.title} (${d.pipelineId})`);
  const sections: Array<{ section: ChannelSection; live: Pick<LiveEncodingPlan, "pipelines" | "outputGroups"> }> = [];
  if (d.live)
    sections.push({
      live: d.live,
      section: {
        region: "pipeline",
        refs: { channel: "channel_id", group: "channel_group", mediapackageChannel: "mediapackage_channel" },
        headerPrefix: d.failover ? `Primary ${d.failover.primaryRegion}: ` : "",
      },
    });
  if (d.live && d.failover)
    sections.push({
      live: d.failover.live,
      section: {
        region: "failover",
        refs: { channel: "failover_channel_id", group: "failover_channel_group", mediapackageChannel: "failover_mediapackage_channel" },
        headerPrefix: `Failover ${d.failover.region}: `,
        titleLabel: `failover ${d.failover.region}`,
      },
    });
  // Each region's channel rows and then its packaging, so an operator reads one region at a time.
  for (const { section, live } of sections) {
    for (const n of live.pipelines) {
      header(`## ${section.headerPrefix}MediaLive pipeline ${n}`);
      widgets.push(...row(y, medialiveRow(section, live, n)));
      y += HEIGHT;
    }
    if (d.mediapackage) {
      header(`## ${section.headerPrefix}MediaPackage v2`);
      widgets.push(...row(y, mediapackageRow(section)));
      y += HEIGHT;
    }
  }
  if (d.cloudfront) {
    header("## CloudFront (viewers)");
    const cf = (metric: string, stat: DashboardMetric["stat"], label: string) => cloudfrontMetric(refToken("distribution_id"), metric, stat, label);
    widgets.push(
      ...row(y, [
        { title: "Requests", region: "us-east-1", metrics: [cf("Requests", "Sum", "requests")] },
        { title: "Bytes downloaded", region: "us-east-1", metrics: [cf("BytesDownloaded", "Sum", "bytes")] },
        {
          title: "Error rate (%)",
          region: "us-east-1",
          metrics: [cf("4xxErrorRate", "Average", "4xx"), cf("5xxErrorRate", "Average", "5xx"), cf("TotalErrorRate", "Average", "total")],
        },
      ]),
    );
    y += HEIGHT;
  }
  if (d.alarms) {
    header("## Alarms");
    widgets.push({ kind: "alarms", x: 0, y, width: GRID, height: HEIGHT, title: "Alarms of this pipeline" });
    y += HEIGHT;
  }
  return { widgets, periodSeconds: DASHBOARD_PERIOD_SECONDS, ...(d.live && d.failover ? { failoverRegion: d.failover.region } : {}) };
}

export type DashboardValues = Record<DashboardRef, string>;
/** The value of a ref for one scope (a fleet dashboard's creator), or for the module when scope is undefined. */
export type DashboardValueOf = (ref: DashboardRef, scope: string | undefined) => string;

function failoverRegionOf(plan: DashboardPlan): string {
  if (!plan.failoverRegion) throw new Error("plan bug: a dashboard widget reads the failover region but the plan names none");
  return plan.failoverRegion;
}

/**
 * The dashboard body CloudWatch takes (widgets with x/y/width/height, type and properties), with each ref replaced
 * by its value and the alarm widget listing `alarmArns`. Keys come out in a fixed order, so the JSON is deterministic.
 */
export function dashboardBody(plan: DashboardPlan, values: DashboardValues | DashboardValueOf, alarmArns: string[]): { widgets: unknown[] } {
  const valueOf: DashboardValueOf = typeof values === "function" ? values : (ref) => values[ref];
  const fill = (v: string) => {
    if (!v.startsWith("@ref:")) return v;
    const [scope, ref] = v.slice(5).includes("/") ? v.slice(5).split("/") : [undefined, v.slice(5)];
    return valueOf(ref as DashboardRef, scope);
  };
  return {
    widgets: plan.widgets.map((w) => {
      const place = { type: w.kind === "alarms" ? "alarm" : w.kind, x: w.x, y: w.y, width: w.width, height: w.height };
      if (w.kind === "text") return { ...place, properties: { markdown: w.markdown } };
      if (w.kind === "alarms") return { ...place, properties: { title: w.title, alarms: alarmArns } };
      return {
        ...place,
        properties: {
          title: w.title,
          view: "timeSeries",
          stacked: false,
          region: w.region === "pipeline" ? valueOf("region", w.scope) : w.region === "failover" ? failoverRegionOf(plan) : "us-east-1",
          period: plan.periodSeconds,
          // [namespace, metric, dim1, value1, ..., {stat, label}]: CloudWatch's metric array form.
          metrics: w.metrics.map((m) => [
            m.namespace,
            m.metric,
            ...Object.entries(m.dimensions).flatMap(([k, v]) => [k, fill(v)]),
            { stat: m.stat, label: m.label },
          ]),
        },
      };
    }),
  };
}
