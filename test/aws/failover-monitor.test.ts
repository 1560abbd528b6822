/**
 * stream monitor and status of a pipeline with a failover region (two-region-live): each channel is read with the
 * MediaLive and CloudWatch clients of its own region (aws-sdk-client-mock answers by the client's region, with
 * recorded response shapes), CloudFront once from us-east-1, both channels side by side in the text view (within 100
 * columns) and in the JSON document, the hourly cost split per region; a region that cannot be read (AccessDenied)
 * is its own line while the other still shows, and `monitor --once` then exits 1.
 */
import { mockClient } from "aws-sdk-client-mock";
import { DescribeChannelCommand, ForbiddenException, ListAlertsCommand, MediaLiveClient } from "@aws-sdk/client-medialive";
import { CloudWatchClient, GetMetricDataCommand, GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { channelTargets, formatPipelineSnapshot, takePipelineSnapshot, type ChannelTargets } from "../../src/aws/monitor";
import { pipelineChannels } from "../../src/aws/pipeline-channels";
import { projectPath } from "../../src/core/project-paths";
import { monitorCommand } from "../../src/cli/commands/stream";

const NOW = new Date("2026-11-25T19:02:30Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const OUTPUTS = {
  channel_id: { value: "1234567" },
  mediapackage_channel_group: { value: "two-region-live" },
  mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/two-region-live/channel/live" },
  failover_region: { value: "us-west-2" },
  failover_channel_id: { value: "7654321" },
  failover_mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-west-2:111122223333:channelGroup/two-region-live/channel/live" },
  cloudfront_distribution_id: { value: "E2QWRUHAPOMQZL" },
};
const CHANNEL_OF: Record<string, string> = { "us-east-1": "1234567", "us-west-2": "7654321" };
const channels = pipelineChannels({ pipeline_id: "two-region-live", region: "us-east-1", failover_region: "us-west-2" }, OUTPUTS);
const targets = channelTargets(channels, OUTPUTS, "two-region-live", "SINGLE_PIPELINE", { per_hour_usd: 5, failover_per_hour: { usd: 2, complete: true } });

const ml = mockClient(MediaLiveClient);
const cw = mockClient(CloudWatchClient);
afterEach(() => {
  ml.reset();
  cw.reset();
});
afterAll(() => {
  ml.restore();
  cw.restore();
});

/** Every AWS call as `<service> <region> <detail>`. */
let calls: string[];
/** Regions whose MediaLive denies DescribeChannel. */
function record(deniedIn: string[] = []) {
  calls = [];
  ml.on(DescribeChannelCommand).callsFake(async (input: { ChannelId: string }, getClient: () => MediaLiveClient) => {
    const region = await getClient().config.region();
    calls.push(`medialive ${region} ${input.ChannelId}`);
    if (deniedIn.includes(region))
      throw new ForbiddenException({
        message: "User: arn:aws:iam::111122223333:user/ops is not authorized to perform: medialive:DescribeChannel",
        $metadata: { httpStatusCode: 403 },
      });
    if (input.ChannelId !== CHANNEL_OF[region]) throw new Error(`test bug: channel ${input.ChannelId} asked of ${region}`);
    return { Id: input.ChannelId, State: "RUNNING", PipelinesRunningCount: 1, ChannelClass: "SINGLE_PIPELINE" };
  });
  ml.on(ListAlertsCommand).callsFake(async (_input: { ChannelId: string }, getClient: () => MediaLiveClient) => {
    const region = await getClient().config.region();
    return region === "us-west-2"
      ? { Alerts: [{ AlertType: "Video Not Detected", Message: "No video frames on input rtmp", PipelineId: "0", SetTimestamp: minutesAgo(2), State: "SET" }] }
      : { Alerts: [] };
  });
  cw.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput, getClient: () => CloudWatchClient) => {
    const region = await getClient().config.region();
    const queries = input.MetricDataQueries!;
    calls.push(`cloudwatch ${region} ${queries.map((q) => q.Id).join(",")} ${JSON.stringify(queries).match(/"Value":"([^"]+)"/)?.[1] ?? ""}`);
    return {
      MetricDataResults: queries.map((q) => ({
        Id: q.Id,
        StatusCode: "Complete",
        // Up for the last 30 minutes (primary) or 10 (failover); fps differs per region so the rows can be told apart.
        Timestamps: Array.from({ length: q.Id === "up" ? (region === "us-east-1" ? 31 : 11) : 1 }, (_, i) => minutesAgo(i)),
        Values: Array(q.Id === "up" ? (region === "us-east-1" ? 31 : 11) : 1).fill(q.Id === "fps0" ? (region === "us-east-1" ? 29.97 : 25) : 1000),
      })),
    };
  });
}
const clientsFor = (region: string) => ({
  medialive: new MediaLiveClient({ region, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" } }),
  cloudwatch: new CloudWatchClient({ region, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" } }),
  cloudwatchGlobal: new CloudWatchClient({ region: "us-east-1", credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" } }),
});

test("each channel is watched in its region with its own MediaPackage v2 channel; CloudFront with the primary only; cost split", () => {
  expect(targets.map((t: ChannelTargets) => [t.role, t.region, t.channelId, t.mediapackage?.channelGroup, !!t.cloudfrontDistributionId, t.perHourUsd])).toEqual(
    [
      ["primary", "us-east-1", "1234567", "two-region-live", true, 3],
      ["failover", "us-west-2", "7654321", "two-region-live", false, 2],
    ],
  );
  // Hours of the failover channel without a price: its cost is unknown, not zero.
  const unpriced = channelTargets(channels, OUTPUTS, "two-region-live", "SINGLE_PIPELINE", {
    per_hour_usd: 5,
    failover_per_hour: { usd: 0.1, complete: false },
  });
  expect(unpriced.map((t) => t.perHourUsd)).toEqual([4.9, null]);
});

test("both channels side by side: each region's clients asked about their own channel, text and JSON", async () => {
  record();
  const s = await takePipelineSnapshot(targets, clientsFor, NOW);
  expect(calls.filter((c) => c.startsWith("medialive")).sort()).toEqual(["medialive us-east-1 1234567", "medialive us-west-2 7654321"]);
  // The regional queries of each channel go to its region's CloudWatch and name its channel; CloudFront's go to us-east-1 once.
  expect(calls.filter((c) => c.startsWith("cloudwatch us-west-2 fps0"))).toEqual(["cloudwatch us-west-2 fps0,net0,alerts0,err0,mpin,mpout 7654321"]);
  expect(calls.filter((c) => c.startsWith("cloudwatch us-east-1 fps0"))).toEqual(["cloudwatch us-east-1 fps0,net0,alerts0,err0,mpin,mpout 1234567"]);
  expect(calls.filter((c) => c.includes("cfreq"))).toEqual(["cloudwatch us-east-1 cfreq,cfbytes E2QWRUHAPOMQZL"]);
  expect(s.channels.map((c) => [c.role, c.region, c.channel_id, c.state, c.running_seconds, c.pipelines[0].input_fps, !!c.cloudfront])).toEqual([
    ["primary", "us-east-1", "1234567", "RUNNING", 30 * 60, 29.97, true],
    ["failover", "us-west-2", "7654321", "RUNNING", 10 * 60, 25, false],
  ]);
  // 30 min at $3/h and 10 min at $2/h; the failover's set alert makes the pipeline alarm.
  expect(s.cost_so_far_usd).toBeCloseTo(1.5 + 2 / 6, 9);
  expect(s.alarm).toBe(true);
  const lines = formatPipelineSnapshot(s);
  expect(lines.every((l) => l.length <= 100)).toBe(true);
  expect(lines).toContain("primary us-east-1   1234567     RUNNING (1/1 running)     30m 00s   $1.50");
  expect(lines).toContain("failover us-west-2  7654321     RUNNING (1/1 running)     10m 00s   $0.33");
  expect(lines).toContain("us-east-1   0         29.97       1000.0 Mb/s   1000    1000");
  expect(lines).toContain("us-west-2   0         25.00       1000.0 Mb/s   1000    1000");
  expect(lines).toContain("  [us-west-2 0] Video Not Detected since 19:00: No video frames on input rtmp");
  expect(lines.filter((l) => l.startsWith("MediaPackage "))).toEqual([
    "MediaPackage us-east-1 (5 min): in 1.0 KB, out 1.0 KB",
    "MediaPackage us-west-2 (5 min): in 1.0 KB, out 1.0 KB",
  ]);
  expect(lines.filter((l) => l.startsWith("viewers via CloudFront"))).toHaveLength(1);
});

test("one region denied: that channel is UNKNOWN with its line, the other shows; both denied is the command's failure", async () => {
  record(["us-west-2"]);
  const s = await takePipelineSnapshot(targets, clientsFor, NOW);
  expect(s.channels[0]).toMatchObject({ role: "primary", state: "RUNNING", pipelines: [{ input_fps: 29.97 }] });
  expect(s.channels[1]).toMatchObject({ role: "failover", region: "us-west-2", state: "UNKNOWN", alarm: true });
  expect(s.alarm).toBe(true);
  expect(s.cost_so_far_usd).toBeNull();
  expect(formatPipelineSnapshot(s)).toContainEqual(
    expect.stringMatching(/^unavailable: failover us-west-2 channel: AWS denied the request \(ForbiddenException\): User: arn/),
  );
  record(["us-east-1", "us-west-2"]);
  await expect(takePipelineSnapshot(targets, clientsFor, NOW)).rejects.toThrow(ForbiddenException);
});

test("stream monitor --once --json of the two-region example: one document with both channels; a region denied exits 1", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-failover-monitor-"));
  const outputsFile = path.join(dir, "outputs.json");
  fs.writeFileSync(outputsFile, JSON.stringify(OUTPUTS));
  let out = "";
  jest.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  process.exitCode = undefined;
  // The command builds its own clients per region (monitorClients); these are their test credentials.
  process.env.AWS_ACCESS_KEY_ID = "AKIAEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "x";
  try {
    record(["us-west-2"]);
    const args = {
      _: [],
      $0: "blackwell",
      pipeline: "two-region-live",
      dir: projectPath("examples"),
      "outputs-file": outputsFile,
      interval: 10,
      once: true,
      json: true,
      "fail-on-alert": false,
    };
    await monitorCommand.handler(args as never);
    expect(process.exitCode).toBe(1);
    const doc = JSON.parse(out.trim());
    expect(doc).toMatchObject({
      pipeline_id: "two-region-live",
      alarm: true,
      channels: [
        { role: "primary", state: "RUNNING" },
        { role: "failover", region: "us-west-2", state: "UNKNOWN" },
      ],
    });
    expect(calls).toContain("medialive us-west-2 7654321");
  } finally {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  }
});
