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
 * @minItems 1
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "DrmSystems".
 */
export type DrmSystems = ("clear_key_aes_128" | "fairplay" | "widevine" | "playready")[];
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "LicenseUrl".
 */
export type LicenseUrl = string;

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
   * Live backend. medialive (default): MediaLive + MediaPackage v2 + CloudFront. ivs: one Amazon IVS channel (managed ingest, transcoding and delivery through IVS's own CDN; the cloudfront output stands for that playback), recording to the s3_archive bucket and, with access private, playback keys. IVS takes one RTMP(S) push source and none of the MediaPackage, DRM, captions, ad-marker, slate, clip, failover, simulcast, VOD, events, automation or analytics settings.
   */
  backend?: "medialive" | "ivs";
  ad_markers?: AdMarkers;
  ad_insertion?: AdInsertion;
  slate?: Slate;
  clips?: Clips;
  /**
   * private: CloudFront signed URLs are required for playback.
   */
  access?: "public" | "private";
  region: Region;
  /**
   * A second region holding a redundant origin: a MediaLive channel and a MediaPackage v2 channel with the same endpoints there. One CloudFront distribution fails over from the primary region's endpoints to these on 5xx/404 (an origin group), and the channel's events reach the pipeline's bus. The module then needs the provider configurations aws.failover (and awscc.failover) from its caller.
   */
  failover_region?: string;
  /**
   * @deprecated
   * Replaced by failover_region (one region for a redundant origin); refused with that advice, because it never generated anything.
   *
   * @maxItems 4
   */
  extra_regions?: Region[];
  tier: "development" | "standard" | "enterprise" | "staging" | "production";
  /**
   * The kind of site the stream is embedded in. none: nothing added. ecommerce: the live-status document on, CORS for ecommerce.shop_origins, and the product-page embed (blackwell media embed --format product-page). cms, ssg, static_site: accepted, nothing added yet.
   */
  integration?: "none" | "ecommerce" | "cms" | "ssg" | "static_site";
  ecommerce?: EcommerceSettings;
  events?: EventsSettings;
  /**
   * The client this pipeline serves (the seed's deploy --client-id): tagged Client on every resource for cost allocation, and grouped by blackwell media cost estimate --client-id.
   */
  client_id?: string;
  tags?: {
    [k: string]: string;
  };
  vod?: VodSettings;
  usage?: UsageAssumptions;
  automation?: Automation;
  drm?: DrmSettings;
  analytics?: Analytics;
  captions?: CaptionsSettings;
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
   * Pull URL (rtmp_pull, url_pull), object URL (mp4_file, s3), or the upstream SRT listener srt://<IPv4 address>:<port> (srt).
   */
  url?: string;
  /**
   * Second feed, for pipeline 1 of a STANDARD channel (srt: a second SRT listener, srt://<IPv4 address>:<port>).
   */
  backup_url?: string;
  /**
   * RTMP push application/instance.
   */
  stream_name?: string;
  srt?: SrtCallerSettings;
  input_device_id?: string;
  /**
   * Second Elemental Link device, for pipeline 1 of a STANDARD channel (a standard-class input has one device per pipeline).
   */
  backup_input_device_id?: string;
  /**
   * One flow per pipeline: two for a STANDARD channel, one for a single-pipeline channel.
   *
   * @minItems 1
   * @maxItems 2
   */
  flow_arns?: string[];
  max_resolution?: "SD" | "HD" | "UHD";
  max_bitrate?: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
}
/**
 * SRT caller input (srt sources only): MediaLive calls the upstream system's SRT listener at url (and backup_url for pipeline 1 of a STANDARD channel).
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "SrtCallerSettings".
 */
export interface SrtCallerSettings {
  /**
   * Stream ID MediaLive sends in the SRT handshake, when the upstream listener uses one.
   */
  stream_id?: string;
  /**
   * Preferred latency for packet loss recovery, in milliseconds (MediaLive allows 120 to 15000; agree it with the upstream operator).
   */
  minimum_latency_ms?: number;
  decryption?: SrtDecryption;
}
/**
 * The upstream system encrypts the stream; MediaLive reads the passphrase from AWS Secrets Manager when the channel runs. The passphrase itself never goes in a definition.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "SrtDecryption".
 */
export interface SrtDecryption {
  /**
   * Encryption the upstream system uses: AES128, AES192 or AES256.
   */
  algorithm: string;
  /**
   * ARN of the Secrets Manager secret holding the passphrase as plaintext (10 to 79 characters). Left out, the module takes it as the variable <source id>_passphrase_secret_arn.
   */
  passphrase_secret_arn?: string;
  /**
   * Customer managed KMS key the secret is encrypted with (the channel role gets kms:Decrypt on it, through Secrets Manager only). Leave out for the aws/secretsmanager key.
   */
  kms_key_arn?: string;
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
  /**
   * The platform's backup ingest URL, where the second pipeline of a STANDARD channel publishes (required there for rtmp outputs: without it both pipelines publish to one URL and key).
   */
  backup_url?: string;
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
 * SCTE-35 ad markers: MediaLive passes the source's SCTE-35 messages (and the splices of `stream ad-break`) through to MediaPackage, which writes them into the HLS manifests as EXT-X-DATERANGE tags and into the DASH manifests as SCTE-35 events in ad-avail periods. Without this section SCTE-35 is dropped.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "AdMarkers".
 */
export interface AdMarkers {
  /**
   * Pass SCTE-35 through (default true when the section is present; false keeps it off).
   */
  scte35_passthrough?: boolean;
  /**
   * How DASH manifests carry the SCTE-35 marker: full XML (default) or base64 binary.
   */
  dash?: "XML" | "BINARY";
}
/**
 * Server-side ad insertion with AWS Elemental MediaTailor: a playback configuration personalizes the MediaPackage v2 manifests (fetched through CloudFront) at the ad markers, asking your ad decision server for ads; CloudFront serves the personalized manifests from MediaTailor, the ad segments from MediaTailor's segment origin and the content segments from MediaPackage. Needs ad_markers (SCTE-35 passthrough) and a public live pipeline with the cloudfront output.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "AdInsertion".
 */
export interface AdInsertion {
  /**
   * Your ad decision server (VAST/VMAP) URL, with MediaTailor's dynamic variables such as [session.id] or [player_params.*] if you use them. https only.
   */
  ad_decision_server_url: string;
  /**
   * MP4 (audio and video) MediaTailor shows in ad time the ads do not fill. https only.
   */
  slate_ad_url?: string;
  /**
   * Underfilled ad time (seconds) above which MediaTailor gives up personalizing a break and shows the underlying stream (MediaTailor's default: personalize every break).
   */
  personalization_threshold_seconds?: number;
}
/**
 * Ship a slate image (data/slate/slate.png, 1280x720) in a private bucket of the module that only the MediaLive channel's role may read; `blackwell media stream slate on|off` shows and hides it over the stream (MediaLive static image schedule actions).
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Slate".
 */
export interface Slate {
  /**
   * Fade in and out of the slate in milliseconds (default 500).
   */
  fade_ms?: number;
}
/**
 * Clip-to-VOD: `blackwell media clip <pipeline> --from --to` harvests a window of the start-over window (MediaPackage v2 harvest job) into the archive bucket under archive/<clip-id>/. The module lets MediaPackage v2 write there, for this channel's endpoints only. Needs the s3_archive and cloudfront outputs.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Clips".
 */
export interface Clips {}
/**
 * With integration ecommerce: the shop the product-page embed runs on.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "EcommerceSettings".
 */
export interface EcommerceSettings {
  /**
   * The shop's web origins: the only sites CloudFront lets a browser player fetch the stream and live.json from (CORS; default of the module's allowed_embed_origins).
   *
   * @minItems 1
   * @maxItems 20
   *
   * Items: an https origin: https://host[:port] in lower case, no path, no trailing slash, e.g. https://shop.example.com
   */
  shop_origins?: string[];
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
  /**
   * Captions from a sidecar file uploaded before its video to captions/<the video's key>.<format> in the source bucket (outside the watched prefix); the job template writes them as WebVTT beside the HLS, DASH and CMAF renditions.
   */
  sidecar_captions?: {
    format: "scc" | "srt";
    /**
     * ISO 639-2 code, e.g. eng.
     */
    language_code: string;
    /**
     * Shown in players' captions menus (default: the language code).
     */
    name?: string;
  };
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
  /**
   * Ads MediaTailor inserts per hour each viewer watches (ad_insertion): the cost estimate's quantity of ad insertions (default 8).
   */
  ads_per_viewer_hour?: number;
}
/**
 * Cost-aware automation, generated into the module's automation.tf.json with AWS managed integrations (CloudWatch, EventBridge, Scheduler, Step Functions, Budgets, S3 lifecycle): no function code to deploy.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Automation".
 */
export interface Automation {
  /**
   * Stop a running channel whose inputs have carried no video for this many hours (InputVideoFrameRate below 1 frame/s on every pipeline); a channel.auto_stopped event names the reason. At most 24: a CloudWatch alarm evaluates at most one day.
   */
  scale_down_after_hours?: number;
  /**
   * Monthly budget in USD: an AWS Budgets cost budget on the pipeline's cost-allocation tag (Pipeline), notifying at 80% forecast and 100% actual. The cost estimate warns when it expects more.
   */
  max_cost_per_month?: number;
  /**
   * Move recordings of the s3_archive output to archive_storage_class this many days after they were written.
   */
  archive_after_days?: number;
  /**
   * S3 storage class archive_after_days moves recordings to. Default GLACIER_IR (Glacier Instant Retrieval: still playable through CloudFront).
   */
  archive_storage_class?:
    "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE" | "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING";
  /**
   * When true, stop the running channel once AWS Budgets reports the month's actual cost above max_cost_per_month (Budgets notification -> encrypted SNS topic -> SQS queue -> EventBridge Pipes -> a Step Functions state machine that stops this channel and puts channel.auto_stopped with reason budget). Budgets updates a few times a day, so the stop can come hours after the limit is passed. Default false.
   */
  stop_channel_over_budget?: boolean;
  schedule?: AutomationSchedule;
  notify?: AutomationNotify;
}
/**
 * When the channel runs: EventBridge Scheduler starts it start_lead_minutes before each window and stops it at the window's end. Weekly windows become cron() schedules, events one-time at() schedules, cron windows the cron() expressions given.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "AutomationSchedule".
 */
export interface AutomationSchedule {
  /**
   * IANA time zone of every time in the schedule, e.g. "Europe/London" (daylight saving time is followed).
   */
  timezone: string;
  /**
   * Start the channel this many minutes before a window opens (MediaLive takes about 1-2 minutes to start). Default 5.
   */
  start_lead_minutes?: number;
  /**
   * @minItems 1
   * @maxItems 20
   */
  weekly?: WeeklyWindow[];
  /**
   * @minItems 1
   * @maxItems 50
   */
  events?: ScheduledEvent[];
  /**
   * Windows given as EventBridge Scheduler cron expressions, for patterns weekly windows cannot say (the first Monday of a month, the 15th): the channel starts at start and stops at stop, in the schedule's timezone (start_lead_minutes does not apply: put the lead into start).
   *
   * @minItems 1
   * @maxItems 20
   */
  cron?: CronWindow[];
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "WeeklyWindow".
 */
export interface WeeklyWindow {
  /**
   * @minItems 1
   * @maxItems 7
   */
  days: ("MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT" | "SUN")[];
  /**
   * Local time HH:MM the window opens.
   */
  start: string;
  /**
   * Local time HH:MM the window closes, later the same day (24:00 for midnight).
   */
  end: string;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "ScheduledEvent".
 */
export interface ScheduledEvent {
  name?: string;
  /**
   * Local date and time (YYYY-MM-DDTHH:MM, in the schedule's timezone) the event starts.
   */
  start: string;
  /**
   * Local date and time the event ends.
   */
  end: string;
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "CronWindow".
 */
export interface CronWindow {
  name?: string;
  /**
   * When the channel starts: cron(minutes hours day-of-month month day-of-week year), six fields, one of the day fields ?, e.g. cron(55 8 ? * MON#1 *).
   */
  start: string;
  /**
   * When the channel stops, in the same six-field cron syntax, e.g. cron(0 12 ? * MON#1 *).
   */
  stop: string;
}
/**
 * Who hears about budget thresholds.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "AutomationNotify".
 */
export interface AutomationNotify {
  /**
   * @minItems 1
   * @maxItems 10
   */
  emails?: string[];
  sns_topic_arn?: string;
}
/**
 * Encrypt the live stream's MediaPackage v2 origin endpoints with keys from your DRM provider's SPEKE v2 key server. Which systems each playback format carries: hls (TS segments) takes clear_key_aes_128 or fairplay; dash takes widevine and/or playready; cmaf (HLS over CMAF) takes fairplay, widevine and/or playready.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "DrmSettings".
 */
export interface DrmSettings {
  /**
   * The SPEKE v2 key server (API Gateway) URL MediaPackage asks for content keys.
   */
  key_server_url: string;
  /**
   * IAM role MediaPackage assumes to call the key server (trusting mediapackagev2.amazonaws.com); whoever applies the module needs iam:PassRole on it.
   */
  role_arn: string;
  /**
   * ACM certificate for encrypted content-key exchange with the key server (optional).
   */
  certificate_arn?: string;
  /**
   * Content id sent to the key server (default: the pipeline_id).
   */
  resource_id?: string;
  /**
   * Rotate content keys this often (MediaPackage v2 allows 300 to 31536000; default: MediaPackage's own).
   */
  key_rotation_interval_seconds?: number;
  /**
   * DRM systems per playback format; a format not listed stays unencrypted.
   */
  systems: {
    hls?: DrmSystems;
    dash?: DrmSystems;
    cmaf?: DrmSystems;
  };
  /**
   * Where the player snippet asks for licenses (your DRM provider's license servers). Clear-key AES-128 needs none: the key URL is in the HLS playlist.
   */
  license_urls?: {
    widevine?: LicenseUrl;
    playready?: LicenseUrl;
    fairplay?: LicenseUrl;
    fairplay_certificate?: LicenseUrl;
  };
}
/**
 * Viewer analytics from CloudFront standard logging (v2), off unless viewer_logs is true: the module then delivers the distribution's access logs to a logs bucket of its own (expired after log_retention_days), declares a Glue table over them and Athena named queries (concurrent viewers, watch time per stream, top countries) that blackwell media analytics runs. CloudFront's log delivery source is created in us-east-1: outside it, the module takes a second aws provider configuration, aws.us_east_1, for the delivery resources (the bucket stays in the pipeline's region).
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "Analytics".
 */
export interface Analytics {
  /**
   * Deliver CloudFront access logs (standard logging v2) to the module's logs bucket, with the Glue table and Athena named queries over them.
   */
  viewer_logs?: boolean;
  /**
   * Days the access logs and Athena query results are kept before S3 expires them.
   */
  log_retention_days?: number;
}
/**
 * Captions of the live stream: the source's embedded CEA-608/708 captions, passed through MediaLive as WebVTT renditions of the HLS it sends MediaPackage (which serves them in HLS, DASH and CMAF), or burned into the picture.
 *
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "CaptionsSettings".
 */
export interface CaptionsSettings {
  /**
   * One entry per CEA-608 channel (CC1-CC4) to carry.
   *
   * @minItems 1
   * @maxItems 4
   */
  languages: CaptionLanguage[];
  /**
   * webvtt (default): selectable WebVTT tracks; burn_in: drawn into every video rendition (one language only).
   */
  mode?: "webvtt" | "burn_in";
}
/**
 * This interface was referenced by `PipelineDefinition`'s JSON-Schema
 * via the `definition` "CaptionLanguage".
 */
export interface CaptionLanguage {
  /**
   * CEA-608 channel number in the source (1 = CC1).
   */
  channel: number;
  /**
   * ISO 639-2 code, e.g. eng.
   */
  language_code: string;
  /**
   * Shown in the player's captions menu (default: the language code).
   */
  name?: string;
}
