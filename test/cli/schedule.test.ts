/**
 * The schedule-action commands as a user runs them, against a local endpoint speaking MediaLive's REST-JSON
 * (recorded shapes): stream ad-break sends one splice insert (wire format checked), prints one line or JSON,
 * refuses a pipeline whose channel drops SCTE-35 and a channel that is not running, and without AWS
 * credentials is one line, exit 1.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCliAsync } from "../support/cli";
import { FakeAws, startFakeAws } from "../support/fake-aws";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-schedule-"));
const defs = path.join(dir, "pipelines");
fs.mkdirSync(defs);
fs.writeFileSync(
  path.join(defs, "ads-live.json"),
  JSON.stringify({
    pipeline_id: "ads-live",
    pipeline_type: "live_stream",
    sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "development",
    ad_markers: {},
  }),
);
const outputsFile = path.join(dir, "outputs.json");
fs.writeFileSync(outputsFile, JSON.stringify({ channel_id: { value: "1234567" }, archive_bucket_name: { value: "ads-live-archive" } }));
const withOutputs = ["--outputs-file", outputsFile, "--dir", defs];
let aws: FakeAws;
beforeEach(async () => (aws = await startFakeAws()));
afterEach(() => aws.close());
const cli = (args: string[], env: NodeJS.ProcessEnv = aws.env) => runCliAsync(["media", "stream", ...args], env, dir);

test("ad-break --duration 30 sends one immediate splice insert of 2,700,000 ticks and says so in one line", async () => {
  const r = await cli(["ad-break", "ads-live", "--duration", "30", "--splice-id", "77", ...withOutputs]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toBe("scheduled an ad break of 30 s on channel 1234567 (ads-live) now: action blackwell-ad-break-77\n");
  expect(aws.state.scheduleBodies).toEqual([
    {
      creates: {
        scheduleActions: [
          {
            actionName: "blackwell-ad-break-77",
            scheduleActionStartSettings: { immediateModeScheduleActionStartSettings: {} },
            scheduleActionSettings: { scte35SpliceInsertSettings: { spliceEventId: 77, duration: 2_700_000 } },
          },
        ],
      },
    },
  ]);
});

test("ad-break --at ... --json prints the scheduled action as JSON", async () => {
  const at = new Date(Date.now() + 3_600_000).toISOString();
  const r = await cli(["ad-break", "ads-live", "--duration", "90", "--at", at, "--json", ...withOutputs]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ pipeline_id: "ads-live", channelId: "1234567", start: at, duration_seconds: 90 });
});

test("refusals are one line, exit 1, nothing sent: a pipeline without ad markers, a channel that is not running", async () => {
  const noMarkers = await cli(["ad-break", "studio_live_feed", "--duration", "30", "--outputs-file", outputsFile]);
  expect(noMarkers.status).toBe(1);
  expect(noMarkers.stderr.trim()).toMatch(/^error: studio_live_feed drops SCTE-35 \(no ad_markers in its definition\)/);
  expect(noMarkers.stderr.trim().split("\n")).toHaveLength(1);
  aws.state.channelState = "IDLE";
  const idle = await cli(["ad-break", "ads-live", "--duration", "30", ...withOutputs]);
  expect(idle.status).toBe(1);
  expect(idle.stderr.trim()).toMatch(/^error: channel 1234567 is IDLE, not running: an ad break of 30 s at once needs a running channel/);
  expect(idle.stderr.trim().split("\n")).toHaveLength(1);
  expect(aws.state.scheduleBodies).toEqual([]);
});

test("without AWS credentials: one line, exit 1, no stack trace", async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-nocreds-"));
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_"))),
    HOME: home,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: path.join(home, "none"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
  };
  const r = await runCliAsync(["media", "stream", "ad-break", "ads-live", "--duration", "30", ...withOutputs], env, dir);
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toMatch(/^error: no AWS credentials found: set AWS_PROFILE/);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
});
