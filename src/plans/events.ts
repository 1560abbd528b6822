/**
 * Pipeline events as plain data (no CDKTF, no I/O): which AWS service events become which of our
 * events, and the payload templates that shape them. The generators turn these into EventBridge rules
 * and Step Functions definitions; `blackwell media events sample` and the contract tests evaluate the
 * same templates on recorded AWS events, so what the module emits and what the schema promises are
 * checked against one source.
 */
import type { ArchiveCreatedDetail, ChannelAutoStoppedDetail, PlaybackUrls } from "../types/events.generated";
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { EVENT_SOURCE } from "./event-names";
import { retentionRule, type LifecycleRule } from "./archive";
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
  /** Fields copied only for some detail-types (e.g. the error of a failed job): detail-type -> our key -> JSONPath. */
  fieldsFor?: Record<string, Record<string, string>>;
}

/**
 * What the definition's events section adds to every event (absent: the payloads modules had before
 * the section existed, so their bytes do not change).
 */
export interface EventEnrichment {
  clientId: string;
  title?: string;
  playbackUrls?: PlaybackUrls;
}

/** stream.started / stream.ended from MediaLive channel state changes of one channel. */
export function streamStateMapping(channelArn: string, enrichment?: EventEnrichment): EventMapping {
  return {
    name: "stream_state",
    pattern: {
      source: ["aws.medialive"],
      "detail-type": ["MediaLive Channel State Change"],
      detail: { channel_arn: [channelArn], state: ["RUNNING", "STOPPED"] },
    },
    discriminator: "$.detail.state",
    detailTypes: { RUNNING: "stream.started", STOPPED: "stream.ended" },
    fields: { channel_arn: "$.detail.channel_arn", time: "$.time", ...(enrichment ? { source_event_id: "$.id" } : {}) },
    ...(enrichment ? { fieldsFor: { "stream.ended": { reason: "$.detail.message" } } } : {}),
  };
}

/** transcode.completed / transcode.failed from MediaConvert job state changes in one queue. */
export function transcodeStateMapping(queueArn: string, enrichment?: EventEnrichment): EventMapping {
  return {
    name: "transcode_state",
    pattern: { source: ["aws.mediaconvert"], "detail-type": ["MediaConvert Job State Change"], detail: { queue: [queueArn], status: ["COMPLETE", "ERROR"] } },
    discriminator: "$.detail.status",
    detailTypes: { COMPLETE: "transcode.completed", ERROR: "transcode.failed" },
    fields: { job_id: "$.detail.jobId", status: "$.detail.status", time: "$.time", ...(enrichment ? { source_event_id: "$.id" } : {}) },
    ...(enrichment ? { fieldsFor: { "transcode.failed": { error_code: "$.detail.errorCode", reason: "$.detail.errorMessage" } } } : {}),
  };
}

/**
 * Constants of an event's detail: the pipeline id and, with an events section, the client id. Stream
 * events also carry the stream's playback URL(s) and title (`stream` given).
 */
export function staticEventDetail(pipelineId: string, enrichment?: EventEnrichment, stream?: { playbackUrl?: string }): Record<string, unknown> {
  return {
    pipeline_id: pipelineId,
    ...(stream?.playbackUrl ? { playback_url: stream.playbackUrl } : {}),
    ...(enrichment ? { client_id: enrichment.clientId } : {}),
    ...(stream && enrichment?.title ? { title: enrichment.title } : {}),
    ...(stream && enrichment?.playbackUrls && Object.keys(enrichment.playbackUrls).length ? { playback_urls: enrichment.playbackUrls } : {}),
  };
}

/** The Step Functions payload template (`Detail` of the PutEvents entry) of one detail-type: constants, and `key.$` paths into the AWS event. */
export function detailTemplate(mapping: EventMapping, detailType: string, constants: Record<string, unknown>): Record<string, unknown> {
  const paths = { ...mapping.fields, ...(mapping.fieldsFor?.[detailType] ?? {}) };
  return { ...constants, ...Object.fromEntries(Object.entries(paths).map(([k, path]) => [`${k}.$`, path])) };
}

/** Fields of archive.created that `blackwell media archive` (and `clip`, which writes no archive.json) puts on the bus. */
export interface ArchivedStream {
  pipeline_id: string;
  stream_id: string;
  started_at: string;
  retention: string;
  location: string;
  manifest_key?: string;
  objects: number;
  bytes: number;
  playback_urls: string[];
  transcode_job_id?: string;
}

export function archiveCreatedDetail(kept: ArchivedStream, clientId?: string): ArchiveCreatedDetail {
  const { transcode_job_id, ...rest } = kept;
  return { ...rest, ...(clientId ? { client_id: clientId } : {}), ...(transcode_job_id ? { transcode_job_id } : {}) };
}

/** channel.auto_stopped, for the automation that stops a channel (idle input, schedule end, budget). */
export function channelAutoStoppedDetail(
  pipelineId: string,
  channelArn: string,
  time: string,
  reason: ChannelAutoStoppedDetail["reason"],
  clientId?: string,
): ChannelAutoStoppedDetail {
  return { pipeline_id: pipelineId, ...(clientId ? { client_id: clientId } : {}), channel_arn: channelArn, time, reason };
}

/**
 * The states of a publishing state machine: route on the discriminator, put one event per matched
 * detail-type on the bus (events:putEvents), succeed quietly on anything else.
 */
export function publishingStates(
  mapping: EventMapping,
  constants: Record<string, unknown>,
  target: { busArn: string; partition: string; source: string },
  then?: { next: Record<string, string>; states: Record<string, unknown> },
): Record<string, unknown> {
  const choices = Object.entries(mapping.detailTypes).map(([value, detailType]) => ({
    Variable: mapping.discriminator,
    StringEquals: value,
    Next: detailType,
  }));
  const publish = (detailType: string) => ({
    Type: "Task",
    Resource: `arn:${target.partition}:states:::events:putEvents`,
    Parameters: {
      Entries: [{ EventBusName: target.busArn, Source: target.source, DetailType: detailType, Detail: detailTemplate(mapping, detailType, constants) }],
    },
    // Continuing (live status) keeps the AWS event as the input of the next state instead of PutEvents' answer.
    ...(then?.next[detailType] ? { ResultPath: null, Next: then.next[detailType] } : { End: true }),
  });
  const states: Record<string, unknown> = { Route: { Type: "Choice", Choices: choices, Default: "Ignore" }, Ignore: { Type: "Succeed" } };
  for (const detailType of new Set(Object.values(mapping.detailTypes))) states[detailType] = publish(detailType);
  return { ...states, ...(then?.states ?? {}) };
}

/** A delivery target as resolved from the definition's events section. */
export type DeliveryTarget = NonNullable<ResolvedPipeline["events"]>["targets"][number];

/** The rule on the pipeline bus that picks a target's events: our source, its detail-types. */
export function deliveryPattern(target: DeliveryTarget, source: string): Record<string, unknown> {
  return { source: [source], "detail-type": [...target.event_types] };
}

/**
 * What a webhook receives: the event without the sending AWS account's details (account, region,
 * resources), as an EventBridge input transformer (schemas/events.schema.json WebhookBody).
 */
export const WEBHOOK_INPUT_TRANSFORMER = {
  inputPaths: { id: "$.id", type: "$.detail-type", source: "$.source", time: "$.time", detail: "$.detail" },
  inputTemplate: '{"id": "<id>", "type": "<type>", "source": "<source>", "time": "<time>", "detail": <detail>}',
} as const;

/** Headers EventBridge adds to each webhook call, values read from the event (dynamic JSONPath parameters). */
export const WEBHOOK_HEADERS: Record<string, string> = { "X-Blackwell-Event-Type": "$.detail-type", "X-Blackwell-Event-Id": "$.id" };

/** The variable holding a webhook's secret (API key value, basic-auth password or OAuth client secret). */
export function webhookSecretVariable(target: DeliveryTarget): string {
  return `webhook_${target.name}_secret`;
}

/** The statement the owner of another account's bus adds to its resource policy so this module's role may put events on it. */
export function busPolicyStatement(target: DeliveryTarget, roleArn: string, pipelineId: string): Record<string, unknown> {
  return {
    Sid: `AllowBlackwell${`${pipelineId}${target.name}`.replace(/[^A-Za-z0-9]/g, "")}`,
    Effect: "Allow",
    Principal: { AWS: roleArn },
    Action: "events:PutEvents",
    Resource: target.event_bus_arn,
  };
}

/** The live-status document a static site polls: one object behind CloudFront, rewritten on every start and end. */
export const LIVE_STATUS = { key: "status/live.json", pathPattern: "/status/*", cacheSeconds: 5 } as const;

/** What live.json says before the first stream (written once by Terraform; the state machine owns it afterwards). */
export function initialLiveStatus(pipelineId: string, title: string, playbackUrls: PlaybackUrls): Record<string, unknown> {
  return { state: "not_started", since: null, pipeline_id: pipelineId, title, playback_urls: playbackUrls };
}

/**
 * States that write live.json after stream.started / stream.ended were published: a Pass state builds
 * the document from the AWS event, an S3 PutObject SDK task stores it (short Cache-Control, so CloudFront
 * and browsers ask again within seconds). Returns the states and the name to continue at per detail-type.
 */
export function liveStatusStates(
  bucket: string,
  pipelineId: string,
  title: string,
  playbackUrls: PlaybackUrls,
  partition: string,
): { next: Record<string, string>; states: Record<string, unknown> } {
  const states: Record<string, unknown> = {};
  const next: Record<string, string> = {};
  for (const [detailType, state] of [
    ["stream.started", "live"],
    ["stream.ended", "ended"],
  ] as const) {
    const build = `${detailType} status`;
    const write = `${detailType} write status`;
    next[detailType] = build;
    states[build] = {
      Type: "Pass",
      Parameters: { state, "since.$": "$.time", pipeline_id: pipelineId, title, playback_urls: playbackUrls },
      ResultPath: "$.live_status",
      Next: write,
    };
    states[write] = {
      Type: "Task",
      Resource: `arn:${partition}:states:::aws-sdk:s3:putObject`,
      Parameters: {
        Bucket: bucket,
        Key: LIVE_STATUS.key,
        ContentType: "application/json",
        CacheControl: `max-age=${LIVE_STATUS.cacheSeconds}`,
        "Body.$": "States.JsonToString($.live_status)",
      },
      ResultPath: null,
      End: true,
    };
  }
  return { next, states };
}

/** The live-status document's bucket and what it holds; present when the definition's events turn it on for a live stream through CloudFront. */
export interface LiveStatusPlan {
  key: typeof LIVE_STATUS.key;
  cacheSeconds: number;
  title: string;
  /** The status bucket keeps only the current document (old versions expire, uploads are cleaned up). */
  lifecycleRules: LifecycleRule[];
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
  /** EventBridge rules the module declares (the watch folder's and the delivery targets' included). */
  rules: number;
  /** With an events section: the client id every event carries, and the pipeline title stream events carry (playback URLs are added by the generator). */
  enrichment?: Omit<EventEnrichment, "playbackUrls">;
  /** The events section's delivery targets (another account's bus, webhooks); empty without one. */
  targets: DeliveryTarget[];
  liveStatus?: LiveStatusPlan;
}

export function planEvents(parts: {
  live?: LiveEncodingPlan;
  vod?: VodPlan;
  archive: boolean;
  playbackUrl: boolean;
  events?: ResolvedPipeline["events"];
  title?: string;
  cdn?: boolean;
}): EventsPlan {
  const normalizations: EventsPlan["normalizations"] = [
    ...(parts.vod ? (["transcode_state"] as const) : []),
    ...(parts.live ? (["stream_state"] as const) : []),
  ];
  const detailTypes = [...(parts.live ? ["stream.started", "stream.ended"] : []), ...(parts.vod ? ["transcode.completed", "transcode.failed"] : [])];
  const targets = parts.events?.targets ?? [];
  const title = parts.title ?? "";
  return {
    source: EVENT_SOURCE,
    normalizations,
    detailTypes,
    streamEventsCarryPlaybackUrl: parts.playbackUrl,
    archiveCreated: parts.archive,
    rules: normalizations.length + (parts.vod ? 1 : 0) + targets.length,
    ...(parts.events ? { enrichment: { clientId: parts.events.client_id, title } } : {}),
    targets,
    ...(liveStatusOn(parts)
      ? { liveStatus: { key: LIVE_STATUS.key, cacheSeconds: LIVE_STATUS.cacheSeconds, title, lifecycleRules: [retentionRule(undefined)] } }
      : {}),
  };
}

/** live.json is written by the stream state machine and served by CloudFront: it needs both (BMF-EVENTS refuses or warns otherwise). */
export function liveStatusOn(parts: { live?: unknown; cdn?: boolean; events?: ResolvedPipeline["events"] }): boolean {
  return !!(parts.events?.live_status && parts.live && parts.cdn);
}
