/**
 * Issue 18's dashboard proof: every example's CloudWatch dashboard has CloudWatch's body structure and every metric
 * names a namespace, metric and dimension set its services publish (src/validity/dashboard-metrics.ts, from AWS's
 * documentation), with values that are the module's own resources; and the check rejects what AWS would not show.
 */
import * as fs from "node:fs";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { renderModulesFor } from "../../src/synth/module-render";
import { checkDashboardBody } from "../../src/validity/dashboard-metrics";
import { planPipeline } from "../../src/plans/pipeline-plan";

const examples = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
const modules = renderModulesFor(examples).filter((m) => !m.pipelineId.endsWith("-shared"));
const dashboardOf = (id: string) => {
  const files = modules.find((m) => m.pipelineId === id)!.files;
  const doc = JSON.parse(files.get("monitoring.tf.json")!);
  return doc.resource.aws_cloudwatch_dashboard.main as { dashboard_body: string; dashboard_name: string };
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dashboard JSON as CloudWatch reads it
const widgetsOf = (id: string): any[] => JSON.parse(dashboardOf(id).dashboard_body).widgets;
const metricsOf = (id: string) => widgetsOf(id).flatMap((w) => (w.type === "metric" ? w.properties.metrics : []));

test("every example pipeline has a dashboard whose every metric is documented", () => {
  expect(modules.map((m) => m.pipelineId).sort()).toEqual(examples.map((p) => p.pipeline_id).sort());
  for (const m of modules) {
    const d = dashboardOf(m.pipelineId);
    expect({ id: m.pipelineId, findings: checkDashboardBody(d.dashboard_body, "monitoring.tf.json", "body") }).toEqual({ id: m.pipelineId, findings: [] });
    expect(d.dashboard_name).toBe("${var.name_prefix}");
  }
});

test("dimension values are the module's own resources and inputs, never a literal id", () => {
  for (const m of modules) {
    const all = [...m.files.values()].join("\n");
    for (const metric of metricsOf(m.pipelineId)) {
      const dims = metric.slice(2, -1) as string[];
      for (let k = 0; k < dims.length; k += 2) {
        const value = dims[k + 1];
        if (["Pipeline", "Region", "StatusCodeRange", "OutputGroupName"].includes(dims[k])) continue;
        // The MediaPackage channel's name is the one the module gives the channel (a literal in a module of its own group).
        if (dims[k] === "Channel") {
          expect(JSON.parse(m.files.get("mediapackage.tf.json")!).resource.awscc_mediapackagev2_channel.main.channel_name).toBe(value);
          continue;
        }
        const ref = /^\$\{((?:aws_[a-z0-9_]+\.[a-z0-9_]+)|(?:var\.[a-z0-9_]+))\.?[a-z_]*\}$/.exec(value);
        expect({ dim: dims[k], value, declared: !!ref }).toEqual({ dim: dims[k], value, declared: true });
        const [type, name] = ref![1].split(".");
        expect(all).toContain(type === "var" ? `"${name}": {` : `"${type}": {`);
      }
    }
  }
});

test("a STANDARD channel gets a row per pipeline; output errors per output group the channel has", () => {
  const rows = widgetsOf("company-webinars")
    .filter((w) => w.type === "text")
    .map((w) => w.properties.markdown);
  expect(rows).toEqual([
    "# Company all-hands (company-webinars)",
    "## MediaLive pipeline 0",
    "## MediaLive pipeline 1",
    "## MediaPackage v2",
    "## CloudFront (viewers)",
    "## Alarms",
  ]);
  const groups = new Set(
    metricsOf("company-webinars")
      .filter((m) => m[1] === "Output5xxErrors")
      .map((m) => m[m.indexOf("OutputGroupName") + 1]),
  );
  const plan = planPipeline(examples.find((p) => p.pipeline_id === "company-webinars")!);
  expect([...groups].sort()).toEqual(plan.live!.outputGroups.map((g) => g.name).sort());
});

test("CloudFront widgets read us-east-1; the channel's widgets read the module's region", () => {
  for (const w of widgetsOf("studio_live_feed").filter((x) => x.type === "metric")) {
    const namespace = w.properties.metrics[0][0];
    expect({ namespace, region: w.properties.region }).toEqual({
      namespace,
      region: namespace === "AWS/CloudFront" ? "us-east-1" : "${data.aws_region.current.id}",
    });
  }
});

test("a failover region: its channel's rows and its MediaPackage v2 channel's row, every widget reading the failover region", () => {
  const resolved = examples.find((p) => p.pipeline_id === "two-region-live")!;
  const failover = planPipeline(resolved).failover!;
  expect(failover.region).toBe("us-west-2");
  const widgets = widgetsOf("two-region-live");
  const refersTo = (w: Widget, resource: string) => JSON.stringify(w.properties.metrics).includes(resource);
  const failoverWidgets = widgets.filter((w) => w.type === "metric" && refersTo(w, "_failover."));
  expect(failoverWidgets).toHaveLength(failover.live.pipelines.length * 4 + 3);
  // Every MediaLive metric per pipeline of the second channel, and every MediaPackage v2 metric of its channel.
  const shown = (namespace: string) =>
    failoverWidgets.flatMap((w) =>
      (w.properties.metrics as string[][]).filter((m) => m[0] === namespace).map((m) => `${m[1]}/${m[m.indexOf("Pipeline") + 1] ?? ""}`),
    );
  const perPipeline = failover.live.pipelines.flatMap((n) =>
    ["InputVideoFrameRate", "NetworkIn", "ActiveAlerts", "Output4xxErrors", "Output5xxErrors"].map((m) => `${m}/${n}`),
  );
  expect(new Set(shown("AWS/MediaLive"))).toEqual(new Set(perPipeline));
  expect(
    new Set(
      failoverWidgets.flatMap((w) =>
        (w.properties.metrics as string[][]).filter((m) => m[0] === "AWS/MediaPackage").map((m) => `${m[1]} ${m[m.indexOf("ChannelGroup") + 1]}`),
      ),
    ),
  ).toEqual(
    new Set(
      ["IngressBytes", "EgressBytes", "IngressRequestCount", "EgressRequestCount"].map((m) => `${m} \${aws_media_packagev2_channel_group.main_failover.name}`),
    ),
  );
  // Each widget reads the region its channel publishes in; no widget mixes the two channels.
  for (const w of widgets.filter((x) => x.type === "metric")) {
    const namespace = w.properties.metrics[0][0];
    const isFailover = failoverWidgets.includes(w);
    expect({ title: w.properties.title, region: w.properties.region }).toEqual({
      title: w.properties.title,
      region: namespace === "AWS/CloudFront" ? "us-east-1" : isFailover ? "us-west-2" : "${data.aws_region.current.id}",
    });
    if (!isFailover) expect(JSON.stringify(w.properties.metrics)).not.toContain("_failover");
    if (isFailover) expect(w.properties.title).toContain("failover us-west-2");
  }
  expect(widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown)).toEqual([
    "# Town hall, two regions (two-region-live)",
    ...failover.live.pipelines.map((n) => `## Primary us-east-1: MediaLive pipeline ${n}`),
    "## Primary us-east-1: MediaPackage v2",
    ...failover.live.pipelines.map((n) => `## Failover us-west-2: MediaLive pipeline ${n}`),
    "## Failover us-west-2: MediaPackage v2",
    "## CloudFront (viewers)",
    "## Alarms",
  ]);
  // The committed module is this rendering (regenerated, reviewed).
  const committed = JSON.parse(fs.readFileSync(projectPath("modules/two-region-live/monitoring.tf.json"), "utf8"));
  expect(committed.resource.aws_cloudwatch_dashboard.main.dashboard_body).toBe(dashboardOf("two-region-live").dashboard_body);
});

test("the alarm widget lists every alarm the module declares, and only a module with alarms has one", () => {
  for (const m of modules) {
    const declared = Object.keys(
      [...m.files.entries()]
        .filter(([f]) => f.endsWith(".tf.json"))
        .reduce((acc, [, text]) => ({ ...acc, ...(JSON.parse(text).resource?.aws_cloudwatch_metric_alarm ?? {}) }), {} as Record<string, unknown>),
    )
      .map((n) => `\${aws_cloudwatch_metric_alarm.${n}.arn}`)
      .sort();
    const widget = widgetsOf(m.pipelineId).find((w) => w.type === "alarm");
    expect({ id: m.pipelineId, alarms: widget?.properties.alarms ?? [] }).toEqual({ id: m.pipelineId, alarms: declared });
  }
  // weekly-classes' idle stop alarm is on it beside the tier's channel alarms
  expect(JSON.stringify(widgetsOf("weekly-classes"))).toMatch(/aws_cloudwatch_metric_alarm\.[a-z_]*idle[a-z_]*\.arn/);
  // development tier: no channel alarms and no automation, so no alarm widget
  expect(widgetsOf("studio_live_feed").some((w) => w.type === "alarm")).toBe(false);
});

test("a VOD-only pipeline's dashboard shows its viewers (CloudFront) and no channel", () => {
  expect(new Set(metricsOf("vod-library").map((m) => m[0]))).toEqual(new Set(["AWS/CloudFront"]));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- widgets edited freely to break them
type Widget = Record<string, any>;
describe("NEGATIVE: the check rejects what CloudWatch would show empty or refuse", () => {
  const good = dashboardOf("company-webinars").dashboard_body;
  const mutate = (change: (body: { widgets: Widget[] }) => void) => {
    const body = JSON.parse(good);
    change(body);
    return checkDashboardBody(JSON.stringify(body), "monitoring.tf.json", "body").map((f) => f.message);
  };
  const firstMetric = (b: { widgets: Widget[] }) => b.widgets.find((w) => w.type === "metric")!;

  test("a metric MediaLive does not publish", () => {
    expect(mutate((b) => (firstMetric(b).properties.metrics[0][1] = "InputFrameRate")).join()).toMatch(/AWS\/MediaLive InputFrameRate is not a metric/);
  });
  test("output errors without the output group dimension (a series that never has data)", () => {
    const msgs = mutate((b) => {
      const w = b.widgets.find((x) => x.type === "metric" && x.properties.metrics[0][1] === "Output4xxErrors")!;
      w.properties.metrics = [["AWS/MediaLive", "Output5xxErrors", "ChannelId", "x", "Pipeline", "0", { stat: "Sum" }]];
    });
    expect(msgs.join()).toMatch(/Output5xxErrors by \[ChannelId,Pipeline\]: AWS documents \[ChannelId,OutputGroupName,Pipeline\]/);
  });
  test("CloudFront read outside us-east-1", () => {
    const msgs = mutate((b) => {
      b.widgets.find((x) => x.type === "metric" && x.properties.metrics[0][0] === "AWS/CloudFront")!.properties.region = "eu-west-1";
    });
    expect(msgs.join()).toMatch(/CloudFront publishes its metrics in us-east-1/);
  });
  test("a pipeline number MediaLive does not have, a widget off the grid, a statistic that does not exist", () => {
    const msgs = mutate((b) => {
      const w = firstMetric(b);
      w.properties.metrics[0][5] = "2";
      w.x = 20;
      w.properties.metrics[0][6] = { stat: "Mean" };
    });
    expect(msgs).toEqual(
      expect.arrayContaining([expect.stringMatching(/Pipeline=2/), expect.stringMatching(/beyond the 24-column grid/), expect.stringMatching(/Mean/)]),
    );
  });
  test("a body that is not JSON", () => {
    expect(checkDashboardBody("{widgets:", "f", "p")[0].message).toMatch(/not JSON/);
  });
});
