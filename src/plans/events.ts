/**
 * Events plan: which AWS service events the pipeline normalizes onto its own EventBridge bus
 * (MediaLive channel state -> stream.started/ended, MediaConvert job state -> transcode.completed/failed),
 * and what each normalized event carries. ARNs are filled in by the generator.
 */
import { EVENT_SOURCE } from "./event-names";
import type { LiveEncodingPlan } from "./live-encoding";
import type { VodPlan } from "./vod";

/** One normalization: which AWS events to match, and how a field of theirs maps to our event names. */
export interface EventMapping {
  name: string;
  pattern: Record<string, unknown>;
  /** JSONPath into the AWS event whose value picks the detail-type. */
  discriminator: string;
  detailTypes: Record<string, string>;
  /** Fields copied into our event's detail: our key -> JSONPath in the AWS event. */
  fields: Record<string, string>;
}

/** stream.started / stream.ended from MediaLive channel state changes of one channel. */
export function streamStateMapping(channelArn: string): EventMapping {
  return {
    name: "stream_state",
    pattern: { source: ["aws.medialive"], "detail-type": ["MediaLive Channel State Change"], detail: { channel_arn: [channelArn], state: ["RUNNING", "STOPPED"] } },
    discriminator: "$.detail.state",
    detailTypes: { RUNNING: "stream.started", STOPPED: "stream.ended" },
    fields: { channel_arn: "$.detail.channel_arn", time: "$.time" },
  };
}

/** transcode.completed / transcode.failed from MediaConvert job state changes in one queue. */
export function transcodeStateMapping(queueArn: string): EventMapping {
  return {
    name: "transcode_state",
    pattern: { source: ["aws.mediaconvert"], "detail-type": ["MediaConvert Job State Change"], detail: { queue: [queueArn], status: ["COMPLETE", "ERROR"] } },
    discriminator: "$.detail.status",
    detailTypes: { COMPLETE: "transcode.completed", ERROR: "transcode.failed" },
    fields: { job_id: "$.detail.jobId", status: "$.detail.status", time: "$.time" },
  };
}

export interface EventsPlan {
  source: typeof EVENT_SOURCE;
  /** Normalizations, in the order their rules are declared. */
  normalizations: Array<"transcode_state" | "stream_state">;
  /** The detail-types that reach the bus, for the event_bus_name output's description. */
  detailTypes: string[];
  /** stream.* events carry the playback URL when the stream plays through the CDN. */
  streamEventsCarryPlaybackUrl: boolean;
  /** `blackwell media archive` puts archive.created on the bus. */
  archiveCreated: boolean;
  /** EventBridge rules the module declares (the watch folder's included). */
  rules: number;
}

export function planEvents(parts: { live?: LiveEncodingPlan; vod?: VodPlan; archive: boolean; playbackUrl: boolean }): EventsPlan {
  const normalizations: EventsPlan["normalizations"] = [...(parts.vod ? (["transcode_state"] as const) : []), ...(parts.live ? (["stream_state"] as const) : [])];
  const detailTypes = [...(parts.live ? ["stream.started", "stream.ended"] : []), ...(parts.vod ? ["transcode.completed", "transcode.failed"] : [])];
  return {
    source: EVENT_SOURCE,
    normalizations,
    detailTypes,
    streamEventsCarryPlaybackUrl: parts.playbackUrl,
    archiveCreated: parts.archive,
    rules: normalizations.length + (parts.vod ? 1 : 0),
  };
}
