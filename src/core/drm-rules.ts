/**
 * What MediaPackage v2 can encrypt with SPEKE v2, per playback format, and the semantic rules for the
 * definition's `drm` section. The support matrix is AWS's ("Container and DRM system support with
 * SPEKE", MediaPackage v2 user guide): TS segments carry clear-key AES-128 (AES_128) or FairPlay
 * (SAMPLE_AES), never Widevine or PlayReady; CMAF carries FairPlay (cbcs), Widevine and PlayReady
 * (cenc or cbcs), never clear-key AES-128. DASH players have no FairPlay.
 */
import type { DrmSystems, PipelineDefinition } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";

export type DrmSystem = DrmSystems[number];
export type DrmFormat = "hls" | "dash" | "cmaf";

/** The systems each playback format can carry, and why the others cannot. */
export const DRM_SUPPORT: Record<DrmFormat, { allowed: DrmSystem[]; why: string }> = {
  hls: {
    allowed: ["clear_key_aes_128", "fairplay"],
    why: "the hls endpoint serves TS segments, which MediaPackage encrypts with AES-128 (clear key) or SAMPLE-AES (FairPlay) only; Widevine and PlayReady need CMAF (use the cmaf or dash format)",
  },
  dash: {
    allowed: ["widevine", "playready"],
    why: "DASH players decrypt with Widevine or PlayReady; FairPlay is HLS-only and clear-key AES-128 is a TS (hls) method",
  },
  cmaf: {
    allowed: ["fairplay", "widevine", "playready"],
    why: "CMAF segments are encrypted with cbcs (FairPlay, Widevine, PlayReady); clear-key AES-128 is a TS (hls) method",
  },
};

/** Systems whose players need a license server (clear key's key URL is in the playlist). */
export const LICENSED_SYSTEMS = ["widevine", "playready", "fairplay"] as const;

export const DRM_RULES: SemanticRule[] = [
  {
    id: "BMF-DRM",
    description: "DRM encrypts MediaPackage v2 endpoints: a live pipeline through CloudFront, systems each format can carry, one TS method per endpoint.",
    check(def: PipelineDefinition, catalog: MediaCatalog): Finding[] {
      const drm = def.drm;
      if (!drm) return [];
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => (typeof o === "string" ? o : o.type) === "cloudfront");
      if (!live || !cdn)
        return [
          {
            path: ["drm"],
            message:
              "DRM encrypts the MediaPackage v2 origin endpoints of a live stream: it needs a live_stream or hybrid pipeline with the 'cloudfront' output",
          },
        ];
      const packaging = def.packaging ?? ["hls", "dash", "cmaf"];
      const findings: Finding[] = [];
      for (const [format, systems] of Object.entries(drm.systems) as Array<[DrmFormat, DrmSystem[] | undefined]>) {
        if (!systems) continue;
        if (!packaging.includes(format)) {
          findings.push({
            path: ["drm", "systems", format],
            message: `'${format}' is not among this pipeline's packaging formats (${packaging.join(", ")}), so there is no ${format} endpoint to encrypt`,
          });
          continue;
        }
        systems.forEach((system, i) => {
          if (!DRM_SUPPORT[format].allowed.includes(system))
            findings.push({ path: ["drm", "systems", format, i], message: `${system} cannot protect the ${format} format: ${DRM_SUPPORT[format].why}` });
        });
        if (format === "hls" && systems.includes("clear_key_aes_128") && systems.includes("fairplay"))
          findings.push({
            path: ["drm", "systems", "hls"],
            message: "a TS endpoint has one encryption method: AES-128 (clear_key_aes_128) or SAMPLE-AES (fairplay), not both; put FairPlay on the cmaf format",
          });
      }
      const used = new Set(Object.values(drm.systems).flat());
      for (const system of LICENSED_SYSTEMS)
        if (used.has(system) && !drm.license_urls?.[system])
          findings.push({
            path: ["drm", "license_urls"],
            severity: "warning",
            message: `${system} is on, but license_urls.${system} is not set: the generated player snippet cannot get ${system} licenses (a player of your own may)`,
          });
      if (used.has("fairplay") && !drm.license_urls?.fairplay_certificate)
        findings.push({
          path: ["drm", "license_urls"],
          severity: "warning",
          message: "fairplay is on, but license_urls.fairplay_certificate is not set: Safari needs the FairPlay application certificate to ask for a license",
        });
      return findings;
    },
  },
];
