/**
 * stream monitor's snapshot on recorded MediaLive and CloudWatch responses (aws-sdk-client-mock): the
 * metric queries name what AWS documents (AWS/MediaLive ChannelId+Pipeline, AWS/MediaPackage ChannelGroup+
 * Channel, AWS/CloudFront DistributionId+Region=Global from us-east-1), the text view (within 100 columns)
 * and the JSON document, the alarm condition, the running time from ActiveAlerts datapoints, and a part
 * that cannot be read (AccessDenied on CloudWatch) becoming a line instead of a failure.
 */
import { mockClient } from "aws-sdk-client-mock";
import { DescribeChannelCommand, ListAlertsCommand, MediaLiveClient } from "@aws-sdk/client-medialive";
import { CloudWatchClient, GetMetricDataCommand, GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { formatSnapshot, healthLine, metricQueries, monitorTargetsFromOutputs, runningSince, takeSnapshot } from "../../src/aws/monitor";

const NOW = new Date("2026-11-25T19:02:30Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const outputs = {
  channel_id: { value: "1234567" },
  mediapackage_channel_group: { value: "studio-live-feed" },
  mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/studio-live-feed/channel/studio-live-feed-live" },
  cloudfront_distribution_id: { value: "E2QWRUHAPOMQZL" },
};
const targets = monitorTargetsFromOutputs(outputs, "studio_live_feed", "STANDARD", 3.6);

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

/** Recorded GetMetricData answers, newest first, keyed by query id. */
const series: Record<string, number[]> = {
  fps0: [29.97, 29.97],
  fps1: [29.97, 30],
  net0: [5.21, 5.3],
  net1: [5.18],
  alerts0: [1, 0],
  alerts1: [0],
  err0: [0, 0],
  err1: [0],
  mpin: [150_000_000, 151_000_000, 149_000_000, 150_000_000, 150_500_000],
  mpout: [420_000_000, 400_000_000],
  cfreq: [6200, 6100, 6000],
  cfbytes: [1_900_000_000, 1_800_000_000],
};
function recordCloudWatch() {
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const ids = input.MetricDataQueries!.map((q) => q.Id!);
    if (ids.length === 1 && ids[0] === "up")
      // Datapoints every minute for the last 62 minutes; an earlier run 3 hours ago is not this run.
      return {
        MetricDataResults: [
          {
            Id: "up",
            StatusCode: "Complete",
            Timestamps: [...Array.from({ length: 63 }, (_, i) => minutesAgo(i)), minutesAgo(180), minutesAgo(181)],
            Values: Array(65).fill(0),
          },
        ],
      };
    return {
      MetricDataResults: ids.map((Id) => ({
        Id,
        StatusCode: "Complete",
        Timestamps: (series[Id] ?? []).map((_, i) => minutesAgo(i + 1)),
        Values: series[Id] ?? [],
      })),
    };
  });
}

test("the queries use the documented namespaces, metric names and dimensions", () => {
  const { regional, global } = metricQueries(targets);
  const metric = (id: string, qs = regional) => qs.find((q) => q.Id === id)!.MetricStat!;
  expect(metric("fps1")).toEqual({
    Metric: {
      Namespace: "AWS/MediaLive",
      MetricName: "InputVideoFrameRate",
      Dimensions: [
        { Name: "ChannelId", Value: "1234567" },
        { Name: "Pipeline", Value: "1" },
      ],
    },
    Period: 60,
    Stat: "Average",
  });
  expect(metric("net0").Metric!.MetricName).toBe("NetworkIn");
  expect(metric("alerts0")).toMatchObject({ Metric: { MetricName: "ActiveAlerts" }, Stat: "Maximum" });
  expect(regional.find((q) => q.Id === "err0")!.Expression).toBe(
    `SUM(SEARCH('{AWS/MediaLive,ChannelId,OutputGroupName,Pipeline} ChannelId="1234567" Pipeline="0" (MetricName="Output4xxErrors" OR MetricName="Output5xxErrors")', 'Sum', 60))`,
  );
  expect(metric("mpin")).toEqual({
    Metric: {
      Namespace: "AWS/MediaPackage",
      MetricName: "IngressBytes",
      Dimensions: [
        { Name: "ChannelGroup", Value: "studio-live-feed" },
        { Name: "Channel", Value: "studio-live-feed-live" },
      ],
    },
    Period: 60,
    Stat: "Sum",
  });
  expect(metric("mpout").Metric!.MetricName).toBe("EgressBytes");
  expect(metric("cfreq", global)).toEqual({
    Metric: {
      Namespace: "AWS/CloudFront",
      MetricName: "Requests",
      Dimensions: [
        { Name: "DistributionId", Value: "E2QWRUHAPOMQZL" },
        { Name: "Region", Value: "Global" },
      ],
    },
    Period: 60,
    Stat: "Sum",
  });
  expect(metric("cfbytes", global).Metric!.MetricName).toBe("BytesDownloaded");
  // A single-pipeline channel is asked about pipeline 0 only; a module without CloudFront asks nothing global.
  const single = metricQueries(monitorTargetsFromOutputs({ channel_id: { value: "9" } }, "x", "SINGLE_PIPELINE", 1));
  expect(single.regional.map((q) => q.Id)).toEqual(["fps0", "net0", "alerts0", "err0"]);
  expect(single.global).toEqual([]);
});

test("a running channel with a set alert: text view, JSON document and alarm", async () => {
  ml.on(DescribeChannelCommand).resolves({ Id: "1234567", State: "RUNNING", PipelinesRunningCount: 2, ChannelClass: "STANDARD" });
  ml.on(ListAlertsCommand, { ChannelId: "1234567", StateFilter: "SET" }).resolves({
    Alerts: [
      {
        AlertType: "Video Not Detected",
        Message:
          "No video frames were detected on the input 'studio-link' for pipeline 0; check the camera and the AWS Elemental Link device, which lost its SDI signal at the venue",
        PipelineId: "0",
        SetTimestamp: minutesAgo(3),
        State: "SET",
        Id: "a1",
      },
    ],
  });
  recordCloudWatch();
  const regional = new CloudWatchClient({ region: "us-east-1" });
  const s = await takeSnapshot(targets, { medialive: new MediaLiveClient({ region: "us-east-1" }), cloudwatch: regional, cloudwatchGlobal: regional }, NOW);
  expect(s).toEqual({
    at: "2026-11-25T19:02:30.000Z",
    pipeline_id: "studio_live_feed",
    channel_id: "1234567",
    state: "RUNNING",
    pipelines_running: 2,
    pipelines: [
      { pipeline: 0, input_fps: 29.97, network_in_mbps: 5.21, active_alerts: 1, output_errors: 0 },
      { pipeline: 1, input_fps: 29.97, network_in_mbps: 5.18, active_alerts: 0, output_errors: 0 },
    ],
    alerts: [
      { pipeline: "0", type: "Video Not Detected", message: expect.stringMatching(/^No video frames were detected/), set_at: "2026-11-25T18:59:30.000Z" },
    ],
    mediapackage: { ingress_bytes: 750_500_000, egress_bytes: 820_000_000 },
    cloudfront: { requests: 18300, bytes_downloaded: 3_700_000_000 },
    window_minutes: 5,
    running_since: "2026-11-25T18:00:30.000Z",
    running_seconds: 3720,
    cost_so_far_usd: expect.closeTo(3.72, 10),
    unavailable: [],
    alarm: true,
  });
  expect(formatSnapshot(s)).toEqual([
    "studio_live_feed  channel 1234567  RUNNING (2/2 running)  up 1h 02m  cost so far $3.72",
    "at 19:02:30 UTC  ALARM",
    "",
    "PIPELINE  INPUT FPS   NETWORK IN    ALERTS  OUTPUT ERRORS (5 min)",
    "0         29.97       5.2 Mb/s      1       0",
    "1         29.97       5.2 Mb/s      0       0",
    "",
    "alerts (1):",
    "  [0] Video Not Detected since 18:59: No video frames were detected on the input 'studio-link' fo...",
    "MediaPackage (5 min): in 750.5 MB, out 820.0 MB",
    "viewers via CloudFront (5 min): 18300 requests, 3.7 GB",
  ]);
  expect(formatSnapshot(s).every((l) => l.length <= 100)).toBe(true);
  expect(formatSnapshot(s, 60).every((l) => l.length <= 60)).toBe(true);
  expect(healthLine(s)).toBe(
    "RUNNING, 2/2 pipelines running, input 29.97/29.97 fps, 1 alert (Video Not Detected), up 1h 02m; viewers via CloudFront (5 min): 18300 requests, 3.7 GB",
  );
  // Without a CDN there is no viewer proxy, and a CloudFront read that failed shows as unknown, not zero.
  expect(healthLine({ ...s, cloudfront: undefined })).not.toMatch(/viewers/);
  expect(healthLine({ ...s, cloudfront: { requests: null, bytes_downloaded: null } })).toMatch(/viewers via CloudFront \(5 min\): - requests, -$/);
  // The CloudFront query went to the client given for us-east-1 with the 5-minute window.
  const windows = cw
    .commandCalls(GetMetricDataCommand)
    .map((c) => c.args[0].input)
    .filter((i) => i.MetricDataQueries!.some((q) => q.Id === "cfreq"));
  expect(windows).toHaveLength(1);
  expect(windows[0]).toMatchObject({ StartTime: minutesAgo(5), EndTime: NOW, ScanBy: "TimestampDescending" });
});

test("an idle channel without alerts: no alarm, nothing running, no cost, metrics left empty", async () => {
  ml.on(DescribeChannelCommand).resolves({ Id: "1234567", State: "IDLE", PipelinesRunningCount: 0 });
  ml.on(ListAlertsCommand).resolves({ Alerts: [] });
  cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  const c = new CloudWatchClient({ region: "us-east-1" });
  const s = await takeSnapshot(targets, { medialive: new MediaLiveClient({ region: "us-east-1" }), cloudwatch: c, cloudwatchGlobal: c }, NOW);
  expect(s).toMatchObject({ state: "IDLE", alarm: false, running_seconds: 0, cost_so_far_usd: 0, alerts: [], unavailable: [] });
  expect(formatSnapshot(s).slice(0, 5)).toEqual([
    "studio_live_feed  channel 1234567  IDLE (0/2 running)  up 0m 00s  cost so far $0.00",
    "at 19:02:30 UTC",
    "",
    "PIPELINE  INPUT FPS   NETWORK IN    ALERTS  OUTPUT ERRORS (5 min)",
    "0         -           -             -       -",
  ]);
  // No uptime query for a channel that is not running.
  expect(cw.commandCalls(GetMetricDataCommand).some((c) => c.args[0].input.MetricDataQueries!.some((q) => q.Id === "up"))).toBe(false);
});

test("CloudWatch AccessDenied is a line in the snapshot; the channel state and alerts still show", async () => {
  ml.on(DescribeChannelCommand).resolves({ Id: "1234567", State: "RUNNING", PipelinesRunningCount: 2 });
  ml.on(ListAlertsCommand).resolves({ Alerts: [] });
  cw.on(GetMetricDataCommand).rejects(
    Object.assign(new Error("User is not authorized to perform: cloudwatch:GetMetricData"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }),
  );
  const c = new CloudWatchClient({ region: "us-east-1" });
  const s = await takeSnapshot(targets, { medialive: new MediaLiveClient({ region: "us-east-1" }), cloudwatch: c, cloudwatchGlobal: c }, NOW);
  expect(s.state).toBe("RUNNING");
  expect(s.running_seconds).toBeNull();
  expect(s.unavailable).toEqual([
    expect.stringMatching(/^CloudWatch metrics: AWS denied the request \(AccessDenied\): User is not authorized to perform: cloudwatch:GetMetricData/),
    expect.stringMatching(/^CloudFront metrics: AWS denied/),
    expect.stringMatching(/^running time: AWS denied/),
  ]);
  expect(formatSnapshot(s)[0]).toBe("studio_live_feed  channel 1234567  RUNNING (2/2 running)  up ?  cost so far ?");
  expect(formatSnapshot(s).filter((l) => l.startsWith("unavailable: "))).toHaveLength(3);
  expect(formatSnapshot(s).every((l) => l.length <= 100)).toBe(true);
});

test("a channel that cannot be described fails the snapshot (the caller prints the one line)", async () => {
  ml.on(DescribeChannelCommand).rejects(
    Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException", $metadata: { httpStatusCode: 403 } }),
  );
  const c = new CloudWatchClient({ region: "us-east-1" });
  await expect(
    takeSnapshot(targets, { medialive: new MediaLiveClient({ region: "us-east-1" }), cloudwatch: c, cloudwatchGlobal: c }, NOW),
  ).rejects.toMatchObject({ name: "ExpiredTokenException" });
});

test("running since: the unbroken run of minutes that reaches the newest datapoint", () => {
  expect(runningSince([minutesAgo(0), minutesAgo(1), minutesAgo(2), minutesAgo(10)])).toEqual(minutesAgo(2));
  expect(runningSince([minutesAgo(3), minutesAgo(1)])).toEqual(minutesAgo(3));
  expect(runningSince([])).toBeUndefined();
});
