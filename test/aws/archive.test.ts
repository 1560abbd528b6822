/**
 * archive: a recorded stream copied under archive/ with its retention tag, re-archiving retags, the
 * manifest and the archive.created event, VOD renditions for hybrid pipelines (the CreateJob request
 * held to the MediaConvert API model), refusals before any AWS call; the module's lifecycle rules
 * that make the tags mean something. AWS SDK mocked with API-shaped responses.
 */
import { mockClient } from "aws-sdk-client-mock";
import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { CreateJobCommand, GetJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { archiveStream, archiveTargetsFromOutputs, listStreams, parseRetention } from "../../src/aws/archive";
import { checkPipelineDocument, findPipeline } from "../../src/core/definitions";
import { errorsOnly } from "../../src/core/problems";
import { resolvePipeline } from "../../src/core/resolve";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkAgainstApiModel } from "../../src/validity/medialive-check";
import { mediaconvertModel } from "../../src/validity/api-model";
import type { Finding } from "../../src/validity/findings";
import { runCli } from "../support/cli";
import { validateAgainstSchema } from "../../src/core/schema-validation";

const studio = findPipeline("studio_live_feed", [projectPath("examples")]).resolved;
const webinars = findPipeline("company-webinars", [projectPath("examples")]).resolved;
const STREAM = "20261125T180000";
const BUCKET = "studio-live-feed-archive-2026";

const liveTargets = archiveTargetsFromOutputs({
  archive_bucket_name: { value: BUCKET },
  event_bus_name: { value: "studio-live-feed-events" },
  archived_streams_base_url: { value: "https://d111111abcdef8.cloudfront.net/archive/" },
});

const recording = [
  `recordings/${STREAM}/pipeline0/index.m3u8`,
  `recordings/${STREAM}/pipeline0/index_1080p.m3u8`,
  `recordings/${STREAM}/pipeline0/index_1080p_00001.ts`,
  `recordings/${STREAM}/pipeline0/index_1080p_00002.ts`,
];

function mockS3(archivedAlready: string[] = []) {
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command, { Prefix: "recordings/", Delimiter: "/" }).resolves({
    CommonPrefixes: [{ Prefix: `recordings/${STREAM}/` }],
    IsTruncated: false,
  });
  s3.on(ListObjectsV2Command, { Prefix: `recordings/${STREAM}/` }).resolves({
    Contents: recording.map((Key, i) => ({ Key, Size: 1000 + i })),
    IsTruncated: false,
    KeyCount: recording.length,
  });
  s3.on(ListObjectsV2Command, { Prefix: `archive/${STREAM}/` }).resolves({
    Contents: archivedAlready.map((Key) => ({ Key, Size: 1000 + recording.indexOf(Key.replace("archive/", "recordings/")) })),
    IsTruncated: false,
  });
  s3.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"e"' } });
  s3.on(PutObjectTaggingCommand).resolves({});
  s3.on(PutObjectCommand).resolves({ ETag: '"m"' });
  return s3;
}

afterEach(() => {
  mockClient(S3Client).restore();
  mockClient(EventBridgeClient).restore();
  mockClient(MediaConvertClient).restore();
});

test("a stream is copied under archive/ with its retention tag, described by archive.json and announced", async () => {
  const s3 = mockS3();
  const events = mockClient(EventBridgeClient);
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "11710aed-b79e-4468-a20b-bb3c0c3b4860" }] });
  const progress: string[] = [];
  const result = await archiveStream(
    studio,
    STREAM,
    liveTargets,
    { s3: new S3Client({}), eventbridge: new EventBridgeClient({}) },
    {
      retention: parseRetention("30d", studio),
      now: () => new Date("2026-11-25T20:00:00Z"),
      onProgress: (p) => progress.push(`${p.phase} ${p.percent}`),
    },
  );
  expect(result).toEqual({
    pipeline_id: "studio_live_feed",
    stream_id: STREAM,
    recording_ids: [STREAM],
    location: `s3://${BUCKET}/archive/${STREAM}/`,
    retention: "30d",
    objects: 4,
    bytes: 1000 + 1001 + 1002 + 1003,
    retagged: 0,
    playback_urls: [`https://d111111abcdef8.cloudfront.net/archive/${STREAM}/pipeline0/index.m3u8`],
    event: { bus: "studio-live-feed-events", event_id: "11710aed-b79e-4468-a20b-bb3c0c3b4860" },
  });
  const copies = s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input);
  expect(copies.map((c) => c.Key).sort()).toEqual(recording.map((k) => k.replace("recordings/", "archive/")).sort());
  for (const c of copies)
    expect(c).toMatchObject({ Bucket: BUCKET, TaggingDirective: "REPLACE", Tagging: "blackwell-retention=30d", MetadataDirective: "COPY" });
  expect(copies.find((c) => c.Key!.endsWith("index.m3u8"))!.CopySource).toBe(`${BUCKET}/recordings/${STREAM}/pipeline0/index.m3u8`);
  const manifest = s3.commandCalls(PutObjectCommand)[0].args[0].input;
  expect(manifest).toMatchObject({
    Bucket: BUCKET,
    Key: `archive/${STREAM}/archive.json`,
    Tagging: "blackwell-retention=30d",
    ContentType: "application/json",
  });
  expect(JSON.parse(manifest.Body as string)).toMatchObject({
    stream_id: STREAM,
    started_at: "2026-11-25T18:00:00Z",
    archived_at: "2026-11-25T20:00:00.000Z",
    retention_days: 30,
    objects: 4,
  });
  const entry = events.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
  expect(entry).toMatchObject({ EventBusName: "studio-live-feed-events", Source: "blackwell.media", DetailType: "archive.created" });
  expect(JSON.parse(entry.Detail!)).toMatchObject({
    pipeline_id: "studio_live_feed",
    stream_id: STREAM,
    retention: "30d",
    location: `s3://${BUCKET}/archive/${STREAM}/`,
  });
  const delivered = {
    version: "0",
    id: "11710aed-b79e-4468-a20b-bb3c0c3b4860",
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: "111122223333",
    time: "2026-11-25T20:00:00Z",
    region: "us-west-2",
    resources: [],
    detail: JSON.parse(entry.Detail!),
  };
  expect(validateAgainstSchema("events", delivered, "archive.created")).toEqual([]);
  expect(delivered.detail.manifest_key).toBe(`archive/${STREAM}/archive.json`);
  expect(progress[progress.length - 1]).toBe("copy 100");
});

test("archiving again changes the retention of what was kept instead of copying it again", async () => {
  const s3 = mockS3(recording.slice(0, 3).map((k) => k.replace("recordings/", "archive/")));
  const result = await archiveStream(studio, STREAM, liveTargets, { s3: new S3Client({}) }, { retention: parseRetention("forever", studio) });
  expect(result.retagged).toBe(3);
  expect(s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input.Key)).toEqual([`archive/${STREAM}/pipeline0/index_1080p_00002.ts`]);
  for (const c of s3.commandCalls(PutObjectTaggingCommand))
    expect(c.args[0].input.Tagging).toEqual({ TagSet: [{ Key: "blackwell-retention", Value: "forever" }] });
  expect(result.event).toBeUndefined(); // no bus client given
});

test("a hybrid pipeline's archived stream becomes VOD renditions: a CreateJob the MediaConvert API model accepts", async () => {
  mockS3();
  const mc = mockClient(MediaConvertClient);
  mc.on(CreateJobCommand).resolves({ Job: { Id: "1764100000000-arch01", Role: "r", Settings: {}, Status: "SUBMITTED" } });
  mc.on(GetJobCommand).resolves({ Job: { Id: "1764100000000-arch01", Role: "r", Settings: {}, Status: "COMPLETE" } });
  const targets = archiveTargetsFromOutputs({
    archive_bucket_name: { value: BUCKET },
    vod_output_bucket: { value: "company-webinars-vod-out-1" },
    mediaconvert_queue_arn: { value: "arn:aws:mediaconvert:us-east-1:111122223333:queues/company-webinars-vod" },
    mediaconvert_role_arn: { value: "arn:aws:iam::111122223333:role/company-webinars-mc-1" },
  });
  const result = await archiveStream(
    webinars,
    STREAM,
    targets,
    { s3: new S3Client({}), mediaconvert: new MediaConvertClient({}) },
    { retention: parseRetention("365d", webinars), transcode: true, pollMs: 1 },
  );
  expect(result.transcode).toEqual({
    job_id: "1764100000000-arch01",
    status: "COMPLETE",
    destination: `s3://company-webinars-vod-out-1/vod/archive/${STREAM}/`,
  });
  const request = mc.commandCalls(CreateJobCommand)[0].args[0].input;
  expect(request.Settings!.Inputs![0].FileInput).toBe(`s3://${BUCKET}/archive/${STREAM}/pipeline0/index.m3u8`);
  expect(request).toMatchObject({
    Queue: targets.vod!.queueArn,
    Role: targets.vod!.roleArn,
    UserMetadata: { pipeline_id: "company-webinars", stream_id: STREAM },
  });
  const findings: Finding[] = [];
  checkAgainstApiModel(
    mediaconvertModel(),
    "CreateJobRequest",
    request,
    "CreateJob",
    "archive-test",
    findings,
    "MEDIACONVERT-API-MODEL",
    "MediaConvert",
    false,
  );
  expect(findings).toEqual([]);
  // The check can fail: a misspelt member and an out-of-range bitrate are reported.
  const broken = JSON.parse(JSON.stringify(request));
  broken.Settings.OutputGroups[0].Outputs[0].VideoDescription.CodecSettings.H264Settings.MaxBitrat = 1;
  broken.Settings.OutputGroups[0].Outputs[0].AudioDescriptions[0].CodecSettings.AacSettings.Bitrate = 1;
  checkAgainstApiModel(mediaconvertModel(), "CreateJobRequest", broken, "CreateJob", "archive-test", findings, "MEDIACONVERT-API-MODEL", "MediaConvert", false);
  expect(findings.map((f) => f.path).join("\n")).toMatch(/MaxBitrat[\s\S]*Bitrate|Bitrate[\s\S]*MaxBitrat/);
});

test("refusals: unknown retention, live-only --transcode, a recording that is not there", async () => {
  expect(() => parseRetention("45d", studio)).toThrow(/7d, 30d, 90d, 365d, 1825d or forever; 45d has no lifecycle rule/);
  expect(() => parseRetention("soon", studio)).toThrow(UserError);
  expect(parseRetention("90", studio)).toEqual({ tag: "90d", days: 90 });
  mockS3();
  await expect(archiveStream(studio, STREAM, liveTargets, { s3: new S3Client({}) }, { retention: { tag: "30d", days: 30 }, transcode: true })).rejects.toThrow(
    /needs a hybrid pipeline/,
  );
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command).resolves({ IsTruncated: false });
  await expect(archiveStream(studio, "20260101T000000", liveTargets, { s3: new S3Client({}) }, { retention: { tag: "30d", days: 30 } })).rejects.toThrow(
    /no recording 20260101T000000 .*may have expired/,
  );
  expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
});

test("the listing shows recordings newest first and what was kept of them, across pages", async () => {
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command, { Prefix: "recordings/", Delimiter: "/" })
    .resolvesOnce({ CommonPrefixes: [{ Prefix: "recordings/20261101T090000/" }], IsTruncated: true, NextContinuationToken: "t2" })
    .resolves({ CommonPrefixes: [{ Prefix: `recordings/${STREAM}/` }], IsTruncated: false });
  s3.on(ListObjectsV2Command, { Prefix: "archive/", Delimiter: "/" }).resolves({
    CommonPrefixes: [{ Prefix: "archive/20261001T120000/" }, { Prefix: "archive/20261101T090000/" }],
    IsTruncated: false,
  });
  // GetObject's Body is a stream with transformToString(); that is all listStreams reads of it.
  const manifest = (id: string, retention: string) => ({
    Body: {
      transformToString: () =>
        Promise.resolve(JSON.stringify({ stream_id: id, retention, archived_at: "2026-11-02T00:00:00.000Z", objects: 10, bytes: 5 * 1024 ** 2 })),
    } as never,
  });
  s3.on(GetObjectCommand, { Key: "archive/20261001T120000/archive.json" }).resolves(manifest("20261001T120000", "forever"));
  s3.on(GetObjectCommand, { Key: "archive/20261101T090000/archive.json" }).resolves(manifest("20261101T090000", "90d"));
  const streams = await listStreams(new S3Client({}), BUCKET);
  expect(streams.map((s) => [s.stream_id, s.recorded, s.archived?.retention ?? "-"])).toEqual([
    [STREAM, true, "-"],
    ["20261101T090000", true, "90d"],
    ["20261001T120000", false, "forever"],
  ]);
});

test("a STANDARD channel whose pipelines started seconds apart is one stream, listed and archived together", async () => {
  const LATER = "20261125T180002"; // pipeline 1 resolved $dt$ two seconds after pipeline 0
  const NEXT = "20261125T200000"; // the next start of the channel
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command, { Prefix: "recordings/", Delimiter: "/" }).resolves({
    CommonPrefixes: [STREAM, LATER, NEXT].map((id) => ({ Prefix: `recordings/${id}/` })),
    IsTruncated: false,
  });
  s3.on(ListObjectsV2Command, { Prefix: "archive/", Delimiter: "/" }).resolves({ IsTruncated: false });
  const objects = (id: string, pipeline: number) => ({
    Contents: ["index.m3u8", "index_1080p.m3u8", "index_1080p_00001.ts"].map((f, i) => ({ Key: `recordings/${id}/pipeline${pipeline}/${f}`, Size: 100 + i })),
    IsTruncated: false,
  });
  s3.on(ListObjectsV2Command, { Prefix: `recordings/${STREAM}/` }).resolves(objects(STREAM, 0));
  s3.on(ListObjectsV2Command, { Prefix: `recordings/${LATER}/` }).resolves(objects(LATER, 1));
  s3.on(ListObjectsV2Command, { Prefix: `archive/${STREAM}/` }).resolves({ IsTruncated: false });
  s3.on(CopyObjectCommand).resolves({});
  s3.on(PutObjectCommand).resolves({});

  const streams = await listStreams(new S3Client({}), BUCKET);
  expect(streams.map((s) => [s.stream_id, s.recording_ids])).toEqual([
    [NEXT, [NEXT]],
    [STREAM, [STREAM, LATER]],
  ]);

  // Either folder's id names the stream; it is kept under the earliest, both pipelines side by side.
  const result = await archiveStream(webinars, LATER, liveTargets, { s3: new S3Client({}) }, { retention: parseRetention("30d", webinars) });
  expect(result).toMatchObject({ stream_id: STREAM, recording_ids: [STREAM, LATER], objects: 6, location: `s3://${BUCKET}/archive/${STREAM}/` });
  expect(result.playback_urls).toEqual([0, 1].map((n) => `https://d111111abcdef8.cloudfront.net/archive/${STREAM}/pipeline${n}/index.m3u8`));
  const copies = s3.commandCalls(CopyObjectCommand).map((c) => [c.args[0].input.CopySource, c.args[0].input.Key]);
  expect(copies).toContainEqual([`${BUCKET}/recordings/${LATER}/pipeline1/index.m3u8`, `archive/${STREAM}/pipeline1/index.m3u8`]);
  expect(copies).toContainEqual([`${BUCKET}/recordings/${STREAM}/pipeline0/index.m3u8`, `archive/${STREAM}/pipeline0/index.m3u8`]);
  expect(JSON.parse(s3.commandCalls(PutObjectCommand)[0].args[0].input.Body as string).recording_ids).toEqual([STREAM, LATER]);

  // Two folders that both hold pipeline 0 are not one stream's two pipelines: refused, nothing copied.
  s3.resetHistory();
  s3.on(ListObjectsV2Command, { Prefix: `recordings/${LATER}/` }).resolves(objects(LATER, 0));
  await expect(archiveStream(webinars, STREAM, liveTargets, { s3: new S3Client({}) }, { retention: parseRetention("30d", webinars) })).rejects.toThrow(
    `recordings ${STREAM} and ${LATER} both hold pipeline0/index.m3u8`,
  );
  expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
});

test("the module gives every retention choice a tag-filtered rule, apart from the recordings' own expiry, and MediaLive a folder per stream", () => {
  const files = renderPipelineModule(webinars).files;
  const archive = JSON.parse(files.get("archive.tf.json")!).resource.aws_s3_bucket_lifecycle_configuration.archive.rule;
  expect(archive.map((r: { id: string }) => r.id)).toEqual([
    "recordings",
    "archived-housekeeping",
    "archived-7d",
    "archived-30d",
    "archived-90d",
    "archived-365d",
    "archived-1825d",
  ]);
  expect(archive[0]).toMatchObject({ filter: [{ prefix: "recordings/" }], expiration: [{ days: 400 }] });
  const thirty = archive.find((r: { id: string }) => r.id === "archived-30d");
  expect(thirty.filter).toEqual([{ and: [{ prefix: "archive/", tags: { "blackwell-retention": "30d" } }] }]);
  expect(thirty.expiration).toEqual([{ days: 30 }]);
  expect(thirty.transition).toBeUndefined(); // STANDARD_IA at 30 days would not come before the expiry
  expect(thirty.abort_incomplete_multipart_upload).toBeUndefined(); // S3 refuses it next to a tag filter
  expect(archive.find((r: { id: string }) => r.id === "archived-365d").transition).toEqual([
    { days: 30, storage_class: "STANDARD_IA" },
    { days: 90, storage_class: "GLACIER_IR" },
  ]);
  const channel = JSON.parse(files.get("medialive.tf.json")!).resource.aws_medialive_channel.main;
  expect(channel.destinations.find((d: { id: string }) => d.id === "archive").settings.map((s: { url: string }) => s.url)).toEqual([
    "s3ssl://${aws_s3_bucket.archive.bucket}/recordings/$dt$/pipeline0/index",
    "s3ssl://${aws_s3_bucket.archive.bucket}/recordings/$dt$/pipeline1/index",
  ]);
  const mcPolicy = JSON.parse(files.get("mediaconvert.tf.json")!).data.aws_iam_policy_document.mediaconvert_permissions.statement;
  expect(mcPolicy.find((s: { sid: string }) => s.sid === "ReadArchivedStreams").resources).toEqual(["${aws_s3_bucket.archive.arn}/archive/*"]);
  const behaviors = JSON.parse(files.get("cloudfront.tf.json")!).resource.aws_cloudfront_distribution.main.ordered_cache_behavior.map(
    (b: { path_pattern: string }) => b.path_pattern,
  );
  expect(behaviors).toEqual(expect.arrayContaining(["/archive/*.m3u8", "/archive/*"]));
});

test("the command refuses bad input before reading outputs or calling AWS", () => {
  const dir = ["--dir", projectPath("examples"), "--work-dir", "/nonexistent/never-created"];
  const cases: Array<[string[], RegExp]> = [
    [["media", "archive", "2026-11-25", "--pipeline", "studio_live_feed", ...dir], /stream ids are the channel's start time/],
    [["media", "archive", STREAM, "--pipeline", "studio_live_feed", ...dir], /give --retention/],
    [["media", "archive", STREAM, "--pipeline", "studio_live_feed", "--retention", "45d", ...dir], /45d has no lifecycle rule/],
    [["media", "archive", STREAM, "--pipeline", "studio_live_feed", "--retention", "30d", "--transcode", ...dir], /needs a hybrid pipeline/],
    [["media", "archive", "--pipeline", "vod-library", ...dir], /no s3_archive output/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 1, stderr: expect.stringMatching(message) });
  }
});

test("retention choices are an s3_archive setting, refused elsewhere with the JSON path", () => {
  const definition = {
    pipeline_id: "choices_test",
    pipeline_type: "live_stream",
    sources: ["rtmp"],
    transcode_profiles: ["720p"],
    region: "us-east-1",
    tier: "development",
    outputs: [
      { type: "cloudfront", archive_retention_choices_days: [30] },
      { type: "s3_archive", archive_retention_choices_days: [14, 60] },
    ],
  };
  const problems = errorsOnly(checkPipelineDocument(definition, "choices.json"));
  expect(problems.map((p) => [p.path, p.message])).toEqual([["$.outputs[0]", "retention, transition and archive retention choices apply to s3_archive only"]]);
  const ok = { ...definition, outputs: [definition.outputs[1]] };
  expect(errorsOnly(checkPipelineDocument(ok, "choices.json"))).toEqual([]);
  expect(resolvePipeline(ok as never, loadCatalog()).outputs[0].archive_retention_choices_days).toEqual([14, 60]);
});
