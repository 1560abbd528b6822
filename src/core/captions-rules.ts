/**
 * Semantic rules for the definition's `captions` section: what JSON Schema cannot say, with the JSON
 * path of the value at fault. Embedded CEA-608 captions reach WebVTT or burn-in through MediaLive
 * ("Captions formats supported in HLS or MediaPackage outputs", MediaLive user guide), so they need a
 * live stream sent to MediaPackage.
 */
import type { PipelineDefinition } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";

export const CAPTIONS_RULES: SemanticRule[] = [
  {
    id: "BMF-CAPTIONS",
    description: "Embedded captions need a live stream to MediaPackage; each 608 channel once; burn-in draws one language.",
    check(def: PipelineDefinition, catalog: MediaCatalog): Finding[] {
      const c = def.captions;
      if (!c) return [];
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => (typeof o === "string" ? o : o.type) === "cloudfront");
      if (!live || !cdn)
        return [
          {
            path: ["captions"],
            message:
              "captions are the live source's embedded 608/708 captions carried to MediaPackage: they need a live_stream or hybrid pipeline with the 'cloudfront' output",
          },
        ];
      const findings: Finding[] = [];
      const seen = new Map<number, number>();
      c.languages.forEach((l, i) => {
        if (seen.has(l.channel))
          findings.push({ path: ["captions", "languages", i, "channel"], message: `CC${l.channel} is already captions.languages[${seen.get(l.channel)}]` });
        else seen.set(l.channel, i);
      });
      if (c.mode === "burn_in" && c.languages.length > 1)
        findings.push({
          path: ["captions", "mode"],
          message: `burn_in draws captions into the picture, so it takes one language (${c.languages.length} are listed); use webvtt for a choice of languages`,
        });
      return findings;
    },
  },
];
