/**
 * blackwell media clip: the CreateHarvestJob request (endpoint, window, destination under archive/<clip-id>/,
 * idempotency token), waiting through QUEUED/IN_PROGRESS to COMPLETED with progress (injected clock, no real
 * waiting), counting what landed, and archive.created on the bus validating against schemas/events.schema.json;
 * FAILED jobs, windows MediaPackage no longer holds, and AccessDenied as one line. MediaPackage v2, S3 and
 * EventBridge mocked with API-shaped responses.
 */
import { mockClient } from "aws-sdk-client-mock";
import * as mediapackagev2 from "@aws-sdk/client-mediapackagev2";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { clipTargetsFromOutputs, clipWindow, harvestClip } from "../../src/aws/clip";
import { awsFailureLine } from "../../src/aws/errors";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { validateAgainstDefinition } from "../../src/core/schema-validation";
import { planClips } from "../../src/plans/clips";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

// The MediaPackage v2 client available on npm here (3.699.0) is older than the other clients; its smithy types differ
// from the ones aws-sdk-client-mock is typed with, though client and commands have the same runtime shape. Typed as
// the mock expects (a MediaLive client's shape) so the test stays type-checked everywhere else.
type MockableCommand = typeof import("@aws-sdk/client-medialive").DescribeChannelCommand;
const MediaPackageV2Client = mediapackagev2.MediaPackageV2Client;
const CreateHarvestJobCommand = mediapackagev2.CreateHarvestJobCommand as unknown as MockableCommand;
const GetHarvestJobCommand = mediapackagev2.GetHarvestJobCommand as unknown as MockableCommand;
const { AccessDeniedException } = mediapackagev2;
const mp = mockClient(MediaPackageV2Client as unknown as typeof import("@aws-sdk/client-medialive").MediaLiveClient);
const s3 = mockClient(S3Client);
const eb = mockClient(EventBridgeClient);
afterEach(() => [mp, s3, eb].forEach((m) => m.reset()));
afterAll(() => [mp, s3, eb].forEach((m) => m.restore()));

const def: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
  clips: {},
};
const plan = planClips(resolvePipeline(def, loadCatalog()))!;
const targets = clipTargetsFromOutputs({
  archive_bucket_name: { value: "ads-live-archive-123" },
  event_bus_name: { value: "ads-live-events" },
  archived_streams_base_url: { value: "https://d111111abcdef8.cloudfront.net/archive/" },
  mediapackage_channel_group: { value: "ads-live" },
  mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/ads-live/channel/live" },
});
const NOW = new Date("2026-12-01T20:10:00Z");
const window = clipWindow("2026-12-01T20:00:00Z", "2026-12-01T20:05:00Z", plan, NOW);
const clients = () => ({
  mediapackage: new MediaPackageV2Client({ region: "us-east-1" }),
  s3: new S3Client({ region: "us-east-1" }),
  eventbridge: new EventBridgeClient({ region: "us-east-1" }),
});

function run(extra: { wait?: boolean; timeoutMs?: number; format?: string } = {}) {
  let t = 0;
  const seen: string[] = [];
  const promise = harvestClip(plan, targets, window, clients(), {
    pipelineId: "ads-live",
    clientId: "acme",
    format: extra.format,
    wait: extra.wait ?? true,
    timeoutMs: extra.timeoutMs ?? 600_000,
    pollMs: 10_000,
    sleep: (ms) => Promise.resolve(void (t += ms)),
    now: () => t,
    onProgress: (p) => seen.push(`${p.status}@${p.elapsedMs / 1000}`),
  });
  return { promise, seen };
}

/** GetHarvestJob answers these statuses in turn (the last one repeats). */
function statuses(...seq: string[]) {
  mp.on(CreateHarvestJobCommand).resolves({ HarvestJobName: "clip-20261201T200000-hls", Status: "QUEUED" } as never);
  let g = mp.on(GetHarvestJobCommand);
  for (const s of seq.slice(0, -1)) g = g.resolvesOnce({ Status: s } as never);
  g.resolves({ Status: seq[seq.length - 1], ErrorMessage: seq[seq.length - 1] === "FAILED" ? "No content in the requested window" : undefined } as never);
}

test("the harvest job: HLS endpoint, the window, archive/<clip-id>/ of the archive bucket, one idempotency token per clip", async () => {
  statuses("COMPLETED");
  s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
  eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
  await run().promise;
  expect(mp.commandCalls(CreateHarvestJobCommand).map((c) => c.args[0].input as unknown)).toEqual([
    {
      ChannelGroupName: "ads-live",
      ChannelName: "live",
      OriginEndpointName: "hls",
      HarvestJobName: "clip-20261201T200000-hls",
      ClientToken: "clip-20261201T200000-hls",
      Description: "Clip of ads-live from 2026-12-01T20:00:00.000Z to 2026-12-01T20:05:00.000Z (blackwell media clip)",
      HarvestedManifests: { HlsManifests: [{ ManifestName: "index" }] },
      ScheduleConfiguration: { StartTime: new Date("2026-12-01T20:00:00Z"), EndTime: new Date("2026-12-01T20:05:00Z") },
      Destination: { S3Destination: { BucketName: "ads-live-archive-123", DestinationPath: "archive/20261201T200000/" } },
    },
  ]);
});

test("waits with progress to COMPLETED, counts the objects, plays the top manifest, announces a schema-valid archive.created", async () => {
  statuses("QUEUED", "IN_PROGRESS", "COMPLETED");
  s3.on(ListObjectsV2Command)
    .resolvesOnce({
      IsTruncated: true,
      NextContinuationToken: "p2",
      Contents: [
        { Key: "archive/20261201T200000/index/index_1.m3u8", Size: 400 },
        { Key: "archive/20261201T200000/index.m3u8", Size: 300 },
      ],
    })
    .resolves({ IsTruncated: false, Contents: [{ Key: "archive/20261201T200000/index/segment_1.ts", Size: 1_000_000 }] });
  eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
  const { promise, seen } = run();
  const r = await promise;
  expect(seen).toEqual(["QUEUED@0", "QUEUED@10", "IN_PROGRESS@20", "COMPLETED@30"]);
  expect(r).toMatchObject({
    clip_id: "20261201T200000",
    status: "COMPLETED",
    location: "s3://ads-live-archive-123/archive/20261201T200000/",
    objects: 3,
    bytes: 1_000_700,
    playback_urls: ["https://d111111abcdef8.cloudfront.net/archive/20261201T200000/index.m3u8"],
    event: { bus: "ads-live-events", event_id: "e-1" },
  });
  const entry = eb.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
  expect(entry).toMatchObject({ EventBusName: "ads-live-events", Source: "blackwell.media", DetailType: "archive.created" });
  const detail = JSON.parse(entry.Detail!);
  expect(validateAgainstDefinition("events", "ArchiveCreatedDetail", detail, "detail")).toEqual([]);
  expect(detail).toMatchObject({
    pipeline_id: "ads-live",
    client_id: "acme",
    stream_id: "20261201T200000",
    retention: "forever",
    started_at: "2026-12-01T20:00:00.000Z",
  });
});

test("a FAILED job is reported with MediaPackage's reason, and nothing is announced", async () => {
  statuses("IN_PROGRESS", "FAILED");
  const r = await run().promise;
  expect(r).toMatchObject({ status: "FAILED", error_message: "No content in the requested window" });
  expect(eb.commandCalls(PutEventsCommand)).toHaveLength(0);
});

test("--no-wait returns once queued; --format dash harvests the DASH endpoint's manifest", async () => {
  statuses("QUEUED");
  expect((await run({ wait: false }).promise).status).toBe("QUEUED");
  expect(mp.commandCalls(GetHarvestJobCommand)).toHaveLength(0);
  await run({ wait: false, format: "dash" }).promise;
  expect(mp.commandCalls(CreateHarvestJobCommand)[1].args[0].input as unknown).toMatchObject({
    OriginEndpointName: "dash",
    HarvestedManifests: { DashManifests: [{ ManifestName: "index" }] },
  });
});

test("windows MediaPackage cannot harvest are refused before any call: older than the start-over window, in the future, reversed, no zone", () => {
  expect(plan.startoverWindowSeconds).toBe(1800);
  expect(() => clipWindow("2026-12-01T19:30:00Z", "2026-12-01T19:45:00Z", plan, NOW)).toThrow(/older than the start-over window of 30 minutes/);
  expect(() => clipWindow("2026-12-01T20:05:00Z", "2026-12-01T20:15:00Z", plan, NOW)).toThrow(/is in the future/);
  expect(() => clipWindow("2026-12-01T20:05:00Z", "2026-12-01T20:01:00Z", plan, NOW)).toThrow(/must be after --from/);
  expect(() => clipWindow("2026-12-01T20:00:00", "2026-12-01T20:05:00Z", plan, NOW)).toThrow(/--from takes an ISO 8601 time with its zone/);
});

test("AccessDenied on CreateHarvestJob is one line; a pipeline without clips has no clip plan", async () => {
  mp.on(CreateHarvestJobCommand).rejects(
    new AccessDeniedException({ message: "User is not authorized to perform: mediapackagev2:CreateHarvestJob", $metadata: { httpStatusCode: 403 } }),
  );
  const e = await run().promise.catch((err: unknown) => err);
  expect(awsFailureLine(e)).toMatch(
    /^AWS denied the request \(AccessDeniedException\): User is not authorized to perform: mediapackagev2:CreateHarvestJob\. Ask/,
  );
  expect(planClips(resolvePipeline({ ...def, clips: undefined }, loadCatalog()))).toBeUndefined();
});
