/**
 * Delivery plan: the CloudFront distribution in front of MediaPackage v2 (live) and the pipeline's
 * buckets (archive, VOD): origins, behaviours with their cache policy, price class, CORS default,
 * and whether playback must be signed.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import type { ArchivePlan } from "./archive";
import type { PackagingPlan } from "./packaging";
import { LIVE_STATUS } from "./events";
import { ORIGIN_FAILOVER_STATUS_CODES } from "./failover";
import type { AdInsertionPlan, MediaTailorOriginId, MediaTailorOriginPlan } from "./ad-insertion";

/** Cache lifetimes (seconds). Live manifests change every segment; segments never change. */
export const CACHE_TTL = {
  manifests: { min: 0, default: 2, max: 5 },
  segments: { min: 0, default: 86_400, max: 31_536_000 },
  /** status/live.json: rewritten on every stream start and end, polled by sites. */
  status: { min: 0, default: LIVE_STATUS.cacheSeconds, max: LIVE_STATUS.cacheSeconds },
  /** MediaTailor's personalized manifests and session requests: one per viewer, never cached. */
  personalized: { min: 0, default: 0, max: 0 },
} as const;

export type CachePolicyName = keyof typeof CACHE_TTL;

export const MANIFEST_PATTERNS = ["*.m3u8", "*.mpd"];

/** The bucket origins a distribution can serve; the generator maps each to its bucket. */
export type BucketOriginId = "archive" | "vod_output" | "live_status";

export interface BehaviourPlan {
  pathPattern: string;
  origin: "mediapackage" | BucketOriginId | MediaTailorOriginId;
  cachePolicy: CachePolicyName;
  /** Manifests are text and compress well; segments are already compressed. */
  compress: boolean;
  /** Served without a CloudFront signature even on a private pipeline (the live status says only whether a stream is on). */
  unsigned?: boolean;
  /** Forward every query string to the origin without caching on it (MediaTailor's session and player parameters). */
  forwardQueryStrings?: boolean;
}

export interface DeliveryPlan {
  priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** Private pipelines serve only signed URLs (a key group from the caller's public key). */
  signed: boolean;
  /** Default of the allowed_embed_origins variable (CORS). */
  defaultEmbedOrigins: string[];
  mediapackageOrigin: boolean;
  /**
   * With a failover region: the MediaPackage behaviours target an origin group of the primary region's endpoints and
   * the failover region's, which CloudFront retries on these status codes.
   */
  mediapackageFailover?: { originGroupId: string; failoverOriginId: string; statusCodes: number[] };
  bucketOrigins: Array<{ id: BucketOriginId; pathPatterns: string[] }>;
  /** Server-side ad insertion: MediaTailor's manifests and segments origins (absent without ad_insertion). */
  mediatailorOrigins?: MediaTailorOriginPlan[];
  defaultBehaviour: BehaviourPlan;
  orderedBehaviours: BehaviourPlan[];
  /** Segment length viewers fetch (seconds): the packaged live segments, or the VOD renditions'. */
  segmentSeconds: number;
}

/** Path patterns of the VOD renditions (MediaConvert writes under vod/). */
export const VOD_PATH_PATTERNS = ["/vod/*"];

/** Undefined unless the pipeline has a cdn output. */
export function planDelivery(
  p: ResolvedPipeline,
  parts: {
    packaging?: PackagingPlan;
    archive?: ArchivePlan;
    vodSegmentSeconds?: number;
    liveStatus?: boolean;
    failover?: boolean;
    adInsertion?: AdInsertionPlan;
  },
): DeliveryPlan | undefined {
  const cdn = p.outputs.find((o) => o.kind === "cdn");
  if (!cdn) return undefined;
  const statusOrigin = parts.liveStatus ? [{ id: "live_status" as const, pathPatterns: [LIVE_STATUS.pathPattern] }] : [];
  const bucketOrigins: DeliveryPlan["bucketOrigins"] = [
    ...statusOrigin,
    ...(parts.archive ? [{ id: "archive" as const, pathPatterns: [`/${parts.archive.prefixes.recordings}*`, `/${parts.archive.prefixes.archived}*`] }] : []),
    ...(p.vod ? [{ id: "vod_output" as const, pathPatterns: VOD_PATH_PATTERNS }] : []),
  ];
  const mediapackageOrigin = !!parts.packaging;
  // MediaTailor's paths first (its personalized manifests end in .m3u8/.mpd too), then the live-status document's short-cached behaviour.
  const ordered: BehaviourPlan[] = (parts.adInsertion?.behaviours ?? []).map((b): BehaviourPlan =>
    b.origin === "mediatailor_manifests"
      ? { pathPattern: b.pathPattern, origin: b.origin, cachePolicy: "personalized", compress: true, forwardQueryStrings: true }
      : { pathPattern: b.pathPattern, origin: b.origin, cachePolicy: "segments", compress: false },
  );
  ordered.push(
    ...statusOrigin.map((b): BehaviourPlan => ({
      pathPattern: b.pathPatterns[0],
      origin: b.id,
      cachePolicy: "status",
      compress: true,
      unsigned: true,
    })),
  );
  for (const b of bucketOrigins.filter((o) => o.id !== "live_status"))
    for (const prefix of b.pathPatterns) {
      for (const pattern of MANIFEST_PATTERNS)
        ordered.push({ pathPattern: `${prefix.replace(/\*$/, "")}${pattern}`, origin: b.id, cachePolicy: "manifests", compress: true });
      ordered.push({ pathPattern: prefix, origin: b.id, cachePolicy: "segments", compress: false });
    }
  if (mediapackageOrigin)
    for (const pattern of MANIFEST_PATTERNS) ordered.push({ pathPattern: pattern, origin: "mediapackage", cachePolicy: "manifests", compress: true });
  const defaultOrigin = mediapackageOrigin ? "mediapackage" : bucketOrigins.filter((o) => o.id !== "live_status")[0].id;
  return {
    priceClass: cdn.price_class ?? p.tier_settings.cdn_price_class,
    signed: p.access === "private",
    // An ecommerce pipeline's stream and live.json are fetched by the shop's pages only.
    defaultEmbedOrigins: p.ecommerce?.shop_origins.length ? [...p.ecommerce.shop_origins] : p.access === "private" ? [] : ["*"],
    mediapackageOrigin,
    ...(mediapackageOrigin && parts.failover
      ? {
          mediapackageFailover: { originGroupId: "mediapackage_regions", failoverOriginId: "mediapackage_failover", statusCodes: ORIGIN_FAILOVER_STATUS_CODES },
        }
      : {}),
    bucketOrigins,
    ...(parts.adInsertion ? { mediatailorOrigins: parts.adInsertion.origins } : {}),
    defaultBehaviour: { pathPattern: "*", origin: defaultOrigin, cachePolicy: "segments", compress: false },
    orderedBehaviours: ordered,
    segmentSeconds: parts.packaging?.timings.segmentSeconds ?? parts.vodSegmentSeconds ?? 6,
  };
}
