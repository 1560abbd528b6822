/**
 * The runtime side of `backend: ivs` for `status` and `stream start|stop|monitor`. An Amazon IVS channel has no
 * start or stop: it is live while an encoder pushes to its ingest endpoint. So the state shown is the stream's
 * (GetStream: state, health, viewerCount, startTime; ChannelNotBroadcasting means nobody is pushing), `stop` is
 * StopStream (disconnects the broadcaster), and `start` only says where the encoder pushes to. The channel ARN and
 * the ingest endpoint come from the applied module's outputs; the stream key is never read here.
 */
import { GetStreamCommand, IvsClient, StopStreamCommand } from "@aws-sdk/client-ivs";
import { UserError } from "../core/problems";
import { awsFailureLine } from "./errors";
import { duration } from "./monitor";

export interface IvsTargets {
  pipelineId: string;
  channelArn: string;
  /** rtmps://<ingest endpoint>:443/app/ (module output ivs_ingest_endpoint). */
  ingestEndpoint?: string;
  playbackUrl?: string;
}

export interface IvsStreamSnapshot {
  at: string;
  pipeline_id: string;
  channel_arn: string;
  /** LIVE while an encoder pushes; OFFLINE otherwise (GetStream answers ChannelNotBroadcasting then). */
  state: string;
  /** HEALTHY, STARVING (the encoder sends too little) or UNKNOWN; absent while offline. */
  health?: string;
  /** IVS's count of viewers watching now (updated about every 15 s by IVS); null while offline. */
  viewer_count: number | null;
  stream_id?: string;
  started_at?: string;
  live_seconds: number | null;
  /** A live stream whose health is STARVING: what --fail-on-alert exits on. */
  alarm: boolean;
}

const value = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** What to watch, from the applied module's outputs (ivs_channel_arn, ivs_ingest_endpoint, ivs_playback_url). */
export function ivsTargetsFromOutputs(outputs: Record<string, { value?: unknown }>, pipelineId: string): IvsTargets {
  const channelArn = value(outputs.ivs_channel_arn?.value);
  if (!channelArn) throw new UserError(`${pipelineId}'s applied outputs have no ivs_channel_arn: re-apply the module (blackwell media deploy ${pipelineId})`);
  return { pipelineId, channelArn, ingestEndpoint: value(outputs.ivs_ingest_endpoint?.value), playbackUrl: value(outputs.ivs_playback_url?.value) };
}

const isNotBroadcasting = (err: unknown) => (err as { name?: string } | undefined)?.name === "ChannelNotBroadcasting";

/** The stream's state now; ChannelNotBroadcasting is an OFFLINE snapshot, every other failure is thrown. */
export async function ivsStreamSnapshot(client: Pick<IvsClient, "send">, t: IvsTargets, now: Date = new Date()): Promise<IvsStreamSnapshot> {
  const base = { at: now.toISOString(), pipeline_id: t.pipelineId, channel_arn: t.channelArn };
  let stream;
  try {
    stream = (await client.send(new GetStreamCommand({ channelArn: t.channelArn }))).stream;
  } catch (err) {
    if (!isNotBroadcasting(err)) throw err;
  }
  if (!stream) return { ...base, state: "OFFLINE", viewer_count: null, live_seconds: null, alarm: false };
  const state = stream.state ?? "UNKNOWN";
  const started = stream.startTime;
  return {
    ...base,
    state,
    health: stream.health,
    viewer_count: stream.viewerCount ?? null,
    stream_id: stream.streamId,
    started_at: started?.toISOString(),
    live_seconds: started && state === "LIVE" ? Math.max(0, Math.round((now.getTime() - started.getTime()) / 1000)) : null,
    alarm: state === "LIVE" && stream.health === "STARVING",
  };
}

/** For `status`: the snapshot, or a line saying why it could not be read (no credentials, AccessDenied...). */
export async function ivsStatus(client: Pick<IvsClient, "send">, t: IvsTargets, now?: Date): Promise<{ snapshot?: IvsStreamSnapshot; detail?: string }> {
  try {
    return { snapshot: await ivsStreamSnapshot(client, t, now) };
  } catch (err) {
    const line = awsFailureLine(err);
    if (line === undefined) throw err;
    return { detail: line };
  }
}

export interface IvsStopResult {
  channel_arn: string;
  /** False when nobody was broadcasting: there was nothing to disconnect. */
  stopped: boolean;
  state_before: string;
}

/**
 * StopStream: IVS disconnects the encoder and ends the stream (and its recording). The channel stays; an encoder that
 * reconnects with the same stream key goes live again, which the caller says.
 */
export async function stopIvsStream(client: Pick<IvsClient, "send">, t: IvsTargets): Promise<IvsStopResult> {
  const before = await ivsStreamSnapshot(client, t);
  if (before.state !== "LIVE") return { channel_arn: t.channelArn, stopped: false, state_before: before.state };
  try {
    await client.send(new StopStreamCommand({ channelArn: t.channelArn }));
  } catch (err) {
    // The encoder dropped between the two calls: the stream is already over.
    if (isNotBroadcasting(err)) return { channel_arn: t.channelArn, stopped: false, state_before: "OFFLINE" };
    if ((err as { name?: string }).name === "StreamUnavailable")
      throw new UserError(
        `IVS could not stop the stream of ${t.pipelineId} right now (StreamUnavailable): run blackwell media stream stop ${t.pipelineId} again in a moment`,
      );
    throw err;
  }
  return { channel_arn: t.channelArn, stopped: true, state_before: before.state };
}

/** Why `stream start` does nothing in AWS for an IVS pipeline, and where the encoder pushes (never the stream key). */
export function ivsStartLines(t: IvsTargets): string[] {
  return [
    `${t.pipelineId} is an Amazon IVS channel: there is nothing to start. It goes live when your encoder pushes to it, and is billed only while it does.`,
    `ingest endpoint: ${t.ingestEndpoint ?? "(no ivs_ingest_endpoint output; re-apply the module)"}`,
    `stream key: terraform output -raw ivs_stream_key in the pipeline's working root (keep it secret: whoever holds it can broadcast)`,
    `then follow it with: blackwell media stream monitor ${t.pipelineId}`,
  ];
}

/** What `stream stop` printed, with what happens if the encoder keeps pushing. */
export function ivsStopLine(t: IvsTargets, r: IvsStopResult): string {
  if (!r.stopped) return `${t.pipelineId}'s IVS channel is not broadcasting (${r.state_before}); nothing to stop`;
  return `stopped the IVS stream of ${t.pipelineId}: the encoder was disconnected. The channel stays; an encoder still set to push goes live again at once, so stop it at the encoder (or replace the stream key) to keep it off`;
}

/** The one line `status` prints about the stream. */
export function ivsHealthLine(s: IvsStreamSnapshot): string {
  if (s.state !== "LIVE") return `${s.state} (no encoder is pushing to the channel)`;
  return `${s.state}, health ${s.health ?? "UNKNOWN"}, ${s.viewer_count ?? "-"} viewers, live ${s.live_seconds === null ? "-" : duration(s.live_seconds)}${s.started_at ? ` (since ${s.started_at})` : ""}`;
}

/** The monitor's screen for an IVS channel. */
export function formatIvsSnapshot(s: IvsStreamSnapshot, width = 100): string[] {
  const lines = [
    `${s.pipeline_id}  IVS channel ${s.channel_arn.split("/").pop()}  ${s.state}${s.state === "LIVE" ? `  live ${duration(s.live_seconds)}` : ""}`,
    `at ${s.at.slice(11, 19)} UTC${s.alarm ? "  ALARM" : ""}`,
    "",
    s.state === "LIVE"
      ? `health ${s.health ?? "UNKNOWN"}${s.health === "STARVING" ? " (the encoder sends less than IVS needs: check its bitrate and network)" : ""}`
      : "no encoder is pushing to the channel",
    `viewers: ${s.viewer_count ?? "-"}`,
  ];
  if (s.stream_id) lines.push(`stream ${s.stream_id}${s.started_at ? ` since ${s.started_at}` : ""}`);
  return lines.map((l) => (l.length <= width ? l : `${l.slice(0, width - 3)}...`));
}
