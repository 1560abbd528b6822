/**
 * Server-side ad insertion plan (the definition's ad_insertion section): one AWS Elemental MediaTailor playback
 * configuration over the MediaPackage v2 channel, and what CloudFront needs to serve it. The distribution follows
 * AWS's three-origin setup for MediaTailor ("Production-ready CloudFront configuration for MediaTailor", MediaTailor
 * user guide): personalized manifests from MediaTailor's regional manifests origin, ad segments from its segments
 * origin, content segments from the content origin (MediaPackage, as before). MediaTailor reads the origin manifests
 * through the distribution (MediaPackage admits only CloudFront) and writes CloudFront URLs for ad and content
 * segments into the personalized manifests (CdnConfiguration).
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import type { PackagingPlan, PlaybackFormat } from "./packaging";

/** CloudFront origins of MediaTailor: regional host names shared by every playback configuration of the region. */
export type MediaTailorOriginId = "mediatailor_manifests" | "mediatailor_segments";

export interface MediaTailorOriginPlan {
  id: MediaTailorOriginId;
  domainName: string;
}

/** A MediaPackage v2 endpoint MediaTailor personalizes: asset id below the content source URL, and the session's manifest type. */
export interface PersonalizedEndpointPlan {
  format: PlaybackFormat;
  /** What follows MediaTailor's manifest endpoint prefix: <endpoint name>/<manifest file> (the asset id). */
  assetPath: string;
  /** HLS manifests (hls, cmaf) start sessions at HlsConfiguration's prefix, DASH at DashConfiguration's. */
  manifestType: "hls" | "dash";
}

export interface AdInsertionPlan {
  adDecisionServerUrl: string;
  slateAdUrl?: string;
  personalizationThresholdSeconds?: number;
  origins: MediaTailorOriginPlan[];
  /** CloudFront path patterns of MediaTailor, before the media behaviours: playback API (manifests, sessions, DASH segment redirects) and ad segments. */
  behaviours: Array<{ pathPattern: string; origin: MediaTailorOriginId }>;
  endpoints: PersonalizedEndpointPlan[];
  /** Usage assumption the cost estimate counts ad insertions with. */
  adsPerViewerHour: number;
}

/** MediaTailor's playback API lives under /v1/ (/v1/master, /v1/dash, /v1/session, /v1/segment); its ad segments under /tm/. */
export const MEDIATAILOR_PATH_PATTERNS = { playback: "/v1/*", adSegments: "/tm/*" } as const;

/** Regional MediaTailor host names (MediaTailor user guide, CloudFront three-origin architecture). */
export function mediatailorOrigins(region: string): MediaTailorOriginPlan[] {
  return [
    { id: "mediatailor_manifests", domainName: `manifests.mediatailor.${region}.amazonaws.com` },
    { id: "mediatailor_segments", domainName: `segments.mediatailor.${region}.amazonaws.com` },
  ];
}

/** Undefined without an ad_insertion section or without MediaPackage (the rules require both together). */
export function planAdInsertion(p: ResolvedPipeline, packaging: PackagingPlan | undefined): AdInsertionPlan | undefined {
  const a = p.ad_insertion;
  if (!a || !packaging) return undefined;
  return {
    adDecisionServerUrl: a.ad_decision_server_url,
    ...(a.slate_ad_url ? { slateAdUrl: a.slate_ad_url } : {}),
    ...(a.personalization_threshold_seconds !== undefined ? { personalizationThresholdSeconds: a.personalization_threshold_seconds } : {}),
    origins: mediatailorOrigins(p.region),
    behaviours: [
      { pathPattern: MEDIATAILOR_PATH_PATTERNS.playback, origin: "mediatailor_manifests" },
      { pathPattern: MEDIATAILOR_PATH_PATTERNS.adSegments, origin: "mediatailor_segments" },
    ],
    endpoints: packaging.endpoints.map((e) => ({
      format: e.format,
      assetPath: `${e.endpointName}/${e.manifestFile}`,
      manifestType: e.format === "dash" ? ("dash" as const) : ("hls" as const),
    })),
    adsPerViewerHour: a.ads_per_viewer_hour,
  };
}
