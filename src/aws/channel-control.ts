/**
 * Start or stop a MediaLive channel and wait until it is RUNNING or IDLE. Idempotent: a channel already
 * where it should be is left alone; one on its way there is only waited for. States from which the
 * action cannot succeed are one clear UserError saying what to do. The waiting polls DescribeChannel
 * itself (rather than the SDK waiter) so every observed state reaches the progress line; sleep and
 * clock are injectable so tests never wait.
 */
import { DescribeChannelCommand, MediaLiveClient, StartChannelCommand, StopChannelCommand } from "@aws-sdk/client-medialive";
import { UserError } from "../core/problems";
import { awsFailureLine } from "./errors";
import { channelLabel, type PipelineChannel } from "./pipeline-channels";

export type ChannelAction = "start" | "stop";

export interface ChannelProgress {
  state: string;
  elapsedMs: number;
}

export interface ChannelControlOptions {
  /** Wait for RUNNING (start) or IDLE (stop); false returns once MediaLive accepted the request. */
  wait: boolean;
  timeoutMs: number;
  pollMs?: number;
  onProgress?: (p: ChannelProgress) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface ChannelActionResult {
  channelId: string;
  action: ChannelAction;
  /** State before anything was done. */
  before: string;
  /** State when the command returned. */
  state: string;
  /** False when the channel was already in (or on its way to) the asked state and nothing was requested. */
  requested: boolean;
  /** True when the channel reached the target state. */
  reached: boolean;
  elapsedMs: number;
}

const TARGET: Record<ChannelAction, string> = { start: "RUNNING", stop: "IDLE" };
const ON_THE_WAY: Record<ChannelAction, string> = { start: "STARTING", stop: "STOPPING" };
/** States from which MediaLive accepts the request. */
const ACCEPTS: Record<ChannelAction, string[]> = { start: ["IDLE"], stop: ["RUNNING", "STARTING", "RECOVERING"] };
export const DEFAULT_POLL_MS = 5000;

/** What to do when a channel is in a state from which `action` cannot proceed. */
export function wrongStateMessage(channelId: string, state: string, action: ChannelAction, pipeline: string): string {
  const where = `channel ${channelId} is ${state}`;
  switch (state) {
    case "CREATE_FAILED":
      return `${where}: MediaLive could not create it, so it cannot ${action}. Read why in the channel's alerts (MediaLive console), fix the definition, then re-apply: blackwell media deploy ${pipeline}`;
    case "UPDATE_FAILED":
      return `${where}: its last update failed. Re-apply the module (blackwell media plan ${pipeline}, then apply) before you ${action} it`;
    case "CREATING":
    case "UPDATING":
      return `${where}: wait until it settles (blackwell media status ${pipeline}), then run stream ${action} again`;
    case "DELETING":
    case "DELETED":
      return `${where}: it is going away, so there is nothing to ${action}. Deploy the pipeline again (blackwell media deploy ${pipeline}) if you still need it`;
    case "STOPPING":
      return `${where}: wait until it is IDLE (blackwell media stream stop ${pipeline} waits for that), then start it again`;
    case "RECOVERING":
      return `${where}: MediaLive is restarting a failed pipeline; wait until it is RUNNING, or stop it with blackwell media stream stop ${pipeline}`;
    default:
      return `${where}: it cannot ${action} from this state; check it with blackwell media status ${pipeline}`;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeState(client: Pick<MediaLiveClient, "send">, channelId: string): Promise<string> {
  const r = await client.send(new DescribeChannelCommand({ ChannelId: channelId }));
  return r.State ?? "UNKNOWN";
}

export async function controlChannel(
  client: Pick<MediaLiveClient, "send">,
  channelId: string,
  action: ChannelAction,
  pipeline: string,
  options: ChannelControlOptions,
): Promise<ChannelActionResult> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const started = now();
  const target = TARGET[action];
  const before = await describeState(client, channelId);
  const result = (state: string, requested: boolean): ChannelActionResult => ({
    channelId,
    action,
    before,
    state,
    requested,
    reached: state === target,
    elapsedMs: now() - started,
  });

  if (before === target) return result(before, false);
  let requested = false;
  if (before !== ON_THE_WAY[action]) {
    if (!ACCEPTS[action].includes(before)) throw new UserError(wrongStateMessage(channelId, before, action, pipeline));
    await client.send(action === "start" ? new StartChannelCommand({ ChannelId: channelId }) : new StopChannelCommand({ ChannelId: channelId }));
    requested = true;
  }
  options.onProgress?.({ state: ON_THE_WAY[action], elapsedMs: now() - started });
  if (!options.wait) return result(ON_THE_WAY[action], requested);

  const poll = options.pollMs ?? DEFAULT_POLL_MS;
  for (;;) {
    await sleep(poll);
    const state = await describeState(client, channelId);
    const elapsedMs = now() - started;
    options.onProgress?.({ state, elapsedMs });
    if (state === target) return result(state, requested);
    // Anything but the transitional state means the action failed on the way (a start that fell back to IDLE).
    if (state !== ON_THE_WAY[action] && !(action === "start" && state === "RECOVERING"))
      throw new UserError(
        `channel ${channelId} went ${state} instead of ${target} while ${action === "start" ? "starting" : "stopping"}: read the channel's alerts (blackwell media stream monitor ${pipeline} --once) and try again`,
      );
    if (elapsedMs >= options.timeoutMs)
      throw new UserError(
        `channel ${channelId} is still ${state} after ${Math.round(elapsedMs / 1000)} s (--timeout ${Math.round(options.timeoutMs / 1000)}); MediaLive keeps going: check later with blackwell media status ${pipeline}, or wait longer with a larger --timeout`,
      );
  }
}

/** One channel's end of a start/stop of several: its result, or the one line saying why it failed. */
export interface ChannelOutcome {
  channel: PipelineChannel;
  result?: ChannelActionResult;
  failure?: string;
}

/**
 * Starts or stops several channels at once (a pipeline's primary and failover), each with the client of its own
 * region. One region failing (AccessDenied, throttling, a wrong state) does not stop the other: its outcome carries
 * the line to print. Anything that is neither the user's nor AWS's failure is a bug and rejects.
 */
export async function controlChannels(
  channels: PipelineChannel[],
  action: ChannelAction,
  pipeline: string,
  clientFor: (region: string) => Pick<MediaLiveClient, "send">,
  options: Omit<ChannelControlOptions, "onProgress"> & { onProgress?: (channel: PipelineChannel, p: ChannelProgress) => void },
): Promise<ChannelOutcome[]> {
  const { onProgress, ...rest } = options;
  return Promise.all(
    channels.map(async (channel): Promise<ChannelOutcome> => {
      try {
        const result = await controlChannel(clientFor(channel.region), channel.channelId, action, pipeline, {
          ...rest,
          onProgress: onProgress && ((p) => onProgress(channel, p)),
        });
        return { channel, result };
      } catch (err) {
        if (err instanceof UserError) return { channel, failure: err.message };
        const line = awsFailureLine(err);
        if (line === undefined) throw err;
        return { channel, failure: line };
      }
    }),
  );
}

/** The line a start/stop prints for one channel (prefixed with its role and region when the pipeline has two). */
export function outcomeLine(o: ChannelOutcome, pipeline: string, labelled: boolean): string {
  const prefix = labelled ? `${channelLabel(o.channel)}: ` : "";
  const channel = `channel ${o.channel.channelId} (${pipeline})`;
  if (o.failure !== undefined)
    // Wrong-state lines already name the channel; AWS failure lines do not.
    return `${prefix}${o.failure.startsWith(`channel ${o.channel.channelId} `) ? "" : `channel ${o.channel.channelId}: `}${o.failure}`;
  const r = o.result!;
  if (!r.requested && r.reached) return `${prefix}${channel} is already ${r.action === "start" ? "running" : "stopped"}; nothing to do`;
  // Only --no-wait returns before the target state (waiting either reaches it or fails).
  if (!r.reached) return `${prefix}${channel} is ${r.state}; follow it with blackwell media status ${pipeline}`;
  return `${prefix}${channel} is ${r.state} after ${Math.round(r.elapsedMs / 1000)} s`;
}
