/**
 * Clip plan: which endpoint a clip is harvested from, how far back it can reach (the endpoint's start-over window),
 * and where it lands (archive/<clip-id>/ of the archive bucket, beside streams kept with `blackwell media archive`,
 * so the CDN serves it and archive.created describes it the same way). Read by the module (the bucket grant) and
 * by `blackwell media clip`.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { ARCHIVE_PREFIX } from "./archive-layout";
import { planPackaging, type EndpointPlan } from "./packaging";

/** MediaPackage v2 harvests at most 24 hours per job (and never more than the start-over window keeps). */
export const MAX_HARVEST_SECONDS = 24 * 3600;

export interface ClipPlan {
  /** Prefix of every clip in the archive bucket (the bucket grant's scope). */
  prefix: string;
  /** Endpoints a clip can be harvested from, the default first (HLS over TS, else CMAF, else DASH). */
  endpoints: Array<Pick<EndpointPlan, "format" | "endpointName" | "manifestFile"> & { manifestName: string; kind: "hls" | "dash" }>;
  /** How far back a clip may start: the endpoints' start-over window. */
  startoverWindowSeconds: number;
}

/** Undefined unless the definition asks for clips and the pipeline has packaging and an archive. */
export function planClips(p: ResolvedPipeline): ClipPlan | undefined {
  const packaging = planPackaging(p);
  if (!p.clips || !packaging || !p.outputs.some((o) => o.kind === "archive")) return undefined;
  const order = ["hls", "cmaf", "dash"];
  const endpoints = [...packaging.endpoints]
    .sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format))
    .map((e) => ({
      format: e.format,
      endpointName: e.endpointName,
      manifestFile: e.manifestFile,
      manifestName: (e.hlsManifests ?? e.dashManifests ?? [])[0]?.manifestName ?? "index",
      kind: e.dashManifests ? ("dash" as const) : ("hls" as const),
    }));
  return { prefix: ARCHIVE_PREFIX.archived, endpoints, startoverWindowSeconds: packaging.timings.startoverWindowSeconds };
}
