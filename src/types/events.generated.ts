/* Generated from schemas/events.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * Events a Blackwell pipeline puts on its EventBridge bus (source blackwell.media), as EventBridge delivers them to a rule target, another bus or a webhook. One schema per detail-type; fields marked optional appear when the definition has an events section (client id, source event id, reason) or when the pipeline has the part they describe (playback URLs need a CDN).
 */
export type MediaEvent =
  | StreamStartedEvent
  | StreamEndedEvent
  | TranscodeCompletedEvent
  | TranscodeFailedEvent
  | ArchiveCreatedEvent
  | ChannelAutoStoppedEvent;
/**
 * EventBridge's id of this event (use it to drop duplicates: delivery is at least once).
 */
export type EventId = string;
export type Source = "blackwell.media";
export type AccountId = string;
/**
 * ISO 8601 UTC time.
 */
export type Timestamp = string;
export type Region = string;
export type PipelineId = string;
/**
 * The client's own id for this pipeline's owner (definition events.client_id).
 */
export type ClientId = string;
/**
 * Id of the AWS event (MediaLive, MediaConvert) this event was made from.
 */
export type SourceEventId = string;
export type ChannelArn = string;
export type HttpsUrl = string;

export interface StreamStartedEvent {
  version: "0";
  id: EventId;
  "detail-type": "stream.started";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: StreamStartedDetail;
}
/**
 * The channel is RUNNING: viewers can play the stream.
 */
export interface StreamStartedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  source_event_id?: SourceEventId;
  channel_arn: ChannelArn;
  time: Timestamp;
  title?: string;
  /**
   * The first packaged format's manifest (HLS when there is one).
   */
  playback_url?: string;
  playback_urls?: PlaybackUrls;
}
/**
 * Manifest URLs through CloudFront, per packaging format.
 */
export interface PlaybackUrls {
  hls?: HttpsUrl;
  dash?: HttpsUrl;
  cmaf?: HttpsUrl;
}
export interface StreamEndedEvent {
  version: "0";
  id: EventId;
  "detail-type": "stream.ended";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: StreamEndedDetail;
}
/**
 * The channel STOPPED: the stream is over.
 */
export interface StreamEndedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  source_event_id?: SourceEventId;
  channel_arn: ChannelArn;
  time: Timestamp;
  title?: string;
  /**
   * The first packaged format's manifest (HLS when there is one).
   */
  playback_url?: string;
  playback_urls?: PlaybackUrls;
  /**
   * MediaLive's message for the state change (e.g. "Stopped channel").
   */
  reason?: string;
}
export interface TranscodeCompletedEvent {
  version: "0";
  id: EventId;
  "detail-type": "transcode.completed";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: TranscodeCompletedDetail;
}
/**
 * A MediaConvert job of this pipeline wrote all its outputs.
 */
export interface TranscodeCompletedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  source_event_id?: SourceEventId;
  /**
   * MediaConvert job id.
   */
  job_id: string;
  time: Timestamp;
  status: "COMPLETE";
}
export interface TranscodeFailedEvent {
  version: "0";
  id: EventId;
  "detail-type": "transcode.failed";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: TranscodeFailedDetail;
}
/**
 * A MediaConvert job of this pipeline failed.
 */
export interface TranscodeFailedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  source_event_id?: SourceEventId;
  /**
   * MediaConvert job id.
   */
  job_id: string;
  time: Timestamp;
  status: "ERROR";
  /**
   * MediaConvert error code (see MediaConvert's error code list).
   */
  error_code?: number;
  /**
   * MediaConvert's error message.
   */
  reason?: string;
}
export interface ArchiveCreatedEvent {
  version: "0";
  id: EventId;
  "detail-type": "archive.created";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: ArchiveCreatedDetail;
}
/**
 * blackwell media archive kept a recorded stream under archive/<stream_id>/.
 */
export interface ArchiveCreatedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  /**
   * Recording id (MediaLive $dt$ of the stream start).
   */
  stream_id: string;
  started_at: Timestamp;
  retention: string;
  /**
   * S3 prefix of the kept copy.
   */
  location: string;
  /**
   * Key of archive.json (what was kept) in the archive bucket.
   */
  manifest_key?: string;
  objects: number;
  bytes: number;
  /**
   * Manifests of the kept copy through CloudFront (empty without a CDN).
   */
  playback_urls: HttpsUrl[];
  /**
   * MediaConvert job started with archive --transcode.
   */
  transcode_job_id?: string;
}
export interface ChannelAutoStoppedEvent {
  version: "0";
  id: EventId;
  "detail-type": "channel.auto_stopped";
  source: Source;
  account: AccountId;
  time: Timestamp;
  region: Region;
  resources: string[];
  detail: ChannelAutoStoppedDetail;
}
/**
 * Automation stopped the channel (idle input, end of a schedule, or a budget reached).
 */
export interface ChannelAutoStoppedDetail {
  pipeline_id: PipelineId;
  client_id?: ClientId;
  channel_arn: ChannelArn;
  time: Timestamp;
  /**
   * no_input: the idle-stop automation found no input video for its hours while the channel ran. budget: the pipeline's monthly budget reported actual cost above its limit and the definition asked for the channel to stop then (automation.stop_channel_over_budget).
   */
  reason: "no_input" | "schedule" | "budget";
  /**
   * The reason in words, e.g. 'no input video for 1 h while running'.
   */
  reason_text?: string;
  /**
   * Name of the idle-input CloudWatch alarm that watched the channel.
   */
  alarm?: string;
  /**
   * What started the check: the idle alarm going to ALARM, the channel starting with no input, or the budget's notification that the actual cost passed its limit.
   */
  trigger?: "aws.cloudwatch" | "aws.medialive" | "aws.budgets";
  /**
   * Name of the AWS Budgets budget whose actual cost passed its limit (reason budget).
   */
  budget?: string;
}
