/* Generated from schemas/catalog.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * The media provider registry: every named thing a pipeline definition can refer to, with the facts generators and the cost estimator need.
 */
export interface MediaCatalog {
  $schema?: string;
  as_of: string;
  sources_of_facts: string[];
  pipeline_types: {
    [k: string]: {
      description: string;
      live: boolean;
      vod: boolean;
    };
  };
  profiles: {
    [k: string]: Profile;
  };
  ladders: {
    [k: string]: {
      description: string;
      /**
       * @minItems 1
       */
      rungs: string[];
      source?: string;
    };
  };
  sources: {
    [k: string]: SourceKind;
  };
  outputs: {
    [k: string]: {
      description: string;
      kind: "cdn" | "rtmp_push" | "archive";
      default_url?: string;
      /**
       * Second ingest URL for the redundant pipeline of a STANDARD channel.
       */
      backup_url?: string;
      source?: string;
    };
  };
  /**
   * Services that take RTMPS: an rtmp:// URL matching `rtmp` (a regular expression) sends the stream key in clear and is refused with the `rtmps` replacement ($1... are its groups).
   */
  rtmps_upgrades?: {
    service: string;
    rtmp: string;
    rtmps: string;
    source: string;
  }[];
  /**
   * What MediaLive accepts in an SRT caller input (AWS::MediaLive::Input SrtSettings), from the MediaLive User Guide and API reference.
   */
  srt_caller: {
    /**
     * Lowest and highest latency MediaLive takes.
     *
     * @minItems 2
     * @maxItems 2
     */
    minimum_latency_ms: number[];
    /**
     * Decryption algorithms (the API's Algorithm enum).
     *
     * @minItems 1
     */
    algorithms: string[];
    /**
     * SrtCallerSources a channel of each class needs: a single-class input has one, a standard-class input two.
     */
    sources_per_channel_class: {
      [k: string]: number;
    };
    sources: string[];
  };
  tiers: {
    [k: string]: Tier;
  };
  tier_aliases: {
    [k: string]: string;
  };
  regions: {
    [k: string]: {
      name: string;
      medialive: boolean;
      mediapackagev2: boolean;
      mediaconvert: boolean;
    };
  };
}
/**
 * This interface was referenced by `MediaCatalog`'s JSON-Schema
 * via the `definition` "Profile".
 */
export interface Profile {
  description: string;
  kind: "video" | "audio";
  width?: number;
  height?: number;
  /**
   * Maximum video bitrate (QVBR cap), bits per second.
   */
  bitrate?: number;
  qvbr_quality?: number;
  fps?: number;
  codec?: "h264" | "h265";
  profile?: "baseline" | "main" | "high";
  gop_seconds?: number;
  audio_bitrate: number;
}
/**
 * This interface was referenced by `MediaCatalog`'s JSON-Schema
 * via the `definition` "SourceKind".
 */
export interface SourceKind {
  description: string;
  alias_of?: string;
  live: boolean;
  /**
   * The encoder pushes to AWS, so an input security group applies.
   */
  push: boolean;
  /**
   * MediaLive InputType, or null when the source is not a MediaLive input.
   */
  medialive_input_type: string | null;
  /**
   * Settings the input needs; when a definition leaves them out, the module asks for them as required variables.
   */
  needs?: string[];
  /**
   * false when hashicorp/aws cannot create this input type.
   */
  supported_by_provider?: boolean;
  gap?: string;
}
/**
 * This interface was referenced by `MediaCatalog`'s JSON-Schema
 * via the `definition` "Tier".
 */
export interface Tier {
  description: string;
  channel_class: "SINGLE_PIPELINE" | "STANDARD";
  log_level: "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
  cdn_price_class: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  alarms: boolean;
  archive_retention_days: number;
  /**
   * Default of a definition's analytics.viewer_logs for pipelines with a CloudFront output (the definition's own setting wins).
   */
  viewer_logs: boolean;
  default_usage: {
    live_hours_per_month: number;
    viewers: number;
    watch_minutes_per_viewer: number;
    watched_bitrate_kbps: number;
    vod_minutes_per_month: number;
    vod_views_per_month: number;
  };
  /**
   * @minItems 2
   * @maxItems 2
   */
  seed_monthly_range_usd: number[];
}
