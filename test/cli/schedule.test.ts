/**
 * The schedule-action commands as a user runs them, against a local endpoint speaking MediaLive's REST-JSON
 * (recorded shapes): stream ad-break sends one splice insert (wire format checked), prints one line or JSON,
 * refuses a pipeline whose channel drops SCTE-35 and a channel that is not running, and without AWS
 * credentials is one line, exit 1; switch-input names the attachment and refuses an unknown input; slate on|off
 * points at the module's slate image and refuses a pipeline that ships none.
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
    sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }, "elemental_link"],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "development",
    ad_markers: {},
    slate: {},
  }),
);
const outputsFile = path.join(dir, "outputs.json");
fs.writeFileSync(outputsFile, JSON.stringify({ channel_id: { value: "1234567" }, slate_image_uri: { value: "s3ssl://ads-live-slate-123/slate/slate.png" } }));
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

test("switch-input sends an InputSwitch to the source's attachment; an unknown input is refused with the inputs there are", async () => {
  const r = await cli(["switch-input", "ads-live", "elemental_link", ...withOutputs]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /^scheduled the switch to input elemental_link on channel 1234567 \(ads-live\) now: action blackwell-switch-elemental_link-\d{8}T\d{6}Z\n$/,
  );
  const [body] = aws.state.scheduleBodies as Array<{ creates: { scheduleActions: Array<Record<string, unknown>> } }>;
  expect(body.creates.scheduleActions[0].scheduleActionSettings).toEqual({ inputSwitchSettings: { inputAttachmentNameReference: "elemental_link" } });
  const wrong = await cli(["switch-input", "ads-live", "elemental_lnk", ...withOutputs]);
  expect(wrong.status).toBe(1);
  expect(wrong.stderr.trim()).toBe("error: ads-live has no input 'elemental_lnk' (did you mean 'elemental_link'?); its inputs are rtmp, elemental_link");
  expect(aws.state.scheduleBodies).toHaveLength(1);
});

test("slate on|off: static image activate with the module's image, then deactivate; --json; a pipeline without a slate is refused", async () => {
  const on = await cli(["slate", "ads-live", "on", "--json", ...withOutputs]);
  expect(on.status).toBe(0);
  expect(JSON.parse(on.stdout)).toMatchObject({ pipeline_id: "ads-live", slate: "on", start: "immediate" });
  const off = await cli(["slate", "ads-live", "off", ...withOutputs]);
  expect(off.stdout).toMatch(/^scheduled hiding the slate on channel 1234567 \(ads-live\) now/);
  const actions = (aws.state.scheduleBodies as Array<{ creates: { scheduleActions: Array<Record<string, unknown>> } }>).map(
    (b) => b.creates.scheduleActions[0].scheduleActionSettings,
  );
  expect(actions).toEqual([
    {
      staticImageActivateSettings: {
        image: { uri: "s3ssl://ads-live-slate-123/slate/slate.png" },
        duration: 0,
        fadeIn: 500,
        fadeOut: 500,
        imageX: 0,
        imageY: 0,
        width: 1280,
        height: 720,
        opacity: 100,
        layer: 0,
      },
    },
    { staticImageDeactivateSettings: { fadeOut: 500, layer: 0 } },
  ]);
  const none = await cli(["slate", "studio_live_feed", "on", "--outputs-file", outputsFile]);
  expect(none.status).toBe(1);
  expect(none.stderr.trim()).toMatch(/^error: studio_live_feed ships no slate image: add "slate": \{\} to its definition/);
});
