/**
 * Viewer analytics without extra services: CloudFront standard logging (v2) delivers the distribution's access logs
 * (W3C text, tab-separated) into a logs bucket of the module's own, a Glue table describes the fields delivered, and
 * Athena named queries answer "how many watch, how long, from where" per pipeline (and so per creator: a template's
 * creator has a pipeline of its own, tagged Creator). Off unless the definition's analytics.viewer_logs is true.
 *
 * The fields, their order and their column types are decided here once: the log delivery's record_fields, the Glue
 * table's columns and the queries all come from LOG_COLUMNS. src/validity/cloudfront-log-fields.ts holds them to
 * CloudFront's documented field list.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { retentionRule, type LifecycleRule } from "./archive";
import type { DeliveryPlan } from "./delivery";

export interface LogColumn {
  /** CloudFront's field name, as record_fields takes it. */
  field: string;
  /** Glue/Athena column name (lower case, no reserved words). */
  column: string;
  type: "string" | "int" | "bigint" | "double";
  comment: string;
}

/** The fields delivered, in delivery order (a W3C line has them tab-separated in this order). */
export const LOG_COLUMNS: LogColumn[] = [
  { field: "date", column: "log_date", type: "string", comment: "UTC date of the request (YYYY-MM-DD)" },
  { field: "time", column: "log_time", type: "string", comment: "UTC time CloudFront served the request (HH:MM:SS)" },
  { field: "x-edge-location", column: "edge_location", type: "string", comment: "edge location that served the request" },
  { field: "sc-bytes", column: "sc_bytes", type: "bigint", comment: "bytes served to the viewer, headers included" },
  { field: "c-ip", column: "c_ip", type: "string", comment: "viewer IP address" },
  { field: "cs-method", column: "cs_method", type: "string", comment: "HTTP method" },
  { field: "cs-uri-stem", column: "cs_uri_stem", type: "string", comment: "path of the request (manifest or segment)" },
  { field: "sc-status", column: "sc_status", type: "int", comment: "HTTP status served" },
  { field: "cs(User-Agent)", column: "cs_user_agent", type: "string", comment: "viewer's User-Agent" },
  { field: "x-edge-result-type", column: "edge_result_type", type: "string", comment: "Hit, RefreshHit, Miss, Error..." },
  { field: "x-edge-request-id", column: "edge_request_id", type: "string", comment: "CloudFront's id of the request" },
  { field: "time-taken", column: "time_taken", type: "double", comment: "seconds from request to last byte" },
  { field: "c-country", column: "c_country", type: "string", comment: "viewer's country (ISO 3166-1 alpha-2), from the IP address" },
];

/** Requests that are media segments (what a player fetches continuously while watching), by extension. */
export const SEGMENT_EXTENSIONS = ["ts", "m4s", "mp4", "aac", "m4a", "cmfv", "cmfa", "vtt"];

export interface NamedQueryPlan {
  /** Terraform name, output key and `analytics` report name. */
  id: "concurrent_viewers" | "watch_time_per_stream" | "top_countries";
  description: string;
  /** Athena SQL over the table, with two `?` parameters: the window's start and end (ISO 8601, UTC). */
  sql: string;
}

export interface ViewerAnalyticsPlan {
  retentionDays: number;
  /** Object prefix of the delivered logs, and of Athena's query results. */
  logsPrefix: string;
  resultsPrefix: string;
  lifecycleRules: LifecycleRule[];
  /** W3C text: two header lines (#Version, #Fields) per file, then one line per request. */
  outputFormat: "w3c";
  fieldDelimiter: "\t";
  headerLines: number;
  columns: LogColumn[];
  /** Glue database suffix (the database is <name_prefix>_<suffix>, hyphens made underscores) and table name. */
  databaseSuffix: string;
  table: string;
  /** The Creator tag, when the pipeline is a template's creator: the queries label their rows with it. */
  creator?: string;
  /** Seconds of video per segment request, to turn segment requests into watch time. */
  segmentSeconds: number;
  queries: NamedQueryPlan[];
  /**
   * Provider configuration the CloudWatch Logs delivery resources use when the pipeline is outside us-east-1:
   * CloudFront's delivery source (and so its destination and delivery) is created in us-east-1, the bucket stays in
   * the pipeline's region. The module declares it in configuration_aliases; its caller passes it in.
   */
  deliveryProviderAlias?: typeof US_EAST_1_ALIAS;
}

/** The aws provider alias (aws.us_east_1) of modules whose viewer log delivery is created in us-east-1 from elsewhere. */
export const US_EAST_1_ALIAS = "us_east_1";
/** The region CloudFront's log delivery source is created in. */
export const LOG_DELIVERY_REGION = "us-east-1";

const TABLE = "cloudfront_logs";

function queries(table: string, segmentSeconds: number, creator: string | undefined): NamedQueryPlan[] {
  const label = creator ? `'${creator.replace(/'/g, "''")}' AS creator, ` : "";
  const segments = `regexp_like(cs_uri_stem, '\\.(${SEGMENT_EXTENSIONS.join("|")})$')`;
  // Each row's time, and the window given as two ISO 8601 parameters.
  const requests = `SELECT from_iso8601_timestamp(concat(log_date, 'T', log_time, 'Z')) AS at, * FROM ${table} WHERE sc_status < 400`;
  const window = "at >= from_iso8601_timestamp(?) AND at < from_iso8601_timestamp(?)";
  // A stream: a live endpoint (/out/v1/<group>/<channel>/<endpoint>), a recording or kept stream (/recordings|archive/<id>), a VOD title.
  const stream = "regexp_extract(cs_uri_stem, '^/(out/v1/[^/]+/[^/]+/[^/]+|recordings/[^/]+|archive/[^/]+|vod/[^/]+)')";
  return [
    {
      id: "concurrent_viewers",
      description: "Viewers watching at once, per minute: distinct viewer IP and User-Agent fetching segments in that minute.",
      sql: `SELECT ${label}date_trunc('minute', at) AS minute, count(DISTINCT concat(c_ip, '|', cs_user_agent)) AS viewers FROM (${requests}) WHERE ${window} AND ${segments} GROUP BY 1${label ? ", 2" : ""} ORDER BY minute`,
    },
    {
      id: "watch_time_per_stream",
      description: `Watch time per stream and day: segment requests times ${segmentSeconds} s of video per segment, and distinct viewers.`,
      sql: `SELECT ${label}${stream} AS stream, log_date AS day, round(count(*) * ${segmentSeconds} / 60.0, 1) AS watch_minutes, count(DISTINCT concat(c_ip, '|', cs_user_agent)) AS viewers FROM (${requests}) WHERE ${window} AND ${segments} GROUP BY ${label ? "1, 2, 3" : "1, 2"} ORDER BY watch_minutes DESC`,
    },
    {
      id: "top_countries",
      description: "Countries by distinct viewers, with requests and bytes served.",
      sql: `SELECT ${label}c_country AS country, count(DISTINCT concat(c_ip, '|', cs_user_agent)) AS viewers, count(*) AS requests, sum(sc_bytes) AS bytes FROM (${requests}) WHERE ${window} GROUP BY ${label ? "1, 2" : "1"} ORDER BY viewers DESC LIMIT 20`,
    },
  ];
}

/** Undefined unless the definition turns viewer logs on and the pipeline has a CDN to log. */
export function planViewerAnalytics(p: ResolvedPipeline, delivery: DeliveryPlan | undefined, segmentSeconds: number): ViewerAnalyticsPlan | undefined {
  if (!p.viewer_logs || !delivery) return undefined;
  const creator = p.tags.Creator;
  return {
    retentionDays: p.viewer_logs.retention_days,
    logsPrefix: "cloudfront/",
    resultsPrefix: "athena-results/",
    lifecycleRules: [retentionRule(p.viewer_logs.retention_days)],
    outputFormat: "w3c",
    fieldDelimiter: "\t",
    headerLines: 2,
    columns: LOG_COLUMNS,
    databaseSuffix: "viewers",
    table: TABLE,
    ...(creator ? { creator } : {}),
    segmentSeconds,
    queries: queries(TABLE, segmentSeconds, creator),
    ...(p.region !== LOG_DELIVERY_REGION ? { deliveryProviderAlias: US_EAST_1_ALIAS } : {}),
  };
}
