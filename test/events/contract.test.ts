/**
 * The event contract holds for what the modules really emit: every publishing state machine of every
 * example module is run (as Step Functions would run it) on AWS's documented example events, the
 * events it puts on the bus are wrapped as EventBridge delivers them, and each is validated against
 * schemas/events.schema.json. The same for the enriched payloads (definition events section), the
 * samples the CLI prints, archive.created and the watch folder's use of S3 Object Created.
 */
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { renderModulesFor, renderPipelineModule } from "../../src/synth/module-render";
import { resolvePipeline } from "../../src/core/resolve";
import { loadCatalog } from "../../src/core/catalog";
import { validateAgainstSchema } from "../../src/core/schema-validation";
import { EVENT_TYPES, awsSampleEvent, sampleEvent, AwsSampleName } from "../../src/events/samples";
import { deliveredEvent, evaluatePayloadTemplate, matchesPattern, runPublishingDefinition } from "../../src/events/payload-template";
import { runCli } from "../support/cli";
import { runStateMachine } from "../support/asl";

const CHANNEL_ARN = "arn:aws:medialive:us-west-2:111122223333:channel:283886";
const QUEUE_ARN = "arn:aws:mediaconvert:us-west-2:111122223333:queues/product-demos-vod";

/** Values AWS would fill in for the module's references once applied; an unknown reference fails the test. */
const APPLIED: Record<string, string> = {
  "aws_cloudwatch_event_bus.pipeline.arn": "arn:aws:events:us-west-2:111122223333:event-bus/x-media-events",
  "data.aws_partition.current.partition": "aws",
  "aws_cloudfront_distribution.main.domain_name": "d111111abcdef8.cloudfront.net",
  "aws_media_packagev2_channel_group.main.name": "studio-live-feed",
  "var.mediapackage_channel_group_name": "creator-channel",
  "aws_medialive_channel.main.arn": CHANNEL_ARN,
  "aws_media_convert_queue.main.arn": QUEUE_ARN,
  "aws_s3_bucket.vod_source.bucket": "amzn-s3-demo-bucket",
  "aws_s3_bucket.live_status.bucket": "amzn-s3-demo-status-bucket",
  "awscc_mediaconvert_job_template.abr.name": "x-abr",
  "aws_iam_role.mediaconvert.arn": "arn:aws:iam::111122223333:role/x-mc-1",
  "var.name_prefix": "x",
};

function applied<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\$\{([^}]+)\}/g, (_, ref: string) => {
      if (!(ref in APPLIED)) throw new Error(`no applied value for \${${ref}}`);
      return APPLIED[ref];
    }),
  );
}

const examples = loadPipelines([projectPath("examples")]).pipelines;
const modules = renderModulesFor(examples.map((p) => p.resolved));

function asDelivered(entry: { EventBusName: string; Source: string; DetailType: string; Detail: Record<string, unknown> }, source: Record<string, unknown>) {
  return deliveredEvent(entry, { id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718", account: "111122223333", region: "us-west-2", time: source.time as string });
}

const SAMPLES_FOR: Record<string, AwsSampleName[]> = {
  "aws.medialive": ["medialive_channel_running", "medialive_channel_stopped"],
  "aws.mediaconvert": ["mediaconvert_job_complete", "mediaconvert_job_error"],
};

/** Every (module, state machine, AWS sample) the examples have: a sample adjusted to be of this pipeline's channel or queue. */
const runs = modules.flatMap((m) => {
  const file = m.files.get("events.tf.json");
  if (!file) return [];
  const locals = JSON.parse(file).locals as Record<string, unknown>;
  return Object.keys(locals)
    .filter((k) => k.endsWith("_definition"))
    .flatMap((k) => {
      const name = k.replace(/_definition$/, "");
      const pattern = applied(locals[`${name}_pattern`]) as { source: string[] };
      return SAMPLES_FOR[pattern.source[0]].map((sample) => ({ module: m.pipelineId, name, sample, definition: applied(locals[k]) as never, pattern }));
    });
});

test("the examples have publishing state machines for both services", () => {
  expect(new Set(runs.map((r) => r.name))).toEqual(new Set(["stream_state", "transcode_state"]));
  expect(runs.length).toBeGreaterThanOrEqual(8);
});

test.each(runs.map((r) => [`${r.module} ${r.name} on ${r.sample}`, r]))("%s emits an event the schema accepts", (_, r) => {
  const run = r;
  const source = awsSampleEvent(run.sample);
  if (source.source === "aws.medialive") source.detail.channel_arn = CHANNEL_ARN;
  else source.detail.queue = QUEUE_ARN;
  expect(matchesPattern(run.pattern, source)).toBe(true);
  const entries = runPublishingDefinition(run.definition, source);
  expect(entries).toHaveLength(1);
  const expectedType = {
    medialive_channel_running: "stream.started",
    medialive_channel_stopped: "stream.ended",
    mediaconvert_job_complete: "transcode.completed",
    mediaconvert_job_error: "transcode.failed",
  }[run.sample as string];
  expect(entries[0]).toMatchObject({ Source: "blackwell.media", DetailType: expectedType, Detail: { pipeline_id: run.module, time: source.time } });
  const event = asDelivered(entries[0], source);
  expect(validateAgainstSchema("events", event, `${run.module}/events.tf.json`)).toEqual([]);
});

test("a state change the rule does not route (STARTING) publishes nothing", () => {
  const run = runs.find((r) => r.name === "stream_state")!;
  const source = awsSampleEvent("medialive_channel_running");
  source.detail.state = "STARTING";
  source.detail.channel_arn = CHANNEL_ARN;
  expect(matchesPattern(run.pattern, source)).toBe(false);
  expect(runPublishingDefinition(run.definition, source)).toEqual([]);
});

test("another pipeline's channel does not match the rule", () => {
  const run = runs.find((r) => r.name === "stream_state")!;
  const source = awsSampleEvent("medialive_channel_running");
  expect(matchesPattern(run.pattern, source)).toBe(true);
  source.detail.channel_arn = CHANNEL_ARN.replace(/\d+$/, "999999");
  expect(matchesPattern(run.pattern, source)).toBe(false);
});

test.each(EVENT_TYPES.map((t) => [t]))("the sample %s (enriched payload, as with an events section) is valid and of its type", (type) => {
  const event = sampleEvent(type);
  expect(event["detail-type"]).toBe(type);
  expect(validateAgainstSchema("events", event, type)).toEqual([]);
  expect(event.detail).toMatchObject({ pipeline_id: "product-demos", client_id: "acme-shop" });
});

test("enriched stream and transcode events carry the source event id, reason and error code from the AWS event", () => {
  expect(sampleEvent("stream.ended").detail).toMatchObject({
    source_event_id: awsSampleEvent("medialive_channel_stopped").id,
    reason: "Stopped channel",
    title: "Product demos",
  });
  expect(sampleEvent("stream.started").detail).not.toHaveProperty("reason");
  expect(sampleEvent("transcode.failed").detail).toMatchObject({ job_id: "1515368087458-qnoxtd", error_code: 1040, reason: "Example error message" });
  expect(sampleEvent("transcode.completed").detail).not.toHaveProperty("title");
});

test("the schema refuses what a consumer must not receive", () => {
  const started = sampleEvent("stream.started");
  const problems = (e: unknown) => validateAgainstSchema("events", e, "x");
  expect(problems({ ...started, detail: { ...started.detail, pipeline_id: undefined } })).not.toEqual([]);
  expect(problems({ ...started, detail: { ...started.detail, playback_url: "http://insecure.example/x.m3u8" } })).not.toEqual([]);
  expect(problems({ ...started, "detail-type": "stream.paused" })).not.toEqual([]);
  const failed = sampleEvent("transcode.failed");
  expect(problems({ ...failed, detail: { ...failed.detail, status: "COMPLETE" } })).not.toEqual([]);
  expect(problems({ ...sampleEvent("transcode.completed"), detail: { ...sampleEvent("transcode.completed").detail, title: "x" } })).not.toEqual([]);
});

test("a payload path the AWS event lacks fails the run, as Step Functions fails the execution", () => {
  const source = awsSampleEvent("medialive_channel_stopped");
  delete source.detail.message;
  expect(() => evaluatePayloadTemplate({ "reason.$": "$.detail.message" }, source)).toThrow(/does not resolve/);
});

test("the watch folder turns AWS's S3 Object Created example into the MediaConvert input of the upload", () => {
  const vod = modules.find((m) => m.files.has("watch_folder.tf.json"))!;
  const locals = JSON.parse(vod.files.get("watch_folder.tf.json")!).locals;
  const source = awsSampleEvent("s3_object_created");
  const pattern = applied(locals.watch_folder_pattern);
  const prefix = pattern.detail.object.key[0].prefix as string;
  source.detail.object = { ...(source.detail.object as object), key: `${prefix}keynote.mp4` };
  expect(matchesPattern(pattern, source)).toBe(true);
  const params = evaluatePayloadTemplate(applied(locals.watch_folder_definition).States.Transcode.Parameters, source) as {
    Settings: { Inputs: Array<{ FileInput: string }> };
  };
  expect(params.Settings.Inputs[0].FileInput).toBe(`s3://amzn-s3-demo-bucket/${prefix}keynote.mp4`);
});

test("blackwell media events sample prints the same valid event; an unknown type is refused", () => {
  const r = runCli(["media", "events", "sample", "stream.started", "--json"]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(sampleEvent("stream.started"));
  const bad = runCli(["media", "events", "sample", "stream.paused"]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/stream\.paused|Choices/);
});

/** Runs a module's idle-stop state machine on its alarm going to ALARM; returns the channel.auto_stopped entry it puts on the bus. */
function announcedStop(automationFile: string) {
  const locals = JSON.parse(automationFile).locals as Record<string, unknown>;
  const definition = JSON.parse(
    JSON.stringify(locals.idle_stop_definition)
      .replace(/\$\{aws_medialive_channel\.main\.id\}/g, "283886")
      .replace(/\$\{aws_cloudwatch_metric_alarm\.idle_input\.arn\}/g, "arn:aws:cloudwatch:us-west-2:111122223333:alarm:x-idle-stop-input"),
  );
  const alarm = {
    version: "0",
    id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: "111122223333",
    time: "2026-12-01T21:35:00Z",
    region: "us-west-2",
    resources: ["arn:aws:cloudwatch:us-west-2:111122223333:alarm:x-idle-stop-input"],
    detail: { alarmName: "x-idle-stop-input", state: { value: "ALARM" }, previousState: { value: "OK" } },
  };
  const run = runStateMachine(applied(definition), alarm, {
    "arn:aws:states:::aws-sdk:medialive:describeChannel": () => ({ Id: "283886", State: "RUNNING" }),
    "arn:aws:states:::aws-sdk:medialive:stopChannel": () => ({ Id: "283886", State: "STOPPING" }),
    "arn:aws:states:::events:putEvents": () => ({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }] }),
  });
  const put = run.calls.find((c) => c.resource === "arn:aws:states:::events:putEvents");
  expect(put).toBeDefined();
  const entry = (put!.request as { Entries: Array<{ EventBusName: string; Source: string; DetailType: string; Detail: Record<string, unknown> }> }).Entries[0];
  expect(entry.DetailType).toBe("channel.auto_stopped");
  return { entry, event: asDelivered(entry, { time: alarm.time }) };
}

test("channel.auto_stopped, as the idle-stop state machine of an example module announces it, is a valid event", () => {
  const m = modules.find((x) => x.files.get("automation.tf.json")?.includes("AnnounceStop"));
  if (!m) throw new Error("no example module has an idle-stop state machine");
  const { entry, event } = announcedStop(m.files.get("automation.tf.json")!);
  expect(validateAgainstSchema("events", event, `${m.pipelineId} automation.tf.json`)).toEqual([]);
  expect(entry.Detail).not.toHaveProperty("client_id");
  expect(validateAgainstSchema("events", { ...event, detail: { ...entry.Detail, reason: "tired" } }, "x")).not.toEqual([]);
});

test("with an events section, channel.auto_stopped carries the client id like the other events, and still validates", () => {
  const weekly = examples.find((p) => p.resolved.pipeline_id === "weekly-classes")!;
  const resolved = resolvePipeline({ ...weekly.definition, events: { client_id: "acme-classes" } }, loadCatalog());
  const { entry, event } = announcedStop(renderPipelineModule(resolved).files.get("automation.tf.json")!);
  expect(entry.Detail).toMatchObject({ pipeline_id: "weekly-classes", client_id: "acme-classes", reason: "no_input" });
  expect(validateAgainstSchema("events", event, "weekly-classes automation.tf.json")).toEqual([]);
  expect(validateAgainstSchema("events", { ...event, detail: { ...entry.Detail, client_id: "" } }, "x")).not.toEqual([]);
});
