/**
 * One snapshot of a running pipeline for `stream monitor` and `status`: the channel's state (DescribeChannel),
 * its active alerts with their messages (ListAlerts), per-pipeline input frame rate, network in, active alerts
 * and output errors (CloudWatch AWS/MediaLive, dimensions ChannelId + Pipeline), MediaPackage v2 ingress and
 * egress bytes (AWS/MediaPackage, ChannelGroup + Channel), CloudFront requests and bytes (AWS/CloudFront in
 * us-east-1, DistributionId + Region=Global), how long it has run and what that cost. Formatting is pure.
 */
import { ChannelAlert, DescribeChannelCommand, ListAlertsCommand, MediaLiveClient } from "@aws-sdk/client-medialive";
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery, MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { UserError } from "../core/problems";
import { awsFailureLine } from "./errors";
import { channelLabel, type ChannelRole, type PipelineChannel } from "./pipeline-channels";

export interface MonitorTargets {
  pipelineId: string;
  channelId: string;
  /** 2 for a STANDARD channel, 1 for SINGLE_PIPELINE. */
  pipelines: number;
  mediapackage?: { channelGroup: string; channel: string };
  cloudfrontDistributionId?: string;
  /** What a running hour of this channel costs; null when the price table cannot say (its cost so far shows "?"). */
  perHourUsd: number | null;
}

export interface MonitorClients {
  medialive: Pick<MediaLiveClient, "send">;
  /** In the pipeline's region (MediaLive, MediaPackage). */
  cloudwatch: Pick<CloudWatchClient, "send">;
  /** In us-east-1, where CloudFront publishes its metrics. */
  cloudwatchGlobal: Pick<CloudWatchClient, "send">;
}

export interface PipelineHealth {
  pipeline: number;
  input_fps: number | null;
  network_in_mbps: number | null;
  active_alerts: number | null;
  output_errors: number | null;
}

export interface Snapshot {
  at: string;
  pipeline_id: string;
  channel_id: string;
  state: string;
  pipelines_running: number;
  pipelines: PipelineHealth[];
  alerts: Array<{ pipeline: string; type: string; message: string; set_at?: string }>;
  mediapackage?: { ingress_bytes: number | null; egress_bytes: number | null };
  cloudfront?: { requests: number | null; bytes_downloaded: number | null };
  /** Minutes of metrics summed for MediaPackage and CloudFront. */
  window_minutes: number;
  running_since?: string;
  running_seconds: number | null;
  cost_so_far_usd: number | null;
  /** What could not be read (permissions, throttling), one line each; the rest of the snapshot still stands. */
  unavailable: string[];
  /** An alarm-level condition: a set alert, output errors, or a failed/recovering channel. */
  alarm: boolean;
}

export const WINDOW_MINUTES = 5;
/** How far back a running channel's start is looked for (60 s datapoints are kept 15 days). */
export const UPTIME_LOOKBACK_HOURS = 24;
const FAILED_STATES = new Set(["CREATE_FAILED", "UPDATE_FAILED", "RECOVERING"]);

const value = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** What to watch, from the applied module's outputs. */
export function monitorTargetsFromOutputs(
  outputs: Record<string, { value?: unknown }>,
  pipelineId: string,
  channelClass: string,
  perHourUsd: number,
): MonitorTargets {
  const channelId = value(outputs.channel_id?.value);
  if (!channelId) throw new UserError(`${pipelineId}'s applied outputs have no channel_id: re-apply the module (blackwell media deploy ${pipelineId})`);
  const group = value(outputs.mediapackage_channel_group?.value);
  // arn:aws:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<channel>
  const channel = value(outputs.mediapackage_channel_arn?.value)?.split("/channel/")[1];
  return {
    pipelineId,
    channelId,
    pipelines: channelClass === "STANDARD" ? 2 : 1,
    mediapackage: group && channel ? { channelGroup: group, channel } : undefined,
    cloudfrontDistributionId: value(outputs.cloudfront_distribution_id?.value),
    perHourUsd,
  };
}

const stat = (id: string, namespace: string, metric: string, dims: Record<string, string>, statistic: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: namespace, MetricName: metric, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) },
    Period: 60,
    Stat: statistic,
  },
  ReturnData: true,
});

/** The CloudWatch queries of one refresh, in the pipeline's region and in us-east-1. */
export function metricQueries(t: MonitorTargets): { regional: MetricDataQuery[]; global: MetricDataQuery[] } {
  const regional: MetricDataQuery[] = [];
  for (let p = 0; p < t.pipelines; p++) {
    const dims = { ChannelId: t.channelId, Pipeline: String(p) };
    regional.push(stat(`fps${p}`, "AWS/MediaLive", "InputVideoFrameRate", dims, "Average"));
    regional.push(stat(`net${p}`, "AWS/MediaLive", "NetworkIn", dims, "Average"));
    regional.push(stat(`alerts${p}`, "AWS/MediaLive", "ActiveAlerts", dims, "Maximum"));
    // Output errors are published per output group too; SEARCH sums every group of this channel and pipeline.
    regional.push({
      Id: `err${p}`,
      Expression: `SUM(SEARCH('{AWS/MediaLive,ChannelId,OutputGroupName,Pipeline} ChannelId="${t.channelId}" Pipeline="${p}" (MetricName="Output4xxErrors" OR MetricName="Output5xxErrors")', 'Sum', 60))`,
      Period: 60,
      ReturnData: true,
    });
  }
  if (t.mediapackage) {
    const dims = { ChannelGroup: t.mediapackage.channelGroup, Channel: t.mediapackage.channel };
    regional.push(stat("mpin", "AWS/MediaPackage", "IngressBytes", dims, "Sum"));
    regional.push(stat("mpout", "AWS/MediaPackage", "EgressBytes", dims, "Sum"));
  }
  const global: MetricDataQuery[] = [];
  if (t.cloudfrontDistributionId) {
    const dims = { DistributionId: t.cloudfrontDistributionId, Region: "Global" };
    global.push(stat("cfreq", "AWS/CloudFront", "Requests", dims, "Sum"));
    global.push(stat("cfbytes", "AWS/CloudFront", "BytesDownloaded", dims, "Sum"));
  }
  return { regional, global };
}

async function metricData(client: Pick<CloudWatchClient, "send">, queries: MetricDataQuery[], start: Date, end: Date): Promise<Map<string, MetricDataResult>> {
  const results = new Map<string, MetricDataResult>();
  let NextToken: string | undefined;
  do {
    const r = await client.send(
      new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: "TimestampDescending", NextToken }),
    );
    for (const m of r.MetricDataResults ?? []) {
      const prev = results.get(m.Id!);
      results.set(
        m.Id!,
        prev ? { ...prev, Timestamps: [...(prev.Timestamps ?? []), ...(m.Timestamps ?? [])], Values: [...(prev.Values ?? []), ...(m.Values ?? [])] } : m,
      );
    }
    NextToken = r.NextToken;
  } while (NextToken);
  return results;
}

/** Newest value (results are newest first). */
const latest = (r?: MetricDataResult) => (r?.Values?.length ? r.Values[0] : null);
const total = (r?: MetricDataResult) => (r?.Values?.length ? r.Values.reduce((s, v) => s + v, 0) : null);

/**
 * When the current run began: MediaLive publishes ActiveAlerts only while a channel runs, so the start is the
 * oldest minute of the unbroken run of datapoints that reaches the newest one.
 */
export function runningSince(timestamps: Date[], gapMs = 120_000): Date | undefined {
  const sorted = [...timestamps].sort((a, b) => b.getTime() - a.getTime());
  if (sorted.length === 0) return undefined;
  let start = sorted[0];
  for (const t of sorted.slice(1)) {
    if (start.getTime() - t.getTime() > gapMs) break;
    start = t;
  }
  return start;
}

async function activeAlerts(client: Pick<MediaLiveClient, "send">, channelId: string): Promise<ChannelAlert[]> {
  const alerts: ChannelAlert[] = [];
  let NextToken: string | undefined;
  do {
    const r = await client.send(new ListAlertsCommand({ ChannelId: channelId, StateFilter: "SET", NextToken }));
    alerts.push(...(r.Alerts ?? []));
    NextToken = r.NextToken;
  } while (NextToken);
  return alerts;
}

/** Runs a part of the snapshot; a failure of that part becomes a line in `unavailable` (unless it is the channel itself). */
async function part<T>(what: string, unavailable: string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    const line = awsFailureLine(err);
    if (line === undefined) throw err;
    unavailable.push(`${what}: ${line}`);
    return undefined;
  }
}

export async function takeSnapshot(t: MonitorTargets, clients: MonitorClients, now: Date = new Date()): Promise<Snapshot> {
  const unavailable: string[] = [];
  // The channel itself must be readable (credentials, region): its failure is the command's failure.
  const channel = await clients.medialive.send(new DescribeChannelCommand({ ChannelId: t.channelId }));
  const state = channel.State ?? "UNKNOWN";
  const running = state === "RUNNING" || state === "RECOVERING";
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const queries = metricQueries(t);
  const [alerts, regional, global, uptime] = await Promise.all([
    part("alerts", unavailable, () => activeAlerts(clients.medialive, t.channelId)),
    part("CloudWatch metrics", unavailable, () => metricData(clients.cloudwatch, queries.regional, windowStart, now)),
    queries.global.length
      ? part("CloudFront metrics", unavailable, () => metricData(clients.cloudwatchGlobal, queries.global, windowStart, now))
      : Promise.resolve(undefined),
    running
      ? part("running time", unavailable, () =>
          metricData(
            clients.cloudwatch,
            [stat("up", "AWS/MediaLive", "ActiveAlerts", { ChannelId: t.channelId, Pipeline: "0" }, "Maximum")],
            new Date(now.getTime() - UPTIME_LOOKBACK_HOURS * 3_600_000),
            now,
          ),
        )
      : Promise.resolve(undefined),
  ]);
  const pipelines: PipelineHealth[] = [];
  for (let p = 0; p < t.pipelines; p++)
    pipelines.push({
      pipeline: p,
      input_fps: latest(regional?.get(`fps${p}`)),
      network_in_mbps: latest(regional?.get(`net${p}`)),
      active_alerts: latest(regional?.get(`alerts${p}`)),
      output_errors: total(regional?.get(`err${p}`)),
    });
  const since = running ? runningSince(uptime?.get("up")?.Timestamps ?? []) : undefined;
  const runningSeconds = since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : running ? null : 0;
  const shownAlerts = (alerts ?? []).map((a) => ({
    pipeline: a.PipelineId ?? "",
    type: a.AlertType ?? "alert",
    message: a.Message ?? "",
    set_at: a.SetTimestamp?.toISOString(),
  }));
  const alarm = shownAlerts.length > 0 || FAILED_STATES.has(state) || pipelines.some((p) => (p.active_alerts ?? 0) > 0 || (p.output_errors ?? 0) > 0);
  return {
    at: now.toISOString(),
    pipeline_id: t.pipelineId,
    channel_id: t.channelId,
    state,
    pipelines_running: channel.PipelinesRunningCount ?? 0,
    pipelines,
    alerts: shownAlerts,
    mediapackage: t.mediapackage ? { ingress_bytes: total(regional?.get("mpin")), egress_bytes: total(regional?.get("mpout")) } : undefined,
    cloudfront: t.cloudfrontDistributionId ? { requests: total(global?.get("cfreq")), bytes_downloaded: total(global?.get("cfbytes")) } : undefined,
    window_minutes: WINDOW_MINUTES,
    running_since: since?.toISOString(),
    running_seconds: runningSeconds,
    cost_so_far_usd: runningSeconds === null || t.perHourUsd === null ? null : (runningSeconds / 3600) * t.perHourUsd,
    unavailable,
    alarm,
  };
}

const dash = "-";
const num = (v: number | null, digits: number, unit = "") => (v === null ? dash : `${v.toFixed(digits)}${unit}`);
export function bytes(v: number | null): string {
  if (v === null) return dash;
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let n = v;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
export function duration(seconds: number | null): string {
  if (seconds === null) return "?";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(seconds % 60).padStart(2, "0")}s`;
}
const clip = (line: string, width: number) => (line.length <= width ? line : `${line.slice(0, width - 3)}...`);

/** CloudFront's requests and bytes of the window: the viewer proxy `status` and `stream monitor` show. */
export function viewerProxy(s: Snapshot): string | undefined {
  if (!s.cloudfront) return undefined;
  const requests = s.cloudfront.requests === null ? dash : String(Math.round(s.cloudfront.requests));
  return `viewers via CloudFront (${s.window_minutes} min): ${requests} requests, ${bytes(s.cloudfront.bytes_downloaded)}`;
}

/** The one-line health `status` prints: state, input, alerts, and the viewer proxy. */
export function healthLine(s: Snapshot): string {
  const fps = s.pipelines.map((p) => num(p.input_fps, 2)).join("/");
  const alerts = s.alerts.length ? `${s.alerts.length} alert${s.alerts.length > 1 ? "s" : ""} (${s.alerts[0].type})` : "no alerts";
  const viewers = viewerProxy(s);
  return `${s.state}, ${s.pipelines_running}/${s.pipelines.length} pipelines running, input ${fps} fps, ${alerts}${s.state === "RUNNING" ? `, up ${duration(s.running_seconds)}` : ""}${viewers ? `; ${viewers}` : ""}`;
}

/** The monitor's screen, every line within `width` columns. */
export function formatSnapshot(s: Snapshot, width = 100): string[] {
  const lines: string[] = [];
  const cost = s.cost_so_far_usd === null ? "?" : `$${s.cost_so_far_usd.toFixed(2)}`;
  lines.push(
    `${s.pipeline_id}  channel ${s.channel_id}  ${s.state} (${s.pipelines_running}/${s.pipelines.length} running)  up ${duration(s.running_seconds)}  cost so far ${cost}`,
  );
  lines.push(`at ${s.at.slice(11, 19)} UTC${s.alarm ? "  ALARM" : ""}`);
  lines.push("");
  lines.push(`${"PIPELINE".padEnd(10)}${"INPUT FPS".padEnd(12)}${"NETWORK IN".padEnd(14)}${"ALERTS".padEnd(8)}OUTPUT ERRORS (${s.window_minutes} min)`);
  for (const p of s.pipelines)
    lines.push(
      `${String(p.pipeline).padEnd(10)}${num(p.input_fps, 2).padEnd(12)}${num(p.network_in_mbps, 1, " Mb/s").padEnd(14)}${num(p.active_alerts, 0).padEnd(8)}${num(p.output_errors, 0)}`,
    );
  lines.push("");
  if (s.alerts.length === 0) lines.push("alerts: none");
  else {
    lines.push(`alerts (${s.alerts.length}):`);
    for (const a of s.alerts) lines.push(`  [${a.pipeline || "?"}] ${a.type}${a.set_at ? ` since ${a.set_at.slice(11, 16)}` : ""}: ${a.message}`);
  }
  if (s.mediapackage)
    lines.push(`MediaPackage (${s.window_minutes} min): in ${bytes(s.mediapackage.ingress_bytes)}, out ${bytes(s.mediapackage.egress_bytes)}`);
  const viewers = viewerProxy(s);
  if (viewers) lines.push(viewers);
  for (const u of s.unavailable) lines.push(`unavailable: ${u}`);
  return lines.map((l) => clip(l, width));
}

/** The SDK clients a snapshot needs: MediaLive and CloudWatch in the pipeline's region, CloudWatch in us-east-1 for CloudFront. */
export async function monitorClients(region: string): Promise<MonitorClients> {
  const { awsClientConfig } = await import("./client-config");
  return {
    medialive: new MediaLiveClient(awsClientConfig(region)),
    cloudwatch: new CloudWatchClient(awsClientConfig(region)),
    cloudwatchGlobal: new CloudWatchClient(awsClientConfig("us-east-1")),
  };
}

/** One channel of a pipeline with a failover region: its snapshot, labelled with its role and region. */
export interface ChannelSnapshot extends Snapshot {
  role: ChannelRole;
  region: string;
}

/** A refresh of a two-region pipeline: both channels (CloudFront, shared, is read once with the primary). */
export interface PipelineSnapshot {
  at: string;
  pipeline_id: string;
  channels: ChannelSnapshot[];
  /** Both channels' cost so far; null when either cannot be told. */
  cost_so_far_usd: number | null;
  /** Either channel alarming, or a channel that could not be read at all. */
  alarm: boolean;
}

export type ChannelTargets = MonitorTargets & { role: ChannelRole; region: string };

/**
 * What to watch in each region: the channels from the outputs (src/aws/pipeline-channels), each with its own
 * MediaPackage v2 channel and its share of the hourly cost; CloudFront's metrics go with the primary only.
 */
export function channelTargets(
  channels: PipelineChannel[],
  outputs: Record<string, { value?: unknown }>,
  pipelineId: string,
  channelClass: string,
  cost: { per_hour_usd: number; failover_per_hour?: { usd: number; complete: boolean } },
): ChannelTargets[] {
  const failoverShare = cost.failover_per_hour;
  return channels.map((c) => ({
    role: c.role,
    region: c.region,
    pipelineId,
    channelId: c.channelId,
    pipelines: channelClass === "STANDARD" ? 2 : 1,
    mediapackage: c.mediapackage,
    cloudfrontDistributionId: c.role === "primary" ? value(outputs.cloudfront_distribution_id?.value) : undefined,
    perHourUsd: c.role === "primary" ? cost.per_hour_usd - (failoverShare?.usd ?? 0) : failoverShare?.complete ? failoverShare.usd : null,
  }));
}

/** A channel that could not be read at all (credentials or permissions in its region): shown as UNKNOWN with why. */
function unreadable(t: ChannelTargets, line: string, now: Date): ChannelSnapshot {
  return {
    role: t.role,
    region: t.region,
    at: now.toISOString(),
    pipeline_id: t.pipelineId,
    channel_id: t.channelId,
    state: "UNKNOWN",
    pipelines_running: 0,
    pipelines: [],
    alerts: [],
    window_minutes: WINDOW_MINUTES,
    running_seconds: null,
    cost_so_far_usd: null,
    unavailable: [`channel: ${line}`],
    alarm: true,
  };
}

/**
 * Both channels at once, each with the clients of its region. A region whose channel cannot be read becomes an
 * UNKNOWN channel with its line (the other still shows); when no channel can be read, that is the command's failure.
 */
export async function takePipelineSnapshot(
  targets: ChannelTargets[],
  clientsFor: (region: string) => MonitorClients,
  now: Date = new Date(),
): Promise<PipelineSnapshot> {
  const failures: unknown[] = [];
  const channels = await Promise.all(
    targets.map(async (t): Promise<ChannelSnapshot> => {
      try {
        return { role: t.role, region: t.region, ...(await takeSnapshot(t, clientsFor(t.region), now)) };
      } catch (err) {
        const line = awsFailureLine(err);
        if (line === undefined) throw err;
        failures.push(err);
        return unreadable(t, line, now);
      }
    }),
  );
  if (failures.length === targets.length) throw failures[0];
  const costs = channels.map((c) => c.cost_so_far_usd);
  return {
    at: now.toISOString(),
    pipeline_id: targets[0].pipelineId,
    channels,
    cost_so_far_usd: costs.some((c) => c === null) ? null : costs.reduce((sum: number, c) => sum + c!, 0),
    alarm: channels.some((c) => c.alarm),
  };
}

/** The monitor's screen for two channels: a row per channel, a row per channel pipeline, alerts and traffic per region. */
export function formatPipelineSnapshot(ps: PipelineSnapshot, width = 100): string[] {
  const lines: string[] = [];
  const usd = (v: number | null) => (v === null ? "?" : `$${v.toFixed(2)}`);
  lines.push(`${ps.pipeline_id}  ${ps.channels.length} channels  cost so far ${usd(ps.cost_so_far_usd)}`);
  lines.push(`at ${ps.at.slice(11, 19)} UTC${ps.alarm ? "  ALARM" : ""}`);
  lines.push("");
  lines.push(`${"CHANNEL".padEnd(20)}${"ID".padEnd(12)}${"STATE".padEnd(26)}${"UP".padEnd(10)}COST SO FAR`);
  for (const c of ps.channels)
    lines.push(
      `${channelLabel(c).padEnd(20)}${c.channel_id.padEnd(12)}${`${c.state} (${c.pipelines_running}/${c.pipelines.length} running)`.padEnd(26)}${duration(c.running_seconds).padEnd(10)}${usd(c.cost_so_far_usd)}`,
    );
  lines.push("");
  lines.push(
    `${"REGION".padEnd(12)}${"PIPELINE".padEnd(10)}${"INPUT FPS".padEnd(12)}${"NETWORK IN".padEnd(14)}${"ALERTS".padEnd(8)}OUTPUT ERRORS (${WINDOW_MINUTES} min)`,
  );
  for (const c of ps.channels)
    for (const p of c.pipelines)
      lines.push(
        `${c.region.padEnd(12)}${String(p.pipeline).padEnd(10)}${num(p.input_fps, 2).padEnd(12)}${num(p.network_in_mbps, 1, " Mb/s").padEnd(14)}${num(p.active_alerts, 0).padEnd(8)}${num(p.output_errors, 0)}`,
      );
  lines.push("");
  const alerts = ps.channels.flatMap((c) => c.alerts.map((a) => ({ ...a, region: c.region })));
  if (alerts.length === 0) lines.push("alerts: none");
  else {
    lines.push(`alerts (${alerts.length}):`);
    for (const a of alerts) lines.push(`  [${a.region} ${a.pipeline || "?"}] ${a.type}${a.set_at ? ` since ${a.set_at.slice(11, 16)}` : ""}: ${a.message}`);
  }
  for (const c of ps.channels)
    if (c.mediapackage)
      lines.push(`MediaPackage ${c.region} (${c.window_minutes} min): in ${bytes(c.mediapackage.ingress_bytes)}, out ${bytes(c.mediapackage.egress_bytes)}`);
  for (const c of ps.channels) {
    const viewers = viewerProxy(c);
    if (viewers) lines.push(viewers);
  }
  for (const c of ps.channels) for (const u of c.unavailable) lines.push(`unavailable: ${channelLabel(c)} ${u}`);
  return lines.map((l) => clip(l, width));
}
