/**
 * Packaging plan: the MediaPackage v2 channel group (own or a template's shared one), the channel
 * MediaLive pushes HLS into, and one origin endpoint per playback format with its manifest windows
 * and segment length.
 */
import type { ResolvedAdMarkers, ResolvedDrm, ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { EndpointEncryptionPlan, endpointEncryption } from "./drm";

export type PlaybackFormat = "hls" | "dash" | "cmaf";

/** MediaPackage v2 names: 1-256 characters of letters, digits, '_' and '-' (API pattern [a-zA-Z0-9_-]+). */
export const CHANNEL_GROUP_NAME_PATTERN = "^[a-zA-Z0-9_-]{1,256}$";
export const EGRESS_DOMAIN_PATTERN = "^[a-z0-9][a-z0-9.-]*\\.mediapackagev2\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

export interface PackagingTimings {
  segmentSeconds: number;
  manifestWindowSeconds: number;
  startoverWindowSeconds: number;
}

/** Manifest window and segment length: shorter for low latency, DVR-friendly otherwise. */
export function packagingTimings(lowLatency: boolean): PackagingTimings {
  return lowLatency
    ? { segmentSeconds: 2, manifestWindowSeconds: 30, startoverWindowSeconds: 300 }
    : { segmentSeconds: 6, manifestWindowSeconds: 60, startoverWindowSeconds: 1800 };
}

export interface HlsManifestPlan {
  manifestName: string;
  manifestWindowSeconds: number;
  programDateTimeIntervalSeconds: number;
}

export interface DashManifestPlan {
  manifestName: string;
  manifestWindowSeconds: number;
  minBufferTimeSeconds: number;
  minUpdatePeriodSeconds: number;
  suggestedPresentationDelaySeconds: number;
  segmentTemplateFormat: "NUMBER_WITH_TIMELINE";
  /** AVAILS with ad markers: each ad avail is a period of its own, the SCTE-35 event at its start. */
  periodTriggers?: Array<"AVAILS">;
}

/** SCTE-35 message types MediaPackage v2 treats as ad markers: splices and the ad break/advertisement/placement types (not programs or overlays). */
export const AD_SCTE_FILTER = [
  "SPLICE_INSERT",
  "BREAK",
  "PROVIDER_ADVERTISEMENT",
  "DISTRIBUTOR_ADVERTISEMENT",
  "PROVIDER_PLACEMENT_OPPORTUNITY",
  "DISTRIBUTOR_PLACEMENT_OPPORTUNITY",
] as const;

/** Ad markers an endpoint writes: EXT-X-DATERANGE in HLS manifests, SCTE-35 events and ad-avail periods in DASH. */
export interface EndpointAdMarkers {
  scteFilter: ReadonlyArray<(typeof AD_SCTE_FILTER)[number]>;
  hls?: "DATERANGE";
  dash?: "XML" | "BINARY";
}

export interface EndpointPlan {
  format: PlaybackFormat;
  endpointName: string;
  containerType: "TS" | "CMAF";
  manifestFile: "index.m3u8" | "index.mpd";
  segmentSeconds: number;
  startoverWindowSeconds: number;
  hlsManifests?: HlsManifestPlan[];
  dashManifests?: DashManifestPlan[];
  /** SPEKE v2 encryption when the definition's drm section protects this format. */
  encryption?: EndpointEncryptionPlan;
  adMarkers?: EndpointAdMarkers;
}

export interface PackagingPlan {
  /** A template's creators share one channel group, owned by the template's shared module. */
  sharedGroup?: { templateId: string; moduleId: string };
  /** "live" in an own group; in a shared group each creator's channel is named by its name prefix (undefined here). */
  channelName?: string;
  timings: PackagingTimings;
  endpoints: EndpointPlan[];
}

/** What an endpoint protects and marks besides its format: the definition's drm and ad_markers sections. */
export interface EndpointOptions {
  drm?: ResolvedDrm;
  adMarkers?: ResolvedAdMarkers;
}

export function endpointPlan(format: PlaybackFormat, t: PackagingTimings, { drm, adMarkers }: EndpointOptions = {}): EndpointPlan {
  const manifest = { manifestName: "index", manifestWindowSeconds: t.manifestWindowSeconds };
  const encryption = endpointEncryption(format, drm);
  const common = {
    format,
    endpointName: format,
    segmentSeconds: t.segmentSeconds,
    startoverWindowSeconds: t.startoverWindowSeconds,
    ...(encryption ? { encryption } : {}),
    ...(adMarkers
      ? { adMarkers: format === "dash" ? { scteFilter: AD_SCTE_FILTER, dash: adMarkers.dash } : { scteFilter: AD_SCTE_FILTER, hls: "DATERANGE" as const } }
      : {}),
  };
  if (format === "dash")
    return {
      ...common,
      containerType: "CMAF",
      manifestFile: "index.mpd",
      dashManifests: [
        {
          ...manifest,
          minBufferTimeSeconds: t.segmentSeconds * 2,
          minUpdatePeriodSeconds: t.segmentSeconds,
          suggestedPresentationDelaySeconds: t.segmentSeconds * 3,
          segmentTemplateFormat: "NUMBER_WITH_TIMELINE",
          ...(adMarkers ? { periodTriggers: ["AVAILS" as const] } : {}),
        },
      ],
    };
  return {
    ...common,
    containerType: format === "hls" ? "TS" : "CMAF",
    manifestFile: "index.m3u8",
    hlsManifests: [{ ...manifest, programDateTimeIntervalSeconds: t.segmentSeconds }],
  };
}

/** Undefined unless a live pipeline plays through a CDN (MediaPackage is its origin). */
export function planPackaging(p: ResolvedPipeline): PackagingPlan | undefined {
  if (!p.live || !p.outputs.some((o) => o.kind === "cdn")) return undefined;
  const timings = packagingTimings(p.low_latency);
  return {
    ...(p.shared_channel_group
      ? { sharedGroup: { templateId: p.shared_channel_group.template_id, moduleId: p.shared_channel_group.module_id } }
      : { channelName: "live" }),
    timings,
    endpoints: (p.packaging as PlaybackFormat[]).map((f) => endpointPlan(f, timings, { drm: p.drm, adMarkers: p.ad_markers })),
  };
}
