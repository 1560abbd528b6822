/**
 * Failover region plan: a redundant live origin in a second region. The second channel takes the same
 * inputs and encodes as the primary and feeds only its own MediaPackage v2 channel (same group, channel and
 * endpoint names, so a playback path is valid at either origin); the archive and simulcast destinations stay
 * with the primary (recording or publishing twice would double files and publishers). CloudFront puts both
 * regions' endpoints in an origin group, and the second channel's state changes reach the pipeline's bus.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import type { LiveEncodingPlan } from "./live-encoding";
import type { PackagingPlan } from "./packaging";

/** The provider configuration name (aws.<alias>, awscc.<alias>) a caller passes in for the failover region. */
export const FAILOVER_PROVIDER_ALIAS = "failover";

/**
 * Origin responses on which CloudFront retries a request at the failover origin. 404 included: a channel that is down
 * leaves its endpoint answering 404 for manifests; the others are the origin failing.
 */
export const ORIGIN_FAILOVER_STATUS_CODES = [404, 500, 502, 503, 504];

export interface FailoverPlan {
  region: string;
  /** Provider configuration alias of every resource in the failover region. */
  providerAlias: string;
  /** The second channel: the primary's inputs and encodes, one output group (MediaPackage). */
  live: LiveEncodingPlan;
  /** Its MediaPackage v2 channel group, channel and endpoints: the primary's names, in the failover region. */
  packaging: PackagingPlan;
  /** The second channel's MediaLive events, forwarded from its region's default bus to the pipeline's bus and normalized there. */
  forwardsEvents: true;
  /** EventBridge rules the failover adds in its own region (forwarding the channel's events) and on the pipeline bus (normalizing them). */
  eventRules: { failoverRegion: number; pipelineBus: number };
  originFailoverStatusCodes: number[];
}

/** The second channel's encoding: MediaPackage only, no archive or simulcast. */
export function failoverLiveEncoding(live: LiveEncodingPlan): LiveEncodingPlan {
  return {
    ...live,
    toArchive: false,
    simulcast: [],
    outputGroups: live.outputGroups.filter((g) => g.kind === "hls" && g.name === "mediapackage"),
  };
}

/** Undefined unless the definition names a failover region (validation requires live, CloudFront and region-portable sources). */
export function planFailover(p: ResolvedPipeline, parts: { live?: LiveEncodingPlan; packaging?: PackagingPlan }): FailoverPlan | undefined {
  if (!p.failover_region) return undefined;
  if (!parts.live || !parts.packaging)
    throw new Error(`plan bug: failover_region needs a live pipeline played through MediaPackage (validation should have refused ${p.pipeline_id})`);
  if (parts.packaging.sharedGroup) throw new Error(`plan bug: ${p.pipeline_id} shares a channel group and has a failover region (validation refuses it)`);
  return {
    region: p.failover_region,
    providerAlias: FAILOVER_PROVIDER_ALIAS,
    live: failoverLiveEncoding(parts.live),
    packaging: parts.packaging,
    forwardsEvents: true,
    eventRules: { failoverRegion: 1, pipelineBus: 1 },
    originFailoverStatusCodes: ORIGIN_FAILOVER_STATUS_CODES,
  };
}
