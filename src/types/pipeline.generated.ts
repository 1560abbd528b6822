/* Generated from schemas/pipeline.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "PipelineType".
 */
export type PipelineType = "live_stream" | "vod_processing" | "hybrid";
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "SourceName".
 */
export type SourceName =
  "rtmp" | "obs" | "rtmp_pull" | "srt" | "rtp" | "elemental_link" | "mediaconnect" | "url_pull" | "mp4_file" | "s3";
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Cidr".
 */
export type Cidr = string;
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "OutputName".
 */
export type OutputName = "cloudfront" | "youtube" | "s3_archive";
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "RtmpUrl".
 */
export type RtmpUrl = string;
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Region".
 */
export type Region = string;
/**
 * Only these detail-types (default: all).
 *
 * @minItems 1
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "EventTypes".
 */
export type EventTypes = (
  | "stream.started"
  | "stream.ended"
  | "transcode.completed"
  | "transcode.failed"
  | "archive.created"
  | "channel.auto_stopped"
)[];
/**
 * How EventBridge authenticates to the webhook; the secret (API key value, password or OAuth client secret) is the module's sensitive variable webhook_<name>_secret, never in the definition.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "WebhookAuth".
 */
export type WebhookAuth =
  | {
      type: "api_key";
      /**
       * Header carrying the key (default x-api-key).
       */
      header?: string;
    }
  | {
      type: "basic";
      username: string;
    }
  | {
      type: "oauth_client_credentials";
      token_url: string;
      client_id: string;
      scope?: string;
    };

/**
 * A Blackwell media pipeline definition: what to ingest, how to transcode it and where to deliver it.
 */
export interface PipelineDefinition {
  /**
   * Editor hint: path or URL of this schema.
   */
  $schema?: string;
  /**
   * Slug used in file names and AWS resource names (it is the default name_prefix of the module, which AWS name limits cap at 28 characters).
   */
  pipeline_id: string;
  /**
   * Human-readable title shown in players and README.
   */
  title?: string;
  description?: string;
  pipeline_type: PipelineType;
  /**
   * Ingest sources. A channel attaches at most two inputs (the second is an automatic input failover).
   *
   * @minItems 1
   * @maxItems 2
   */
  sources: (SourceName | SourceSettings)[];
  /**
   * Catalog profile or ladder names (e.g. "1080p", "abr_1080p") or custom rungs.
   *
   * @minItems 1
   * @maxItems 12
   */
  transcode_profiles: (string | CustomRung)[];
  /**
   * @minItems 1
   * @maxItems 8
   */
  outputs: (OutputName | RtmpUrl | OutputSettings)[];
  /**
   * Playback formats delivered through MediaPackage (live) or MediaConvert (VOD). Default: hls, dash, cmaf.
   *
   * @minItems 1
   */
  packaging?: ("hls" | "dash" | "cmaf")[];
  /**
   * Shorter segments and manifest windows for lower glass-to-glass latency.
   */
  low_latency?: boolean;
  /**
   * private: CloudFront signed URLs are required for playback.
   */
  access?: "public" | "private";
  region: Region;
  /**
   * @maxItems 4
   */
  extra_regions?: Region[];
  tier: "development" | "standard" | "enterprise" | "staging" | "production";
  integration?: "none" | "ecommerce" | "cms" | "ssg" | "static_site";
  events?: EventsSettings;
  tags?: {
    [k: string]: string;
  };
  vod?: VodSettings;
  usage?: UsageAssumptions;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "SourceSettings".
 */
export interface SourceSettings {
  type: SourceName;
  id?: string;
  /**
   * @minItems 1
   * @maxItems 10
   */
  allowed_cidrs?: Cidr[];
  /**
   * Explicit opt-in to accept pushes from 0.0.0.0/0.
   */
  allow_open_ingest?: boolean;
  /**
   * Pull URL (rtmp_pull, url_pull) or object URL (mp4_file, s3).
   */
  url?: string;
  backup_url?: string;
  /**
   * RTMP push application/instance.
   */
  stream_name?: string;
  srt_mode?: "listener" | "caller";
  passphrase?: SecretReference;
  input_device_id?: string;
  /**
   * @minItems 1
   * @maxItems 2
   */
  flow_arns?: string[];
  max_resolution?: "SD" | "HD" | "UHD";
  max_bitrate?: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
}
/**
 * Where a secret comes from. Never the secret itself.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "SecretReference".
 */
export interface SecretReference {
  secrets_manager_arn?: string;
  ssm_parameter?: string;
  /**
   * Name of the sensitive module variable that carries it.
   */
  variable?: string;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "CustomRung".
 */
export interface CustomRung {
  name: string;
  width: number;
  height: number;
  /**
   * Maximum video bitrate in bits per second.
   */
  bitrate: number;
  qvbr_quality?: number;
  fps?: 23.976 | 24 | 25 | 29.97 | 30 | 50 | 59.94 | 60;
  codec?: "h264" | "h265";
  profile?: "baseline" | "main" | "high";
  gop_seconds?: number;
  audio_bitrate?: 64000 | 96000 | 128000 | 192000;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "OutputSettings".
 */
export interface OutputSettings {
  type: "cloudfront" | "youtube" | "rtmp" | "s3_archive";
  id?: string;
  url?: RtmpUrl;
  stream_key?: SecretReference;
  retention_days?: number;
  transition_to_ia_days?: number;
  transition_to_glacier_days?: number;
  /**
   * Retentions `blackwell media archive <stream-id> --retention <N>d` can give an archived stream (one S3 lifecycle rule each). Default [7, 30, 90, 365, 1825].
   *
   * @minItems 1
   * @maxItems 20
   */
  archive_retention_choices_days?: number[];
  price_class?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
}
/**
 * Where the pipeline's events (schemas/events.schema.json) go besides its own bus, and what they carry. With this section events also carry client_id, source_event_id and reason.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "EventsSettings".
 */
export interface EventsSettings {
  /**
   * Your own id of this pipeline's owner, carried in every event (default: the pipeline_id).
   */
  client_id?: string;
  /**
   * Write status/live.json (state, since, playback URLs, title) behind CloudFront on stream start and end. Default: true with integration ecommerce, else false.
   */
  live_status?: boolean;
  /**
   * @maxItems 5
   */
  targets?: (EventBusTarget | WebhookTarget)[];
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "EventBusTarget".
 */
export interface EventBusTarget {
  kind: "event_bus";
  /**
   * Names the target's resources (default: bus, bus_2, ...).
   */
  name?: string;
  /**
   * An existing bus, possibly in another account; its resource policy must let this module's role put events (the module README prints the statement).
   */
  event_bus_arn: string;
  event_types?: EventTypes;
  retry?: DeliveryRetry;
}
/**
 * EventBridge retry policy; what still fails lands in the encrypted dead-letter queue.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "DeliveryRetry".
 */
export interface DeliveryRetry {
  maximum_retry_attempts?: number;
  maximum_event_age_seconds?: number;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "WebhookTarget".
 */
export interface WebhookTarget {
  kind: "webhook";
  /**
   * Names the target's resources and its secret variable webhook_<name>_secret (default: webhook, webhook_2, ...).
   */
  name?: string;
  url: string;
  auth: WebhookAuth;
  /**
   * At most this many calls a second (default 10).
   */
  rate_limit_per_second?: number;
  event_types?: EventTypes;
  retry?: DeliveryRetry;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "VodSettings".
 */
export interface VodSettings {
  thumbnails?: boolean;
  input_prefix?: string;
  source_retention_days?: number;
  output_retention_days?: number;
  accelerated?: boolean;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "UsageAssumptions".
 */
export interface UsageAssumptions {
  live_hours_per_month?: number;
  /**
   * Distinct viewers of the live stream per month.
   */
  viewers?: number;
  /**
   * Minutes each viewer watches per month (live, or per on-demand view).
   */
  watch_minutes_per_viewer?: number;
  watched_bitrate_kbps?: number;
  vod_minutes_per_month?: number;
  vod_views_per_month?: number;
  archive_days?: number;
}
