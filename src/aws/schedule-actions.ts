/**
 * MediaLive schedule actions on a deployed channel (BatchUpdateSchedule): an SCTE-35 splice insert (ad break),
 * an input switch and the slate (static image activate/deactivate), each at once or at a UTC time. The channel's
 * state is read first, so an action MediaLive would refuse (an immediate action on a channel that is not running)
 * is one clear line saying what to do; AWS failures (credentials, AccessDenied, throttling) reach the CLI's one-line
 * handler (src/aws/errors.ts).
 */
import { BatchUpdateScheduleCommand, DescribeChannelCommand, MediaLiveClient, type ScheduleActionSettings } from "@aws-sdk/client-medialive";
import { UserError } from "../core/problems";

/** When the action runs: as soon as MediaLive gets it, or at a time (MediaLive's fixed mode, UTC). */
export type ActionStart = { kind: "immediate" } | { kind: "at"; time: Date };

export interface ScheduleRequest {
  /** Unique in the channel's schedule (MediaLive refuses a name twice). */
  actionName: string;
  /** What it does, in words, for messages: "an ad break", "the input switch". */
  what: string;
  settings: ScheduleActionSettings;
  start: ActionStart;
}

export interface ScheduledAction {
  channelId: string;
  channelState: string;
  actionName: string;
  /** "immediate" or the ISO time it runs at. */
  start: string;
  settings: ScheduleActionSettings;
}

/** SCTE-35 durations are 90 kHz ticks in a 33-bit field: at most 2^33 - 1 ticks, 95443 whole seconds. */
export const SCTE35_TICKS_PER_SECOND = 90_000;
export const MAX_SPLICE_SECONDS = Math.floor((2 ** 33 - 1) / SCTE35_TICKS_PER_SECOND);
/** splice_event_id is a 32-bit unsigned integer. */
export const MAX_SPLICE_EVENT_ID = 2 ** 32 - 1;

/** States in which MediaLive takes schedule actions for later (fixed time); immediate ones need RUNNING. */
const TAKES_TIMED_ACTIONS = new Set(["IDLE", "STARTING", "RUNNING", "RECOVERING"]);

/** A splice event id from the clock (seconds since the epoch, modulo 2^32): distinct for breaks a second or more apart. */
export function spliceEventIdAt(now: Date): number {
  return Math.floor(now.getTime() / 1000) % (MAX_SPLICE_EVENT_ID + 1);
}

/** An SCTE-35 splice_insert of `durationSeconds` (the ad break); the splice event id names the action. */
export function adBreakRequest(durationSeconds: number, spliceEventId: number, start: ActionStart): ScheduleRequest {
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > MAX_SPLICE_SECONDS)
    throw new UserError(`--duration takes whole seconds from 1 to ${MAX_SPLICE_SECONDS} (SCTE-35 counts 33 bits of 90 kHz ticks); got ${durationSeconds}`);
  if (!Number.isInteger(spliceEventId) || spliceEventId < 0 || spliceEventId > MAX_SPLICE_EVENT_ID)
    throw new UserError(`--splice-id takes an integer from 0 to ${MAX_SPLICE_EVENT_ID}; got ${spliceEventId}`);
  return {
    actionName: `blackwell-ad-break-${spliceEventId}`,
    what: `an ad break of ${durationSeconds} s`,
    settings: { Scte35SpliceInsertSettings: { SpliceEventId: spliceEventId, Duration: durationSeconds * SCTE35_TICKS_PER_SECOND } },
    start,
  };
}

/** `--at`: an ISO 8601 time with a zone (2026-12-01T20:15:00Z), in the future. Undefined: immediate. */
export function actionStart(at: string | undefined, now: Date): ActionStart {
  if (at === undefined) return { kind: "immediate" };
  const time = /(Z|[+-]\d\d:?\d\d)$/.test(at) ? new Date(at) : new Date(NaN);
  if (Number.isNaN(time.getTime()))
    throw new UserError(`--at takes an ISO 8601 time with its zone, like 2026-12-01T20:15:00Z or 2026-12-01T21:15:00+01:00; got ${JSON.stringify(at)}`);
  if (time.getTime() <= now.getTime()) throw new UserError(`--at ${at} is in the past; leave --at out to run it now`);
  return { kind: "at", time };
}

/** Checks the channel's state, then adds the action to its schedule. */
export async function scheduleChannelAction(
  client: Pick<MediaLiveClient, "send">,
  channelId: string,
  pipeline: string,
  request: ScheduleRequest,
): Promise<ScheduledAction> {
  const described = await client.send(new DescribeChannelCommand({ ChannelId: channelId }));
  const state = described.State ?? "UNKNOWN";
  if (request.start.kind === "immediate" && state !== "RUNNING")
    throw new UserError(
      `channel ${channelId} is ${state}, not running: ${request.what} at once needs a running channel. Start it (blackwell media stream start ${pipeline}), or schedule it for later with --at`,
    );
  if (request.start.kind === "at" && !TAKES_TIMED_ACTIONS.has(state))
    throw new UserError(
      `channel ${channelId} is ${state}: MediaLive takes schedule actions only for an idle or running channel; check it with blackwell media status ${pipeline}`,
    );
  const start =
    request.start.kind === "immediate"
      ? { ImmediateModeScheduleActionStartSettings: {} }
      : { FixedModeScheduleActionStartSettings: { Time: request.start.time.toISOString() } };
  await client.send(
    new BatchUpdateScheduleCommand({
      ChannelId: channelId,
      Creates: { ScheduleActions: [{ ActionName: request.actionName, ScheduleActionStartSettings: start, ScheduleActionSettings: request.settings }] },
    }),
  );
  return {
    channelId,
    channelState: state,
    actionName: request.actionName,
    start: request.start.kind === "immediate" ? "immediate" : request.start.time.toISOString(),
    settings: request.settings,
  };
}

/** A name unique per second for actions that have no id of their own (input switches, slate on/off). */
function actionName(kind: string, now: Date): string {
  return `blackwell-${kind}-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}`;
}

/** Switch the channel to another input attachment (the definition's source id names it). */
export function inputSwitchRequest(attachment: string, start: ActionStart, now: Date): ScheduleRequest {
  return {
    actionName: actionName(`switch-${attachment}`.slice(0, 60), now),
    what: `the switch to input ${attachment}`,
    settings: { InputSwitchSettings: { InputAttachmentNameReference: attachment } },
    start,
  };
}

export interface SlateImage {
  /** s3ssl://bucket/key (module output slate_image_uri). */
  uri: string;
  width: number;
  height: number;
  fadeMs: number;
}

/** Show the slate full frame until it is turned off (Duration 0), or hide it, each with the fade. */
export function slateRequest(on: boolean, image: SlateImage, start: ActionStart, now: Date): ScheduleRequest {
  return on
    ? {
        actionName: actionName("slate-on", now),
        what: "the slate",
        settings: {
          StaticImageActivateSettings: {
            Image: { Uri: image.uri },
            Duration: 0,
            FadeIn: image.fadeMs,
            FadeOut: image.fadeMs,
            ImageX: 0,
            ImageY: 0,
            Width: image.width,
            Height: image.height,
            Opacity: 100,
            Layer: 0,
          },
        },
        start,
      }
    : {
        actionName: actionName("slate-off", now),
        what: "hiding the slate",
        settings: { StaticImageDeactivateSettings: { FadeOut: image.fadeMs, Layer: 0 } },
        start,
      };
}
