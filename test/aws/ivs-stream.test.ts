/**
 * backend ivs at runtime (issue 19): `status`/`stream monitor` read the IVS stream (GetStream) named by the module's
 * ivs_channel_arn output, `stream stop` is StopStream, `stream start` explains and prints the ingest endpoint. Mocked
 * with aws-sdk-client-mock on the response shapes of the IVS API reference (GetStream's example response) and its
 * documented errors: ChannelNotBroadcasting (404, nobody pushing), StreamUnavailable (503), AccessDeniedException (403).
 */
import { mockClient } from "aws-sdk-client-mock";
import {
  AccessDeniedException,
  ChannelNotBroadcasting,
  GetStreamCommand,
  type GetStreamCommandOutput,
  IvsClient,
  StopStreamCommand,
  StreamUnavailable,
} from "@aws-sdk/client-ivs";
import {
  formatIvsSnapshot,
  ivsHealthLine,
  ivsStartLines,
  ivsStatus,
  ivsStopLine,
  ivsStreamSnapshot,
  ivsTargetsFromOutputs,
  stopIvsStream,
} from "../../src/aws/ivs-stream";
import { UserError } from "../../src/core/problems";

const ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
const outputs = {
  ivs_channel_arn: { value: ARN },
  ivs_ingest_endpoint: { value: "rtmps://a1b2c3d4e5f6.global-contribute.live-video.net:443/app/" },
  ivs_playback_url: { value: "https://a1b2c3d4e5f6.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.abcdABCDefgh.m3u8" },
  ivs_stream_key: { value: "sk_us-west-2_abcdABCDefgh_0123456789abcdefghijklmnopqrstuv", sensitive: true },
};
const targets = ivsTargetsFromOutputs(outputs, "ivs-live");
const now = new Date("2026-12-01T20:30:00Z");

/** GetStream's response as the IVS API reference shows it (startTime parsed to a Date by the SDK). */
const liveStream = (health: "HEALTHY" | "STARVING" = "HEALTHY", viewerCount = 24): GetStreamCommandOutput => ({
  stream: {
    channelArn: ARN,
    health,
    playbackUrl: outputs.ivs_playback_url.value,
    startTime: new Date("2026-12-01T19:15:30Z"),
    state: "LIVE" as const,
    streamId: "st-1A2b3c4D5e6F78ghij9Klmn",
    viewerCount,
  },
  $metadata: { httpStatusCode: 200 },
});
const notBroadcasting = () =>
  new ChannelNotBroadcasting({
    message: "Channel is not broadcasting: " + ARN,
    $metadata: { httpStatusCode: 404 },
    exceptionCode: "ChannelNotBroadcasting",
  } as never);
const denied = () =>
  new AccessDeniedException({
    message: "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: ivs:GetStream on resource: " + ARN,
    $metadata: { httpStatusCode: 403 },
  });

let ivs: ReturnType<typeof mockClient>;
beforeEach(() => {
  ivs = mockClient(IvsClient);
});
afterEach(() => ivs.restore());
const client = () => new IvsClient({ region: "us-west-2" });

test("the targets come from the module's outputs; no channel ARN is one line saying to re-apply", () => {
  expect(targets).toEqual({
    pipelineId: "ivs-live",
    channelArn: ARN,
    ingestEndpoint: outputs.ivs_ingest_endpoint.value,
    playbackUrl: outputs.ivs_playback_url.value,
  });
  expect(() => ivsTargetsFromOutputs({ channel_id: { value: "1234567" } }, "ivs-live")).toThrow(
    new UserError("ivs-live's applied outputs have no ivs_channel_arn: re-apply the module (blackwell media deploy ivs-live)"),
  );
});

test("a live stream: state, health, viewers and how long it has been live, asked for the module's channel", async () => {
  ivs.on(GetStreamCommand, { channelArn: ARN }).resolves(liveStream());
  const s = await ivsStreamSnapshot(client(), targets, now);
  expect(s).toEqual({
    at: now.toISOString(),
    pipeline_id: "ivs-live",
    channel_arn: ARN,
    state: "LIVE",
    health: "HEALTHY",
    viewer_count: 24,
    stream_id: "st-1A2b3c4D5e6F78ghij9Klmn",
    started_at: "2026-12-01T19:15:30.000Z",
    live_seconds: 74 * 60 + 30,
    alarm: false,
  });
  expect(ivs.commandCalls(GetStreamCommand)).toHaveLength(1);
  expect(ivsHealthLine(s)).toBe("LIVE, health HEALTHY, 24 viewers, live 1h 14m (since 2026-12-01T19:15:30.000Z)");
  expect(formatIvsSnapshot(s)).toEqual([
    "ivs-live  IVS channel abcdABCDefgh  LIVE  live 1h 14m",
    "at 20:30:00 UTC",
    "",
    "health HEALTHY",
    "viewers: 24",
    "stream st-1A2b3c4D5e6F78ghij9Klmn since 2026-12-01T19:15:30.000Z",
  ]);
});

test("a starving stream is an alarm (what --fail-on-alert exits on) and the screen says what to check", async () => {
  ivs.on(GetStreamCommand).resolves(liveStream("STARVING", 3));
  const s = await ivsStreamSnapshot(client(), targets, now);
  expect(s.alarm).toBe(true);
  expect(formatIvsSnapshot(s)[1]).toBe("at 20:30:00 UTC  ALARM");
  expect(formatIvsSnapshot(s)[3]).toMatch(/^health STARVING \(the encoder sends less than IVS needs/);
});

test("no encoder pushing (ChannelNotBroadcasting) is an OFFLINE snapshot, not a failure", async () => {
  ivs.on(GetStreamCommand).rejects(notBroadcasting());
  const s = await ivsStreamSnapshot(client(), targets, now);
  expect(s).toMatchObject({ state: "OFFLINE", viewer_count: null, live_seconds: null, alarm: false });
  expect(s.health).toBeUndefined();
  expect(ivsHealthLine(s)).toBe("OFFLINE (no encoder is pushing to the channel)");
  expect(formatIvsSnapshot(s)[3]).toBe("no encoder is pushing to the channel");
});

test("AccessDenied: the monitor fails with the SDK error (one line from the CLI); status shows the line and goes on", async () => {
  ivs.on(GetStreamCommand).rejects(denied());
  await expect(ivsStreamSnapshot(client(), targets, now)).rejects.toMatchObject({ name: "AccessDeniedException" });
  const status = await ivsStatus(client(), targets, now);
  expect(status.snapshot).toBeUndefined();
  expect(status.detail).toMatch(/^AWS denied the request \(AccessDeniedException\): User: .* is not authorized to perform: ivs:GetStream/);
});

test("status without credentials says so in one line", async () => {
  ivs.on(GetStreamCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
  expect((await ivsStatus(client(), targets, now)).detail).toMatch(/^no AWS credentials found/);
});

test("stop on a live stream calls StopStream for the channel and explains that a pushing encoder comes back", async () => {
  ivs.on(GetStreamCommand).resolves(liveStream());
  ivs.on(StopStreamCommand, { channelArn: ARN }).resolves({});
  const r = await stopIvsStream(client(), targets);
  expect(r).toEqual({ channel_arn: ARN, stopped: true, state_before: "LIVE" });
  expect(ivs.commandCalls(StopStreamCommand)).toHaveLength(1);
  expect(ivsStopLine(targets, r)).toMatch(/encoder was disconnected.*goes live again at once, so stop it at the encoder \(or replace the stream key\)/);
});

test("stop with nobody broadcasting sends no StopStream; one dropping between the calls is not a failure either", async () => {
  ivs.on(GetStreamCommand).rejects(notBroadcasting());
  const r = await stopIvsStream(client(), targets);
  expect(r).toEqual({ channel_arn: ARN, stopped: false, state_before: "OFFLINE" });
  expect(ivs.commandCalls(StopStreamCommand)).toHaveLength(0);
  expect(ivsStopLine(targets, r)).toBe("ivs-live's IVS channel is not broadcasting (OFFLINE); nothing to stop");

  ivs.reset();
  ivs.on(GetStreamCommand).resolves(liveStream());
  ivs.on(StopStreamCommand).rejects(notBroadcasting());
  expect(await stopIvsStream(client(), targets)).toEqual({ channel_arn: ARN, stopped: false, state_before: "OFFLINE" });
});

test("StreamUnavailable on stop is one line saying to try again; AccessDenied on stop is the SDK error", async () => {
  ivs.on(GetStreamCommand).resolves(liveStream());
  ivs.on(StopStreamCommand).rejects(new StreamUnavailable({ message: "Stream is temporarily unavailable", $metadata: { httpStatusCode: 503 } }));
  await expect(stopIvsStream(client(), targets)).rejects.toThrow(
    new UserError("IVS could not stop the stream of ivs-live right now (StreamUnavailable): run blackwell media stream stop ivs-live again in a moment"),
  );
  ivs.on(StopStreamCommand).rejects(denied());
  await expect(stopIvsStream(client(), targets)).rejects.toMatchObject({ name: "AccessDeniedException" });
});

test("start explains that IVS goes live when the encoder pushes and prints the ingest endpoint, never the stream key", () => {
  const text = ivsStartLines(targets).join("\n");
  expect(text).toMatch(/^ivs-live is an Amazon IVS channel: there is nothing to start\. It goes live when your encoder pushes/);
  expect(text).toContain(`ingest endpoint: ${outputs.ivs_ingest_endpoint.value}`);
  expect(text).toContain("terraform output -raw ivs_stream_key");
  expect(text).not.toContain(outputs.ivs_stream_key.value);
  expect(text).not.toMatch(/sk_[a-z]{2}-/);
});
