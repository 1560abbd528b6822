/**
 * Semantic rules for `backend: ivs`: an Amazon IVS channel ingests one RTMP(S) push, transcodes and delivers through IVS's
 * own CDN and records to S3. Everything else a definition can ask for is MediaLive/MediaPackage/CloudFront machinery the
 * IVS module does not have, so it is refused at its JSON path rather than silently dropped.
 */
import type { PipelineDefinition, SourceSettings } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";
import { canonicalSource } from "./catalog";

/** Top-level settings IVS has no counterpart for, with the reason given to the user. */
const UNSUPPORTED_SECTIONS: Array<[keyof PipelineDefinition, string]> = [
  ["packaging", "IVS packages HLS itself: MediaPackage formats do not apply"],
  ["drm", "IVS has no DRM (SPEKE) or clear-key encryption; use access: private for signed playback tokens"],
  ["captions", "IVS channels take no caption settings"],
  ["ad_markers", "ad markers and SCTE-35 passthrough are MediaLive/MediaPackage features"],
  ["ad_insertion", "MediaTailor personalizes MediaPackage manifests served through CloudFront"],
  ["slate", "the slate is shown by a MediaLive channel"],
  ["clips", "clips are harvested from MediaPackage"],
  ["failover_region", "IVS has no redundant origin in a second region"],
  ["extra_regions", "IVS has no redundant origin in a second region"],
  ["vod", "VOD transcoding is MediaConvert's; an IVS pipeline is live only"],
  ["events", "the pipeline event bus normalizes MediaLive/MediaPackage events, not IVS's"],
  ["automation", "idle stop, schedules and budgets start and stop MediaLive channels"],
  ["analytics", "viewer analytics read CloudFront's logs; IVS delivers through its own CDN"],
  ["ecommerce", "the product-page embed reads the live-status document published through CloudFront"],
];

const isIvs = (def: PipelineDefinition) => def.backend === "ivs";

export const IVS_RULES: SemanticRule[] = [
  {
    id: "BMF-IVS-UNSUPPORTED",
    description: "An IVS pipeline refuses the settings only the MediaLive backend implements (MediaPackage, DRM, captions, ad markers, failover, VOD...).",
    check(def) {
      if (!isIvs(def)) return [];
      const findings: Finding[] = UNSUPPORTED_SECTIONS.filter(([key]) => def[key] !== undefined).map(([key, why]) => ({
        path: [key],
        message: `backend ivs cannot honour '${key}': ${why}; remove it or use backend medialive`,
      }));
      if (def.pipeline_type !== "live_stream")
        findings.push({ path: ["pipeline_type"], message: `backend ivs is live only: pipeline_type must be live_stream, not ${def.pipeline_type}` });
      if (def.integration === "ecommerce" && def.ecommerce === undefined)
        findings.push({
          path: ["integration"],
          message: "backend ivs cannot honour integration ecommerce (the live-status document is published through CloudFront)",
        });
      if (["enterprise", "production"].includes(def.tier))
        findings.push({
          path: ["tier"],
          message: `backend ivs runs one ingest with no redundant pipeline, which the ${def.tier} tier promises; use the development or standard tier, or backend medialive`,
        });
      return findings;
    },
  },
  {
    id: "BMF-IVS-SOURCE",
    description: "An IVS channel has one ingest endpoint taking an RTMP(S) push from the encoder, open to any address (the stream key authenticates).",
    check(def, catalog: MediaCatalog) {
      if (!isIvs(def)) return [];
      return def.sources.flatMap((raw, i): Finding[] => {
        const s: SourceSettings = typeof raw === "string" ? { type: raw } : raw;
        if (i > 0) return [{ path: ["sources", i], message: "an IVS channel has one ingest endpoint: give exactly one source (no input failover)" }];
        const kind = canonicalSource(catalog, s.type);
        if (kind !== "rtmp") return [{ path: ["sources", i], message: `an IVS channel takes an RTMP(S) push from the encoder, not a ${s.type} source` }];
        const extra = (["allowed_cidrs", "backup_url", "url", "stream_name"] as const).filter((k) => s[k] !== undefined);
        return extra.map((k) => ({
          path: ["sources", i, k],
          message:
            k === "allowed_cidrs"
              ? "IVS ingest cannot be limited to addresses (the stream key authenticates the encoder); remove allowed_cidrs"
              : `IVS assigns the ingest endpoint and stream key (module outputs); remove ${k}`,
        }));
      });
    },
  },
  {
    id: "BMF-IVS-OUTPUTS",
    description: "IVS delivers playback through its own CDN and records to S3; it cannot push to other RTMP destinations (simulcast).",
    check(def) {
      if (!isIvs(def)) return [];
      return def.outputs.flatMap((o, i): Finding[] => {
        const type = typeof o === "string" ? (/^rtmps?:\/\//.test(o) ? "rtmp" : o) : o.type;
        return type === "cloudfront" || type === "s3_archive"
          ? []
          : [
              {
                path: ["outputs", i],
                message: `backend ivs cannot simulcast to ${type} (IVS has no RTMP push output); keep cloudfront (IVS playback) and s3_archive`,
              },
            ];
      });
    },
  },
  {
    id: "BMF-IVS-PROFILES",
    description: "IVS chooses its own renditions (one passthrough for a single profile, its transcode ladder otherwise): custom rungs cannot be set.",
    check(def) {
      if (!isIvs(def)) return [];
      return def.transcode_profiles.flatMap((t, i): Finding[] =>
        typeof t === "string"
          ? []
          : [{ path: ["transcode_profiles", i], message: "IVS chooses its own renditions: custom rungs cannot be set; name a catalog profile or ladder" }],
      );
    },
  },
];
