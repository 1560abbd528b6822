/**
 * MediaLive schedule actions (stream ad-break): the BatchUpdateSchedule request each asks for (SCTE-35 splice insert in
 * 90 kHz ticks, immediate or fixed time), the state check before it (immediate needs RUNNING), the refusals of bad
 * input, and the one line each AWS failure becomes. MediaLive mocked with API-shaped responses.
 */
import { mockClient } from "aws-sdk-client-mock";
import {
  BatchUpdateScheduleCommand,
  DescribeChannelCommand,
  ForbiddenException,
  MediaLiveClient,
  UnprocessableEntityException,
} from "@aws-sdk/client-medialive";
import {
  MAX_SPLICE_SECONDS,
  actionStart,
  adBreakRequest,
  inputSwitchRequest,
  scheduleChannelAction,
  slateRequest,
  spliceEventIdAt,
} from "../../src/aws/schedule-actions";
import { awsFailureLine } from "../../src/aws/errors";
import { UserError } from "../../src/core/problems";

const CHANNEL = "1234567";
const ml = mockClient(MediaLiveClient);
afterEach(() => ml.reset());
afterAll(() => ml.restore());
const client = () => new MediaLiveClient({ region: "us-east-1" });
const NOW = new Date("2026-12-01T18:00:00Z");

/** DescribeChannel and BatchUpdateSchedule as MediaLive answers them (recorded shapes, trimmed). */
function channel(state: string) {
  ml.on(DescribeChannelCommand).resolves({
    Id: CHANNEL,
    Arn: `arn:aws:medialive:us-east-1:111122223333:channel:${CHANNEL}`,
    State: state as never,
    ChannelClass: "SINGLE_PIPELINE",
    PipelinesRunningCount: state === "RUNNING" ? 1 : 0,
  });
  ml.on(BatchUpdateScheduleCommand).callsFake((input) => ({
    $metadata: { httpStatusCode: 200 },
    Creates: { ScheduleActions: input.Creates.ScheduleActions },
    Deletes: { ScheduleActions: [] },
  }));
}
const sent = () => ml.commandCalls(BatchUpdateScheduleCommand).map((c) => c.args[0].input);

test("ad break now: one splice insert, duration in 90 kHz ticks, immediate, named by its splice event id", async () => {
  channel("RUNNING");
  const r = await scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(30, 42, actionStart(undefined, NOW)));
  expect(sent()).toEqual([
    {
      ChannelId: CHANNEL,
      Creates: {
        ScheduleActions: [
          {
            ActionName: "blackwell-ad-break-42",
            ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} },
            ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 42, Duration: 2_700_000 } },
          },
        ],
      },
    },
  ]);
  expect(r).toMatchObject({ channelId: CHANNEL, channelState: "RUNNING", actionName: "blackwell-ad-break-42", start: "immediate" });
});

test("ad break at a time: fixed mode in UTC, accepted on an idle channel (it runs once the channel does)", async () => {
  channel("IDLE");
  const r = await scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(90, 7, actionStart("2026-12-01T21:15:00+01:00", NOW)));
  expect(sent()[0].Creates!.ScheduleActions![0].ScheduleActionStartSettings).toEqual({
    FixedModeScheduleActionStartSettings: { Time: "2026-12-01T20:15:00.000Z" },
  });
  expect(r.start).toBe("2026-12-01T20:15:00.000Z");
});

test("an immediate break on a channel that is not running is one line saying how to start it, and nothing is sent", async () => {
  channel("IDLE");
  const p = scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(30, 1, { kind: "immediate" }));
  await expect(p).rejects.toThrow(UserError);
  await expect(p).rejects.toThrow(
    /channel 1234567 is IDLE, not running: an ad break of 30 s at once needs a running channel\. Start it \(blackwell media stream start studio-live\)/,
  );
  expect(sent()).toHaveLength(0);
});

test("a timed break on a channel that is going away is refused too", async () => {
  channel("DELETING");
  await expect(scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(30, 1, actionStart("2026-12-01T19:00:00Z", NOW)))).rejects.toThrow(
    /is DELETING: MediaLive takes schedule actions only for an idle or running channel/,
  );
  expect(sent()).toHaveLength(0);
});

test("bad input: durations outside SCTE-35's 33-bit tick range, fractional seconds, splice ids beyond 32 bits, times without zone or in the past", () => {
  expect(() => adBreakRequest(0, 1, { kind: "immediate" })).toThrow(/--duration takes whole seconds from 1 to 95443/);
  expect(() => adBreakRequest(MAX_SPLICE_SECONDS + 1, 1, { kind: "immediate" })).toThrow(/--duration/);
  expect(() => adBreakRequest(2.5, 1, { kind: "immediate" })).toThrow(/--duration/);
  expect(adBreakRequest(MAX_SPLICE_SECONDS, 1, { kind: "immediate" }).settings.Scte35SpliceInsertSettings!.Duration).toBeLessThanOrEqual(2 ** 33 - 1);
  expect(() => adBreakRequest(30, 2 ** 32, { kind: "immediate" })).toThrow(/--splice-id takes an integer from 0 to 4294967295/);
  expect(() => actionStart("2026-12-01T20:15:00", NOW)).toThrow(/--at takes an ISO 8601 time with its zone/);
  expect(() => actionStart("tomorrow", NOW)).toThrow(/--at takes/);
  expect(() => actionStart("2026-12-01T17:59:59Z", NOW)).toThrow(/is in the past/);
  expect(spliceEventIdAt(NOW)).toBe(Math.floor(NOW.getTime() / 1000) % 2 ** 32);
});

test("AccessDenied on BatchUpdateSchedule and MediaLive's own refusal become one line each", async () => {
  channel("RUNNING");
  ml.on(BatchUpdateScheduleCommand).rejects(
    new ForbiddenException({
      message: "User: arn:aws:iam::111122223333:user/ops is not authorized to perform: medialive:BatchUpdateSchedule",
      $metadata: { httpStatusCode: 403 },
    }),
  );
  const denied = await scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(30, 1, { kind: "immediate" })).catch((e: unknown) => e);
  expect(awsFailureLine(denied)).toMatch(/^AWS denied the request \(ForbiddenException\): .*medialive:BatchUpdateSchedule\. Ask for the permission/);
  ml.on(BatchUpdateScheduleCommand).rejects(
    new UnprocessableEntityException({ message: "Duplicate action name: blackwell-ad-break-1", $metadata: { httpStatusCode: 422 } }),
  );
  const duplicate = await scheduleChannelAction(client(), CHANNEL, "studio-live", adBreakRequest(30, 1, { kind: "immediate" })).catch((e: unknown) => e);
  expect(awsFailureLine(duplicate)).toBe("AWS refused the request (UnprocessableEntityException): Duplicate action name: blackwell-ad-break-1");
});

test("switch-input: an InputSwitch to the attachment the definition's source id names", async () => {
  channel("RUNNING");
  await scheduleChannelAction(client(), CHANNEL, "studio-live", inputSwitchRequest("elemental_link", { kind: "immediate" }, NOW));
  expect(sent()[0].Creates!.ScheduleActions).toEqual([
    {
      ActionName: "blackwell-switch-elemental_link-20261201T180000Z",
      ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} },
      ScheduleActionSettings: { InputSwitchSettings: { InputAttachmentNameReference: "elemental_link" } },
    },
  ]);
});

test("slate on: the module's image full frame until turned off, with the fade; slate off: deactivate the same layer", async () => {
  channel("RUNNING");
  const image = { uri: "s3ssl://ads-live-slate-123/slate/slate.png", width: 1280, height: 720, fadeMs: 500 };
  await scheduleChannelAction(client(), CHANNEL, "studio-live", slateRequest(true, image, { kind: "immediate" }, NOW));
  await scheduleChannelAction(client(), CHANNEL, "studio-live", slateRequest(false, image, actionStart("2026-12-01T18:05:00Z", NOW), NOW));
  const [on, off] = sent().map((s) => s.Creates!.ScheduleActions![0]);
  expect(on.ScheduleActionSettings).toEqual({
    StaticImageActivateSettings: {
      Image: { Uri: "s3ssl://ads-live-slate-123/slate/slate.png" },
      Duration: 0,
      FadeIn: 500,
      FadeOut: 500,
      ImageX: 0,
      ImageY: 0,
      Width: 1280,
      Height: 720,
      Opacity: 100,
      Layer: 0,
    },
  });
  expect(off).toEqual({
    ActionName: "blackwell-slate-off-20261201T180000Z",
    ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: "2026-12-01T18:05:00.000Z" } },
    ScheduleActionSettings: { StaticImageDeactivateSettings: { FadeOut: 500, Layer: 0 } },
  });
});
