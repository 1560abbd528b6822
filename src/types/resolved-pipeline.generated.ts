/* Generated from schemas/resolved-pipeline.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedDrmSystems".
 */
export type ResolvedDrmSystems = ("clear_key_aes_128" | "fairplay" | "widevine" | "playready")[];

/**
 * A pipeline definition after validation and catalog resolution: every name replaced by its settings, every default filled in. Generators, the cost estimator and the player templates read only this.
 */
export interface ResolvedPipeline {
  pipeline_id: string;
  title: string;
  description?: string;
  pipeline_type: "live_stream" | "vod_processing" | "hybrid";
  live: boolean;
  vod: boolean;
  region: string;
  /**
   * Region of the redundant origin (MediaLive + MediaPackage v2), when the definition asks for one.
   */
  failover_region?: string;
  tier: "development" | "standard" | "enterprise";
  tier_settings: {
    channel_class: "SINGLE_PIPELINE" | "STANDARD";
    log_level: "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
    cdn_price_class: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
    alarms: boolean;
    archive_retention_days: number;
  };
  access: "public" | "private";
  integration: "none" | "ecommerce" | "cms" | "ssg" | "static_site";
  events?: ResolvedEvents;
  /**
   * Present with integration ecommerce: the shop origins CORS allows (empty: the pipeline's usual default).
   */
  ecommerce?: {
    shop_origins: string[];
  };
  low_latency: boolean;
  /**
   * Present only for an Amazon IVS pipeline (absent: MediaLive).
   */
  backend?: "ivs";
  ad_markers?: ResolvedAdMarkers;
  ad_insertion?: ResolvedAdInsertion;
  slate?: ResolvedSlate;
  /**
   * MediaPackage v2 may harvest clips into the archive bucket (archive/).
   */
  clips?: boolean;
  packaging: ("hls" | "dash" | "cmaf")[];
  sources: ResolvedSource[];
  /**
   * @minItems 1
   */
  rungs: ResolvedRung[];
  outputs: ResolvedOutput[];
  /**
   * Set for a template's creators when they share one MediaPackage v2 channel group: the module takes the group's name and egress domain as inputs (from the template's shared module) instead of creating a group.
   */
  shared_channel_group?: {
    template_id: string;
    /**
     * Module that owns the group: <template_id>-shared.
     */
    module_id: string;
  };
  vod_settings: {
    thumbnails: boolean;
    input_prefix: string;
    source_retention_days: number;
    output_retention_days: number;
    accelerated: boolean;
    sidecar_captions?: {
      format: "scc" | "srt";
      language_code: string;
      name: string;
    };
  };
  usage: {
    live_hours_per_month: number;
    viewers: number;
    watch_minutes_per_viewer: number;
    watched_bitrate_kbps: number;
    vod_minutes_per_month: number;
    vod_views_per_month: number;
    archive_days: number;
    /**
     * Where each usage figure came from: the definition or the tier default.
     */
    from: {
      [k: string]: "definition" | "tier_default" | "flag";
    };
  };
  /**
   * The client this pipeline serves; tagged Client.
   */
  client_id?: string;
  tags: {
    [k: string]: string;
  };
  automation?: ResolvedAutomation;
  drm?: ResolvedDrm;
  /**
   * Present when the definition turns viewer analytics on (analytics.viewer_logs).
   */
  viewer_logs?: {
    retention_days: number;
  };
  /**
   * The definition's captions with defaults (mode webvtt, name = language code); absent without one.
   */
  captions?: {
    mode: "webvtt" | "burn_in";
    languages: {
      channel: number;
      language_code: string;
      name: string;
    }[];
  };
}
/**
 * Present when the definition has an events section.
 *
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedEvents".
 */
export interface ResolvedEvents {
  client_id: string;
  live_status: boolean;
  targets: ResolvedEventTarget[];
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedEventTarget".
 */
export interface ResolvedEventTarget {
  kind: "event_bus" | "webhook";
  name: string;
  event_bus_arn?: string;
  url?: string;
  auth?: {
    type: "api_key" | "basic" | "oauth_client_credentials";
    header?: string;
    username?: string;
    token_url?: string;
    client_id?: string;
    scope?: string;
  };
  rate_limit_per_second?: number;
  event_types: (
    | "stream.started"
    | "stream.ended"
    | "transcode.completed"
    | "transcode.failed"
    | "archive.created"
    | "channel.auto_stopped"
  )[];
  retry: {
    maximum_retry_attempts: number;
    maximum_event_age_seconds: number;
  };
}
/**
 * Present only when SCTE-35 passes through to the manifests.
 *
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedAdMarkers".
 */
export interface ResolvedAdMarkers {
  dash: "XML" | "BINARY";
}
/**
 * Present only with the definition's ad_insertion section (MediaTailor).
 *
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedAdInsertion".
 */
export interface ResolvedAdInsertion {
  ad_decision_server_url: string;
  slate_ad_url?: string;
  personalization_threshold_seconds?: number;
  /**
   * Usage assumption for the cost estimate (usage.ads_per_viewer_hour, default 8).
   */
  ads_per_viewer_hour: number;
  ads_per_viewer_hour_from: "definition" | "default";
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedSlate".
 */
export interface ResolvedSlate {
  fade_ms: number;
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedSource".
 */
export interface ResolvedSource {
  id: string;
  kind: "rtmp" | "rtmp_pull" | "srt" | "rtp" | "elemental_link" | "mediaconnect" | "url_pull" | "mp4_file" | "s3";
  live: boolean;
  push: boolean;
  input_type: string | null;
  allowed_cidrs: string[];
  allow_open_ingest: boolean;
  url?: string;
  backup_url?: string;
  stream_name?: string;
  input_device_id?: string;
  backup_input_device_id?: string;
  flow_arns?: string[];
  max_resolution?: "SD" | "HD" | "UHD";
  max_bitrate?: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
  srt?: ResolvedSrtCaller;
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedSrtCaller".
 */
export interface ResolvedSrtCaller {
  stream_id?: string;
  minimum_latency_ms?: number;
  decryption?: {
    algorithm: "AES128" | "AES192" | "AES256";
    passphrase_secret_arn?: string;
    kms_key_arn?: string;
  };
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedRung".
 */
export interface ResolvedRung {
  name: string;
  kind: "video" | "audio";
  width?: number;
  height?: number;
  bitrate?: number;
  qvbr_quality?: number;
  fps?: number;
  framerate_numerator?: number;
  framerate_denominator?: number;
  codec?: "h264" | "h265";
  profile?: "baseline" | "main" | "high";
  gop_seconds?: number;
  audio_bitrate: number;
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedOutput".
 */
export interface ResolvedOutput {
  id: string;
  type: "cloudfront" | "youtube" | "rtmp" | "s3_archive";
  kind: "cdn" | "rtmp_push" | "archive";
  url?: string;
  /**
   * Ingest URL for the second pipeline of a STANDARD channel.
   */
  backup_url?: string;
  stream_key?: SecretRef;
  retention_days?: number;
  transition_to_ia_days?: number;
  transition_to_glacier_days?: number;
  /**
   * Sorted ascending.
   */
  archive_retention_choices_days?: number[];
  price_class?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
}
/**
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "SecretRef".
 */
export interface SecretRef {
  kind: "variable" | "secrets_manager" | "ssm_parameter";
  /**
   * Variable name, secret ARN or parameter name.
   */
  ref: string;
}
/**
 * The definition's automation with defaults filled in; absent when the definition has none.
 *
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedAutomation".
 */
export interface ResolvedAutomation {
  scale_down_after_hours?: number;
  max_cost_per_month?: number;
  /**
   * Present (true) only when the definition asks for it.
   */
  stop_channel_over_budget?: boolean;
  archive_after_days?: number;
  archive_storage_class?:
    "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE" | "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING";
  schedule?: {
    timezone: string;
    start_lead_minutes: number;
    weekly: {
      days: ("MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT" | "SUN")[];
      start: string;
      end: string;
    }[];
    events: {
      name: string;
      start: string;
      end: string;
    }[];
    /**
     * Present when the definition has cron windows.
     */
    cron?: {
      name: string;
      start: string;
      stop: string;
    }[];
  };
  notify: {
    emails: string[];
    sns_topic_arn?: string;
  };
}
/**
 * The definition's drm section with the resource id filled in; absent without one.
 *
 * This interface was referenced by `ResolvedPipeline`'s JSON-Schema
 * via the `definition` "ResolvedDrm".
 */
export interface ResolvedDrm {
  key_server_url: string;
  role_arn: string;
  certificate_arn?: string;
  resource_id: string;
  key_rotation_interval_seconds?: number;
  systems: {
    hls?: ResolvedDrmSystems;
    dash?: ResolvedDrmSystems;
    cmaf?: ResolvedDrmSystems;
  };
  license_urls: {
    widevine?: string;
    playready?: string;
    fairplay?: string;
    fairplay_certificate?: string;
  };
}
