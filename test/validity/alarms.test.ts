/**
 * CloudWatch alarms watch metrics AWS publishes: CloudWatch accepts an alarm on any name and dimension set, and one on
 * a set MediaLive never publishes sits in OK forever. MediaLive publishes output errors per output group only, so
 * the output-errors alarm is one per HTTP output group and pipeline.
 */
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { renderModulesFor } from "../../src/synth/module-render";
import { checkAlarms } from "../../src/validity/dashboard-metrics";

const examples = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
const modules = renderModulesFor(examples);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- module JSON as terraform reads it
const alarmsOf = (id: string): Record<string, any> =>
  JSON.parse(modules.find((m) => m.pipelineId === id)!.files.get("monitoring.tf.json") ?? "{}").resource?.aws_cloudwatch_metric_alarm ?? {};

test("every alarm of every example watches a documented metric and dimension set", () => {
  for (const m of modules)
    for (const [file, text] of m.files) {
      if (!file.endsWith(".tf.json")) continue;
      expect({ id: m.pipelineId, file, findings: checkAlarms(JSON.parse(text), file) }).toEqual({ id: m.pipelineId, file, findings: [] });
    }
});

test("output errors: one alarm per HTTP output group and pipeline, by ChannelId, OutputGroupName and Pipeline", () => {
  const alarms = alarmsOf("company-webinars");
  const outputErrors = Object.keys(alarms).filter((k) => k.startsWith("output_errors"));
  expect(outputErrors.sort()).toEqual([
    "output_errors_archive_pipeline0",
    "output_errors_archive_pipeline1",
    "output_errors_mediapackage_pipeline0",
    "output_errors_mediapackage_pipeline1",
  ]);
  const a = alarms.output_errors_mediapackage_pipeline1;
  expect(a.metric_name).toBe("Output5xxErrors");
  expect(a.dimensions).toEqual({ ChannelId: "${aws_medialive_channel.main.id}", OutputGroupName: "mediapackage", Pipeline: "1" });
  expect(a.alarm_name).toBe("${var.name_prefix}-output-errors-mediapackage-pipeline1");
  // The other alarms keep their names and dimensions.
  expect(alarms.input_loss_pipeline0.alarm_name).toBe("${var.name_prefix}-input-loss-pipeline0");
  expect(alarms.input_loss_pipeline0.dimensions).toEqual({ ChannelId: "${aws_medialive_channel.main.id}", Pipeline: "0" });
});

test("the check refuses what AWS never publishes and passes what it does", () => {
  const doc = (alarm: object) => ({ resource: { aws_cloudwatch_metric_alarm: { a: alarm } } });
  const channel = "${aws_medialive_channel.main.id}";
  // The shape of the alarm the modules had before: output errors without the output group.
  const before = checkAlarms(doc({ namespace: "AWS/MediaLive", metric_name: "Output5xxErrors", dimensions: { ChannelId: channel, Pipeline: "0" } }), "f.json");
  expect(before.map((f) => [f.rule, f.path])).toEqual([["CW-ALARM-METRICS", "resource.aws_cloudwatch_metric_alarm.a"]]);
  expect(before[0].message).toMatch(/by \[ChannelId,Pipeline\] is never published .*\[ChannelId,OutputGroupName,Pipeline\]/);
  expect(
    checkAlarms(doc({ namespace: "AWS/MediaLive", metric_name: "InputFrameRate", dimensions: { ChannelId: channel, Pipeline: "0" } }), "f.json")[0].message,
  ).toMatch(/not a metric/);
  // Metric queries are checked metric by metric.
  const query = (dimensions: object) => ({
    metric_query: [{ id: "m0", metric: { namespace: "AWS/MediaLive", metric_name: "InputVideoFrameRate", dimensions, period: 60, stat: "Maximum" } }],
  });
  expect(checkAlarms(doc(query({ ChannelId: channel, Pipeline: "0" })), "f.json")).toEqual([]);
  expect(checkAlarms(doc(query({ ChannelId: channel })), "f.json").map((f) => f.path)).toEqual([
    "resource.aws_cloudwatch_metric_alarm.a.metric_query[0].metric",
  ]);
  // Namespaces the table does not document (SQS, Step Functions) are left to terraform.
  expect(checkAlarms(doc({ namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "q" } }), "f.json")).toEqual([]);
});
