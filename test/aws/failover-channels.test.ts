/**
 * stream start/stop of a pipeline with a failover region (two-region-live): the channels come from the applied
 * outputs (channel_id in the pipeline's region, failover_channel_id in failover_region), both are acted on at once
 * with a MediaLive client of each one's own region (aws-sdk-client-mock answers by the client's region), --region
 * picks one, and one region failing (AccessDenied, throttling) while the other succeeds gives a line per channel and
 * exit 1, as text and as JSON.
 */
import { mockClient } from "aws-sdk-client-mock";
import {
  DescribeChannelCommand,
  ForbiddenException,
  MediaLiveClient,
  StartChannelCommand,
  StopChannelCommand,
  TooManyRequestsException,
} from "@aws-sdk/client-medialive";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { controlChannels, outcomeLine } from "../../src/aws/channel-control";
import { chooseChannels, pipelineChannels } from "../../src/aws/pipeline-channels";
import { findPipeline } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { startCommand, stopCommand } from "../../src/cli/commands/stream";

const PRIMARY = "1234567";
const FAILOVER = "7654321";
/** The shape `terraform output -json` gives for the two-region-live module's channel outputs. */
const OUTPUTS = {
  channel_id: { value: PRIMARY },
  mediapackage_channel_group: { value: "two-region-live" },
  mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/two-region-live/channel/live" },
  failover_region: { value: "us-west-2" },
  failover_channel_id: { value: FAILOVER },
  failover_mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-west-2:111122223333:channelGroup/two-region-live/channel/live" },
  cloudfront_distribution_id: { value: "E2QWRUHAPOMQZL" },
};
const pipeline = { pipeline_id: "two-region-live", region: "us-east-1", failover_region: "us-west-2" };

const ml = mockClient(MediaLiveClient);
afterEach(() => ml.reset());
afterAll(() => ml.restore());

/** Per region: the channel MediaLive holds there and its state, or the error every call there fails with. */
type Region = { channel: string; state: string } | { error: Error };
/** Every call as `<region> <command> <channel>`, so a test sees which region's client sent what. */
let calls: string[];
function regions(byRegion: Record<string, Region>) {
  calls = [];
  const answer = (command: string) => async (input: { ChannelId?: string }, getClient: () => MediaLiveClient) => {
    const region = await getClient().config.region();
    calls.push(`${region} ${command} ${input.ChannelId}`);
    const r = byRegion[region];
    if (!r) throw new Error(`test bug: a MediaLive call in ${region}`);
    if ("error" in r) throw r.error;
    if (input.ChannelId !== r.channel) throw new Error(`test bug: channel ${input.ChannelId} asked of ${region}`);
    if (command === "DescribeChannel")
      return { Id: r.channel, Arn: `arn:aws:medialive:${region}:111122223333:channel:${r.channel}`, State: r.state, PipelinesRunningCount: 0 };
    return { Id: r.channel, State: command === "StartChannel" ? "STARTING" : "STOPPING" };
  };
  ml.on(DescribeChannelCommand).callsFake(answer("DescribeChannel"));
  ml.on(StartChannelCommand).callsFake(answer("StartChannel"));
  ml.on(StopChannelCommand).callsFake(answer("StopChannel"));
}
const denied = () =>
  new ForbiddenException({
    message: "User: arn:aws:iam::111122223333:user/ops is not authorized to perform: medialive:DescribeChannel",
    $metadata: { httpStatusCode: 403, attempts: 1 },
  });
const throttled = () => new TooManyRequestsException({ message: "Too many requests", $metadata: { httpStatusCode: 429, attempts: 6 } });
const clientFor = (region: string) => new MediaLiveClient({ region, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" } });
const noWait = { wait: false, timeoutMs: 60_000 };

test("the channels of a deployed two-region pipeline come from its outputs; --region picks by role or AWS region", () => {
  const channels = pipelineChannels(pipeline, OUTPUTS);
  expect(channels).toEqual([
    { role: "primary", region: "us-east-1", channelId: PRIMARY, mediapackage: { channelGroup: "two-region-live", channel: "live" } },
    { role: "failover", region: "us-west-2", channelId: FAILOVER, mediapackage: { channelGroup: "two-region-live", channel: "live" } },
  ]);
  expect(chooseChannels(channels, "all", "two-region-live")).toHaveLength(2);
  expect(chooseChannels(channels, "failover", "two-region-live").map((c) => c.channelId)).toEqual([FAILOVER]);
  expect(chooseChannels(channels, "us-east-1", "two-region-live").map((c) => c.channelId)).toEqual([PRIMARY]);
  expect(() => chooseChannels(channels, "eu-west-1", "two-region-live")).toThrow(
    "--region eu-west-1: two-region-live's channels are primary us-east-1, failover us-west-2; say all, primary, failover or one of their regions",
  );
  // A single-region pipeline has one channel, and no failover to pick.
  const single = pipelineChannels({ pipeline_id: "studio_live_feed", region: "us-east-1" }, { channel_id: { value: PRIMARY } });
  expect(single).toEqual([{ role: "primary", region: "us-east-1", channelId: PRIMARY }]);
  expect(() => chooseChannels(single, "failover", "studio_live_feed")).toThrow(UserError);
  // The definition names a failover region the applied module does not have yet.
  expect(() => pipelineChannels(pipeline, { channel_id: { value: PRIMARY } })).toThrow(
    "two-region-live names failover_region us-west-2 but its applied outputs have no failover_channel_id: re-apply the module (blackwell media deploy two-region-live)",
  );
  // Applied with a failover channel, definition since changed: the deployed channel is still found (it still bills).
  expect(pipelineChannels({ pipeline_id: "two-region-live", region: "us-east-1" }, OUTPUTS).map((c) => c.region)).toEqual(["us-east-1", "us-west-2"]);
});

test("start acts on both channels at once, each through a client of its own region, with progress per channel", async () => {
  regions({ "us-east-1": { channel: PRIMARY, state: "IDLE" }, "us-west-2": { channel: FAILOVER, state: "IDLE" } });
  const seen: string[] = [];
  const outcomes = await controlChannels(pipelineChannels(pipeline, OUTPUTS), "start", "two-region-live", clientFor, {
    ...noWait,
    onProgress: (c, p) => seen.push(`${c.role}:${p.state}`),
  });
  expect(calls.filter((c) => c.includes("StartChannel")).sort()).toEqual([`us-east-1 StartChannel ${PRIMARY}`, `us-west-2 StartChannel ${FAILOVER}`]);
  expect(seen.sort()).toEqual(["failover:STARTING", "primary:STARTING"]);
  expect(outcomes.map((o) => outcomeLine(o, "two-region-live", true))).toEqual([
    `primary us-east-1: channel ${PRIMARY} (two-region-live) is STARTING; follow it with blackwell media status two-region-live`,
    `failover us-west-2: channel ${FAILOVER} (two-region-live) is STARTING; follow it with blackwell media status two-region-live`,
  ]);
});

test("one region denied, the other started: the other's outcome stands and the denied one is one line", async () => {
  regions({ "us-east-1": { channel: PRIMARY, state: "IDLE" }, "us-west-2": { error: denied() } });
  const outcomes = await controlChannels(pipelineChannels(pipeline, OUTPUTS), "start", "two-region-live", clientFor, noWait);
  expect(outcomes[0].result).toMatchObject({ channelId: PRIMARY, before: "IDLE", state: "STARTING", requested: true });
  expect(outcomes[1].result).toBeUndefined();
  expect(outcomeLine(outcomes[1], "two-region-live", true)).toBe(
    `failover us-west-2: channel ${FAILOVER}: AWS denied the request (ForbiddenException): User: arn:aws:iam::111122223333:user/ops is not authorized to perform: medialive:DescribeChannel. Ask for the permission it names on the resource, or use a profile that has it`,
  );
  expect(calls).toContain(`us-east-1 StartChannel ${PRIMARY}`);
});

test("a wrong state in one region is that region's line; a bug (not AWS, not the user) still rejects", async () => {
  regions({ "us-east-1": { channel: PRIMARY, state: "RUNNING" }, "us-west-2": { channel: FAILOVER, state: "CREATE_FAILED" } });
  const outcomes = await controlChannels(pipelineChannels(pipeline, OUTPUTS), "stop", "two-region-live", clientFor, noWait);
  expect(outcomeLine(outcomes[0], "two-region-live", true)).toMatch(/^primary us-east-1: channel 1234567 \(two-region-live\) is STOPPING;/);
  expect(outcomeLine(outcomes[1], "two-region-live", true)).toMatch(/^failover us-west-2: channel 7654321 is CREATE_FAILED: MediaLive could not create it/);
  regions({ "us-east-1": { channel: PRIMARY, state: "RUNNING" }, "us-west-2": { error: new TypeError("x is undefined") } });
  await expect(controlChannels(pipelineChannels(pipeline, OUTPUTS), "stop", "two-region-live", clientFor, noWait)).rejects.toThrow(TypeError);
});

describe("the stream commands", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-failover-stream-"));
  const outputsFile = path.join(dir, "outputs.json");
  fs.writeFileSync(outputsFile, JSON.stringify(OUTPUTS));
  let out: string;
  let err: string;
  beforeEach(() => {
    out = "";
    err = "";
    jest.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  const args = (extra: Record<string, unknown> = {}) =>
    ({
      _: [],
      $0: "blackwell",
      pipeline: "two-region-live",
      dir: projectPath("examples"),
      "outputs-file": outputsFile,
      wait: false,
      timeout: 900,
      json: false,
      force: false,
      region: "all",
      ...extra,
    }) as never;

  test("the example really is the two-region pipeline these outputs belong to", () => {
    expect(findPipeline("two-region-live", [projectPath("examples")]).resolved).toMatchObject(pipeline);
  });

  test("start: the failover region throttled, the primary started: a line each, exit 1", async () => {
    regions({ "us-east-1": { channel: PRIMARY, state: "IDLE" }, "us-west-2": { error: throttled() } });
    await startCommand.handler(args());
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(/^a running hour of two-region-live costs about \$\d+\.\d\d/);
    expect(out).toContain(`primary us-east-1: channel ${PRIMARY} (two-region-live) is STARTING; follow it with blackwell media status two-region-live\n`);
    expect(err).toContain(
      `error: failover us-west-2: channel ${FAILOVER}: AWS is throttling requests (TooManyRequestsException) and kept doing so through 6 attempts with backoff: wait a minute and run the command again\n`,
    );
    expect(err).toContain(
      "failover us-west-2 failed; the other channel was started: fix the cause and run stream start two-region-live --region failover again\n",
    );
    expect(calls).toContain(`us-east-1 StartChannel ${PRIMARY}`);
  });

  test("stop without credentials: the same failure in both regions is one line, exit 1", async () => {
    const noCredentials = () => Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    regions({ "us-east-1": { error: noCredentials() }, "us-west-2": { error: noCredentials() } });
    await stopCommand.handler(args());
    expect(process.exitCode).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(/^error: no AWS credentials found: set AWS_PROFILE[^\n]*\n$/);
  });

  test("stop --json: both channels in the document, the denied one with its failure, ok false, exit 1", async () => {
    regions({ "us-east-1": { error: denied() }, "us-west-2": { channel: FAILOVER, state: "RUNNING" } });
    await stopCommand.handler(args({ json: true }));
    expect(process.exitCode).toBe(1);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({
      pipeline_id: "two-region-live",
      ok: false,
      channels: [
        {
          role: "primary",
          region: "us-east-1",
          channelId: PRIMARY,
          action: "stop",
          failure: expect.stringMatching(/^AWS denied the request \(ForbiddenException\)/),
        },
        { role: "failover", region: "us-west-2", channelId: FAILOVER, action: "stop", before: "RUNNING", state: "STOPPING", requested: true },
      ],
    });
    // With two channels, no single result stands at the top level.
    expect(doc.state).toBeUndefined();
  });

  test("stop --region failover touches the failover region only; both fine is exit 0", async () => {
    regions({ "us-west-2": { channel: FAILOVER, state: "RUNNING" } });
    await stopCommand.handler(args({ region: "failover" }));
    expect(process.exitCode).toBeUndefined();
    expect(calls.every((c) => c.startsWith("us-west-2 "))).toBe(true);
    expect(calls).toContain(`us-west-2 StopChannel ${FAILOVER}`);
    expect(out).toBe(`failover us-west-2: channel ${FAILOVER} (two-region-live) is STOPPING; follow it with blackwell media status two-region-live\n`);
    expect(err).toBe(`stopping failover us-west-2 channel ${FAILOVER}: STOPPING (0 s)\n`);

    regions({ "us-east-1": { channel: PRIMARY, state: "IDLE" }, "us-west-2": { channel: FAILOVER, state: "IDLE" } });
    out = "";
    await stopCommand.handler(args());
    expect(process.exitCode).toBeUndefined();
    expect(out).toBe(
      `primary us-east-1: channel ${PRIMARY} (two-region-live) is already stopped; nothing to do\nfailover us-west-2: channel ${FAILOVER} (two-region-live) is already stopped; nothing to do\n`,
    );
    expect(calls.some((c) => c.includes("StopChannel"))).toBe(false);
  });
});
