/**
 * CloudWatch dashboard bodies checked against the metrics the pipeline's services publish, as AWS documents them:
 * every widget has CloudWatch's shape (type, x/y/width/height on the 24-column grid, properties), and every metric
 * names a documented namespace, metric and dimension set. Metric widgets of CloudFront must read us-east-1, the only
 * region CloudFront publishes to.
 *
 * Sources (read 2026-12-01):
 * - MediaLive: https://docs.aws.amazon.com/medialive/latest/ug/monitoring-eml-metrics.html and its pages
 *   eml-metrics-global.html ("ActiveAlerts ... Supported dimension sets: ChannelID, Pipeline"), the input metrics
 *   (InputVideoFrameRate, NetworkIn: ChannelId + Pipeline) and the output metrics (Output4xxErrors/Output5xxErrors:
 *   ChannelId + OutputGroupName + Pipeline).
 * - MediaPackage v2: https://docs.aws.amazon.com/mediapackage/latest/userguide/monitoring-cloudwatch.html
 *   (AWS/MediaPackage; ChannelGroup, ChannelGroup + Channel, ChannelGroup + Channel + OriginEndpoint; request counts
 *   also by StatusCodeRange). The v1 page (mediapackage/latest/ug/metrics.html) uses Channel without ChannelGroup.
 * - CloudFront: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html
 *   (AWS/CloudFront, DistributionId + Region=Global, published in us-east-1).
 * - Dashboard body: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import type { Finding } from "./findings";

export interface DocumentedMetric {
  namespace: string;
  metric: string;
  /** Each allowed dimension set, names sorted. */
  dimensionSets: string[][];
}

const set = (...names: string[]) => [...names].sort();
const MEDIALIVE_PIPELINE = [set("ChannelId", "Pipeline")];
const MP2_TRAFFIC = [set("ChannelGroup"), set("ChannelGroup", "Channel"), set("ChannelGroup", "Channel", "OriginEndpoint")];
const MP2_REQUESTS = [...MP2_TRAFFIC, ...MP2_TRAFFIC.map((s) => set(...s, "StatusCodeRange"))];
const CLOUDFRONT = [set("DistributionId", "Region")];

export const DOCUMENTED_METRICS: DocumentedMetric[] = [
  { namespace: "AWS/MediaLive", metric: "ActiveAlerts", dimensionSets: MEDIALIVE_PIPELINE },
  { namespace: "AWS/MediaLive", metric: "InputVideoFrameRate", dimensionSets: MEDIALIVE_PIPELINE },
  { namespace: "AWS/MediaLive", metric: "NetworkIn", dimensionSets: MEDIALIVE_PIPELINE },
  { namespace: "AWS/MediaLive", metric: "Output4xxErrors", dimensionSets: [set("ChannelId", "OutputGroupName", "Pipeline")] },
  { namespace: "AWS/MediaLive", metric: "Output5xxErrors", dimensionSets: [set("ChannelId", "OutputGroupName", "Pipeline")] },
  { namespace: "AWS/MediaPackage", metric: "IngressBytes", dimensionSets: MP2_TRAFFIC },
  { namespace: "AWS/MediaPackage", metric: "EgressBytes", dimensionSets: MP2_TRAFFIC },
  { namespace: "AWS/MediaPackage", metric: "IngressRequestCount", dimensionSets: MP2_REQUESTS },
  { namespace: "AWS/MediaPackage", metric: "EgressRequestCount", dimensionSets: MP2_REQUESTS },
  ...["Requests", "BytesDownloaded", "BytesUploaded", "4xxErrorRate", "5xxErrorRate", "TotalErrorRate"].map((metric) => ({
    namespace: "AWS/CloudFront",
    metric,
    dimensionSets: CLOUDFRONT,
  })),
];

/** Documented values of dimensions whose values are fixed words. */
const DIMENSION_VALUES: Record<string, string[]> = {
  Pipeline: ["0", "1"],
  Region: ["Global"],
  StatusCodeRange: ["2xx", "3xx", "4xx", "5xx"],
};
const STATISTICS = new Set(["Average", "Sum", "Minimum", "Maximum", "SampleCount"]);
const WIDGET_TYPES = new Set(["metric", "text", "alarm"]);
const GRID_COLUMNS = 24;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

/** Findings for one dashboard body (the JSON text of dashboard_body). */
export function checkDashboardBody(text: string, file: string, path: string, rule = "CW-DASHBOARD-METRICS"): Finding[] {
  const findings: Finding[] = [];
  const fail = (where: string, message: string) => findings.push({ rule, file, path: `${path}${where}`, message });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    fail("", `dashboard_body is not JSON: ${(err as Error).message}`);
    return findings;
  }
  if (!isObject(body) || !Array.isArray(body.widgets) || body.widgets.length === 0) {
    fail("", "dashboard_body must be an object with a non-empty widgets array");
    return findings;
  }
  body.widgets.forEach((w: unknown, i) => {
    const at = `.widgets[${i}]`;
    if (!isObject(w) || !WIDGET_TYPES.has(String(w.type))) return fail(at, `widget type must be one of ${[...WIDGET_TYPES].join(", ")}`);
    const x = Number(w.x),
      width = Number(w.width);
    for (const k of ["x", "y", "width", "height"]) if (!Number.isInteger(w[k]) || (w[k] as number) < 0) fail(`${at}.${k}`, `${k} must be a whole number >= 0`);
    if (x + width > GRID_COLUMNS) fail(at, `x + width is ${x + width}, beyond the ${GRID_COLUMNS}-column grid`);
    const props = w.properties;
    if (!isObject(props)) return fail(`${at}.properties`, "properties missing");
    if (w.type === "text" && typeof props.markdown !== "string") fail(`${at}.properties.markdown`, "a text widget needs markdown");
    if (w.type === "alarm" && (!Array.isArray(props.alarms) || props.alarms.length === 0)) fail(`${at}.properties.alarms`, "an alarm widget lists alarm ARNs");
    if (w.type !== "metric") return;
    if (typeof props.region !== "string" || !props.region) fail(`${at}.properties.region`, "a metric widget names its region");
    if (!Array.isArray(props.metrics) || props.metrics.length === 0) return fail(`${at}.properties.metrics`, "a metric widget lists metrics");
    props.metrics.forEach((m: unknown, j) => checkMetric(m, String(props.region), `${at}.properties.metrics[${j}]`, fail));
  });
  return findings;
}

function checkMetric(m: unknown, region: string, at: string, fail: (where: string, message: string) => void): void {
  if (!Array.isArray(m) || m.length < 2) return fail(at, "a metric is [namespace, metric name, dimension, value, ..., {options}]");
  const options = isObject(m[m.length - 1]) ? (m[m.length - 1] as Json) : undefined;
  const parts = options ? m.slice(0, -1) : m;
  const [namespace, metric, ...dims] = parts.map(String);
  if (dims.length % 2) return fail(at, "dimensions come as name/value pairs");
  const documented = DOCUMENTED_METRICS.find((d) => d.namespace === namespace && d.metric === metric);
  if (!documented) return fail(at, `${namespace} ${metric} is not a metric the pipeline's services publish (src/validity/dashboard-metrics.ts)`);
  const names: string[] = [];
  for (let k = 0; k < dims.length; k += 2) {
    const [name, value] = [dims[k], dims[k + 1]];
    names.push(name);
    if (!value) fail(at, `dimension ${name} has no value`);
    const fixed = DIMENSION_VALUES[name];
    if (fixed && !/\$\{/.test(value) && !fixed.includes(value)) fail(at, `dimension ${name}=${value}: AWS documents ${fixed.join(", ")}`);
  }
  const given = set(...names).join(",");
  if (!documented.dimensionSets.some((s) => s.join(",") === given))
    fail(at, `${namespace} ${metric} by [${given}]: AWS documents ${documented.dimensionSets.map((s) => `[${s.join(",")}]`).join(" or ")}`);
  if (namespace === "AWS/CloudFront" && region !== "us-east-1") fail(at, `CloudFront publishes its metrics in us-east-1, but the widget reads ${region}`);
  const stat = options?.stat;
  if (stat !== undefined && !(typeof stat === "string" && STATISTICS.has(stat))) fail(at, `stat ${JSON.stringify(stat)} is not a CloudWatch statistic`);
}

/** Every aws_cloudwatch_dashboard of a module file. */
export function checkDashboards(doc: Record<string, unknown>, file: string): Finding[] {
  const dashboards = ((doc.resource as Json | undefined)?.aws_cloudwatch_dashboard ?? {}) as Record<string, Json>;
  return Object.entries(dashboards).flatMap(([name, r]) =>
    typeof r.dashboard_body === "string"
      ? checkDashboardBody(r.dashboard_body, file, `resource.aws_cloudwatch_dashboard.${name}.dashboard_body`)
      : [{ rule: "CW-DASHBOARD-METRICS", file, path: `resource.aws_cloudwatch_dashboard.${name}.dashboard_body`, message: "dashboard_body must be JSON text" }],
  );
}

/** The metrics one alarm watches: its own metric, or the metrics of its metric queries. */
function alarmMetrics(alarm: Json): Array<{ at: string; namespace: unknown; metric: unknown; dimensions: unknown }> {
  if (Array.isArray(alarm.metric_query))
    return alarm.metric_query.flatMap((q: unknown, i) => {
      const m = isObject(q) && isObject(q.metric) ? q.metric : undefined;
      return m ? [{ at: `.metric_query[${i}].metric`, namespace: m.namespace, metric: m.metric_name, dimensions: m.dimensions }] : [];
    });
  return [{ at: "", namespace: alarm.namespace, metric: alarm.metric_name, dimensions: alarm.dimensions }];
}

/**
 * Every aws_cloudwatch_metric_alarm on a service this table documents watches a documented metric by a documented
 * dimension set: CloudWatch accepts any name, and an alarm on a dimension set AWS never publishes never fires.
 */
export function checkAlarms(doc: Record<string, unknown>, file: string, rule = "CW-ALARM-METRICS"): Finding[] {
  const alarms = ((doc.resource as Json | undefined)?.aws_cloudwatch_metric_alarm ?? {}) as Record<string, Json>;
  const namespaces = new Set(DOCUMENTED_METRICS.map((d) => d.namespace));
  const findings: Finding[] = [];
  for (const [name, alarm] of Object.entries(alarms))
    for (const m of alarmMetrics(alarm)) {
      if (typeof m.namespace !== "string" || !namespaces.has(m.namespace)) continue;
      const path = `resource.aws_cloudwatch_metric_alarm.${name}${m.at}`;
      const documented = DOCUMENTED_METRICS.find((d) => d.namespace === m.namespace && d.metric === m.metric);
      if (!documented) {
        findings.push({ rule, file, path, message: `${m.namespace} ${String(m.metric)} is not a metric the pipeline's services publish` });
        continue;
      }
      const given = set(...Object.keys(isObject(m.dimensions) ? m.dimensions : {})).join(",");
      if (!documented.dimensionSets.some((s) => s.join(",") === given))
        findings.push({
          rule,
          file,
          path,
          message: `${m.namespace} ${documented.metric} by [${given}] is never published (AWS documents ${documented.dimensionSets.map((s) => `[${s.join(",")}]`).join(" or ")}): the alarm would never fire`,
        });
    }
  return findings;
}
