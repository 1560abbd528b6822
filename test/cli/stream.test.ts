/**
 * The stream commands as a user runs them, against a local endpoint speaking MediaLive's and CloudWatch's
 * protocols (recorded response shapes): start waits for RUNNING with plain progress lines off a terminal,
 * start again is a no-op, stop; monitor --once text, --json NDJSON, --fail-on-alert exit 3; status prints
 * the health line. And stream monitor in a real pseudo-terminal (tmux, 100 columns): the screen is redrawn
 * in place every refresh and no line is wider than the terminal.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI_ENTRY, runCliAsync } from "../support/cli";
import { FakeAws, startFakeAws } from "../support/fake-aws";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-stream-"));
const outputsFile = path.join(dir, "outputs.json");
fs.writeFileSync(
  outputsFile,
  JSON.stringify({
    channel_id: { value: "1234567" },
    mediapackage_channel_group: { value: "studio-live-feed" },
    mediapackage_channel_arn: { value: "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/studio-live-feed/channel/studio-live-feed-live" },
    cloudfront_distribution_id: { value: "E2QWRUHAPOMQZL" },
  }),
);
const withOutputs = ["--outputs-file", outputsFile];
let aws: FakeAws;
beforeEach(async () => (aws = await startFakeAws()));
afterEach(() => aws.close());
const cli = (args: string[]) => runCliAsync(["media", "stream", ...args], aws.env);

test("start: cost first, progress lines without escape codes, RUNNING; start again says so; stop waits for IDLE", async () => {
  aws.state.channelState = "IDLE";
  aws.state.pipelinesRunning = 0;
  const start = await cli(["start", "studio_live_feed", ...withOutputs]);
  expect(start.status).toBe(0);
  expect(start.stdout).toMatch(/^a running hour of studio_live_feed costs about \$\d+\.\d\d/);
  // One progress line per observed state, one poll (5 s) apart; the seconds depend on the machine's load.
  expect(start.stdout).toMatch(/channel 1234567 \(studio_live_feed\) is RUNNING after \d+ s\n$/);
  expect(start.stderr).toMatch(/^starting channel 1234567: STARTING \(\d+ s\)\nstarting channel 1234567: RUNNING \(\d+ s\)\n$/);
  expect(start.stderr).not.toMatch(/\r/);
  expect(start.stderr).not.toContain("\u001b");
  expect(aws.state.requests.filter((r) => r === "POST /prod/channels/1234567/start")).toHaveLength(1);

  const again = await cli(["start", "studio_live_feed", ...withOutputs]);
  expect(again.stdout).toMatch(/channel 1234567 \(studio_live_feed\) is already running; nothing to do\n$/);
  expect(aws.state.requests.filter((r) => r.endsWith("/start"))).toHaveLength(1);

  const stop = await cli(["stop", "studio_live_feed", ...withOutputs, "--json"]);
  expect(stop.status).toBe(0);
  expect(JSON.parse(stop.stdout)).toMatchObject({
    pipeline_id: "studio_live_feed",
    channelId: "1234567",
    action: "stop",
    before: "RUNNING",
    state: "IDLE",
    requested: true,
    reached: true,
  });
}, 60_000);

test("monitor --once prints the view; --json prints one JSON document per line; --fail-on-alert exits 3", async () => {
  const once = await cli(["monitor", "studio_live_feed", ...withOutputs, "--once"]);
  expect(once.status).toBe(0);
  const lines = once.stdout.trimEnd().split("\n");
  // studio_live_feed is a development-tier (single-pipeline) channel; the recorded ActiveAlerts go back 30 minutes.
  expect(lines[0]).toMatch(/^studio_live_feed {2}channel 1234567 {2}RUNNING \(1\/1 running\) {2}up (30m 0\d|29m 5\d)s {2}cost so far \$\d+\.\d\d$/);
  expect(lines).toContain("0         29.97       5.2 Mb/s      0       0");
  expect(lines).toContain("alerts: none");
  expect(once.stdout).not.toContain("\u001b");
  expect(lines.every((l) => l.length <= 100)).toBe(true);

  aws.state.alerts = [{ alertType: "Video Not Detected", message: "No video frames were detected on the input", pipelineId: "1" }];
  const json = await cli(["monitor", "studio_live_feed", ...withOutputs, "--json", "--interval", "1", "--fail-on-alert"]);
  expect(json.status).toBe(3);
  const docs = json.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(docs).toHaveLength(1);
  expect(docs[0]).toMatchObject({
    pipeline_id: "studio_live_feed",
    state: "RUNNING",
    alarm: true,
    alerts: [{ pipeline: "1", type: "Video Not Detected", message: "No video frames were detected on the input" }],
    cloudfront: { requests: expect.any(Number) },
  });
}, 60_000);

/** Runs `stream monitor` in a 100x40 tmux terminal and returns two screens one refresh apart. */
async function tmuxScreens(env: NodeJS.ProcessEnv): Promise<string[]> {
  const socket = `bmf-test-${process.pid}`;
  const tmux = (...a: string[]) => execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...a], { encoding: "utf8" });
  const envArgs = Object.entries({ ...env, NO_COLOR: "1", TERM: "xterm" }).map(([k, v]) => `${k}=${v}`);
  const command = ["env", ...envArgs, process.execPath, CLI_ENTRY, "media", "stream", "monitor", "studio_live_feed", ...withOutputs, "--interval", "1"]
    .map((w) => `'${w}'`)
    .join(" ");
  tmux("new-session", "-d", "-s", "monitor", "-x", "100", "-y", "40", command);
  const screens: string[] = [];
  try {
    const deadline = Date.now() + 30_000;
    while (screens.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      const screen = tmux("capture-pane", "-p", "-t", "monitor");
      const calls = screen.match(/CloudFront \(5 min\): (\d+) requests/)?.[1];
      if (calls && (screens.length === 0 || !screens[0].includes(`CloudFront (5 min): ${calls} requests`))) screens.push(screen);
    }
  } finally {
    tmux("kill-server");
  }
  return screens;
}

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux) console.warn("SKIPPED: the terminal test of stream monitor needs tmux (apt-get install tmux; .ci/run installs it)");
(hasTmux ? test : test.skip)(
  "monitor in a real terminal: redrawn in place each refresh, never wider than 100 columns",
  async () => {
    const screens = await tmuxScreens(aws.env);
    expect(screens).toHaveLength(2);
    for (const screen of screens) {
      expect(screen.match(/PIPELINE {2}INPUT FPS/g)).toHaveLength(1); // one view on screen: redrawn, not scrolled
      expect(screen).toContain("refreshing every 1 s; Ctrl-C to stop");
      expect(screen.split("\n").every((l) => l.length <= 100)).toBe(true);
    }
    const requests = screens.map((s) => Number(s.match(/CloudFront \(5 min\): (\d+) requests/)![1]));
    expect(requests[1]).toBeGreaterThan(requests[0]);
  },
  60_000,
);
