/**
 * Semantic rules for the definition's `ad_insertion` section (MediaTailor server-side ad insertion). MediaTailor
 * replaces ad breaks it finds as ad markers in the origin manifests ("Prepare a stream", MediaTailor user guide), so
 * the MediaPackage v2 manifests must carry them: SCTE-35 passthrough (ad_markers). MediaTailor fetches those
 * manifests through the pipeline's CloudFront distribution, which it cannot sign requests to, so the stream must be public.
 */
import type { PipelineDefinition } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";

export const AD_INSERTION_RULES: SemanticRule[] = [
  {
    id: "BMF-AD-INSERTION",
    description: "Server-side ad insertion needs SCTE-35 ad markers in the manifests and a public live stream through CloudFront.",
    check(def: PipelineDefinition, catalog: MediaCatalog): Finding[] {
      // An IVS pipeline's rules refuse the section itself (BMF-IVS-UNSUPPORTED).
      if (!def.ad_insertion || def.backend === "ivs") return [];
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => (typeof o === "string" ? o : o.type) === "cloudfront");
      if (!live || !cdn)
        return [
          {
            path: ["ad_insertion"],
            message:
              "MediaTailor personalizes the live manifests CloudFront serves: ad_insertion needs a live_stream or hybrid pipeline with the 'cloudfront' output",
          },
        ];
      const findings: Finding[] = [];
      if (!def.ad_markers || def.ad_markers.scte35_passthrough === false)
        findings.push({
          path: def.ad_markers ? ["ad_markers", "scte35_passthrough"] : ["ad_insertion"],
          message:
            'MediaTailor inserts ads where the manifests carry ad markers, and SCTE-35 is dropped without them: add "ad_markers": {} (SCTE-35 passthrough) to use ad_insertion',
        });
      if (def.access === "private")
        findings.push({
          path: ["access"],
          message:
            "MediaTailor fetches the origin manifests through CloudFront and cannot sign its requests, so ad_insertion works only with access public (private playback needs signed URLs)",
        });
      return findings;
    },
  },
];
