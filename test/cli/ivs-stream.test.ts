/**
 * `stream start|stop|monitor` of a backend ivs pipeline as a user runs them: the real CLI in a child process, its IVS
 * client pointed (AWS_ENDPOINT_URL_IVS) at a local endpoint that answers GetStream/StopStream as IVS does (REST-JSON;
 * a channel nobody pushes to answers 404 with x-amzn-ErrorType ChannelNotBroadcasting), so the SDK's own
 * deserializers and error classes are exercised. The stream key in the saved outputs must never be printed.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { runCliAsync } from "../support/cli";

const ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
const STREAM_KEY = "sk_us-west-2_abcdABCDefgh_0123456789abcdefghijklmnopqrstuv";
const INGEST = "rtmps://a1b2c3d4e5f6.global-contribute.live-video.net:443/app/";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ivs-stream-"));
fs.mkdirSync(path.join(dir, "pipelines"));
fs.writeFileSync(
  path.join(dir, "pipelines", "ivs_live.json"),
  JSON.stringify({
    pipeline_id: "ivs_live",
    pipeline_type: "live_stream",
    backend: "ivs",
    sources: ["rtmp"],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-west-2",
    tier: "development",
  }),
);
const outputsFile = path.join(dir, "outputs.json");
fs.writeFileSync(
  outputsFile,
  JSON.stringify({
    ivs_channel_arn: { value: ARN, sensitive: false },
    ivs_ingest_endpoint: { value: INGEST, sensitive: false },
    ivs_stream_key: { value: STREAM_KEY, sensitive: true },
  }),
);

interface FakeIvs {
  live: boolean;
  health: string;
  requests: Array<{ path: string; body: unknown }>;
}
let ivs: FakeIvs;
let server: http.Server;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  ivs = { live: true, health: "HEALTHY", requests: [] };
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      ivs.requests.push({ path: req.url ?? "", body: body ? JSON.parse(body) : undefined });
      const send = (status: number, doc: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(doc));
      };
      const notBroadcasting = () => send(404, { exceptionMessage: `Channel is not broadcasting: ${ARN}` }, { "x-amzn-errortype": "ChannelNotBroadcasting" });
      if (req.url === "/GetStream") {
        if (!ivs.live) return notBroadcasting();
        return send(200, {
          stream: {
            channelArn: ARN,
            health: ivs.health,
            playbackUrl: "https://a1b2c3d4e5f6.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.abcdABCDefgh.m3u8",
            startTime: "2026-12-01T19:15:30Z",
            state: "LIVE",
            streamId: "st-1A2b3c4D5e6F78ghij9Klmn",
            viewerCount: 24,
          },
        });
      }
      if (req.url === "/StopStream") {
        if (!ivs.live) return notBroadcasting();
        ivs.live = false;
        return send(200, {});
      }
      send(404, { message: "unknown operation" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = {
    AWS_ENDPOINT_URL_IVS: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_REGION: "us-west-2",
  };
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
const cli = (args: string[]) => runCliAsync(["media", "stream", ...args, "ivs_live", "--dir", path.join(dir, "pipelines"), "--outputs-file", outputsFile], env);

test("start calls nothing in AWS: it explains and prints the ingest endpoint, never the stream key", async () => {
  const r = await cli(["start"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^ivs_live is an Amazon IVS channel: there is nothing to start/);
  expect(r.stdout).toContain(`ingest endpoint: ${INGEST}\n`);
  expect(r.stdout + r.stderr).not.toContain(STREAM_KEY);
  expect(ivs.requests).toEqual([]);
});

test("monitor --once --json: the stream's state from GetStream for the module's channel; STARVING exits 3 with --fail-on-alert", async () => {
  const r = await cli(["monitor", "--once", "--json"]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({
    pipeline_id: "ivs_live",
    channel_arn: ARN,
    state: "LIVE",
    health: "HEALTHY",
    viewer_count: 24,
    started_at: "2026-12-01T19:15:30.000Z",
    alarm: false,
  });
  expect(ivs.requests).toEqual([{ path: "/GetStream", body: { channelArn: ARN } }]);
  ivs.health = "STARVING";
  const starving = await cli(["monitor", "--once", "--fail-on-alert"]);
  expect(starving.status).toBe(3);
  expect(starving.stdout).toMatch(/ALARM[^]*health STARVING/);
});

test("stop disconnects the broadcaster with StopStream; a second stop finds nobody broadcasting and does nothing", async () => {
  const stop = await cli(["stop"]);
  expect(stop.status).toBe(0);
  expect(stop.stdout).toMatch(/^stopped the IVS stream of ivs_live: the encoder was disconnected/);
  expect(ivs.requests.map((q) => q.path)).toEqual(["/GetStream", "/StopStream"]);
  expect(ivs.requests[1].body).toEqual({ channelArn: ARN });

  const again = await cli(["stop", "--json"]);
  expect(again.status).toBe(0);
  expect(JSON.parse(again.stdout)).toEqual({
    pipeline_id: "ivs_live",
    backend: "ivs",
    action: "stop",
    channel_arn: ARN,
    stopped: false,
    state_before: "OFFLINE",
  });
  expect(ivs.requests.filter((q) => q.path === "/StopStream")).toHaveLength(1);
  const offline = await cli(["monitor", "--once"]);
  expect(offline.stdout).toMatch(/OFFLINE[^]*no encoder is pushing to the channel/);
});
