/**
 * Semantic rules for SRT caller sources: what MediaLive accepts in an SRT_CALLER input (the catalog's
 * srt_caller facts, from the MediaLive User Guide and API reference), each with the JSON path at fault.
 * The passphrase itself is refused earlier, by the secret scan (BMF-SECRET-LITERAL).
 */
import type { PipelineDefinition, SourceSettings } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";
import { canonicalSource, canonicalTier } from "./catalog";

/**
 * The upstream listener as MediaLive takes it: SrtListenerAddress is an IP address, SrtListenerPort a port. One
 * pattern for JavaScript here and for RE2 in the module's variable validation and regex() (groups: address, port);
 * "[.]" rather than an escaped dot, which CDKTF's Fn.regex would write into HCL as the invalid escape "\.".
 */
export const SRT_LISTENER_PATTERN = "^srt://((?:[0-9]{1,3}[.]){3}[0-9]{1,3}):([0-9]{1,5})$";

/** The listener's address and port, or undefined when `url` is not srt://<IPv4>:<port> with octets and port in range. */
export function srtListener(url: string): { address: string; port: number } | undefined {
  const m = new RegExp(SRT_LISTENER_PATTERN).exec(url);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (m[1].split(".").some((o) => Number(o) > 255) || port < 1 || port > 65535) return undefined;
  return { address: m[1], port };
}

const srtSources = (def: PipelineDefinition, catalog: MediaCatalog): Array<{ s: SourceSettings; i: number }> =>
  def.sources.flatMap((raw, i) => {
    const s: SourceSettings = typeof raw === "string" ? { type: raw } : raw;
    return canonicalSource(catalog, s.type) === "srt" ? [{ s, i }] : [];
  });

export const SRT_RULES: SemanticRule[] = [
  {
    id: "BMF-SRT-LISTENER",
    description: "An SRT caller source calls srt://<IPv4 address>:<port>: MediaLive's SrtListenerAddress is the upstream listener's IP address.",
    check(def, catalog) {
      return srtSources(def, catalog).flatMap(({ s, i }) =>
        (["url", "backup_url"] as const).flatMap((key): Finding[] => {
          const url = s[key];
          return url === undefined || srtListener(url)
            ? []
            : [
                {
                  path: ["sources", i, key],
                  message: `'${url}' is not an SRT listener MediaLive can call: give srt://<IPv4 address>:<port> (port 1-65535, no path or query; the stream id goes in srt.stream_id)`,
                },
              ];
        }),
      );
    },
  },
  {
    id: "BMF-SRT-INPUT-CLASS",
    description:
      "An SRT caller input has one source per channel pipeline: one listener for a single-pipeline channel (single-class input), two different listeners for a STANDARD channel (standard-class input).",
    check(def, catalog) {
      const channelClass = catalog.tiers[canonicalTier(catalog, def.tier)]?.channel_class ?? "SINGLE_PIPELINE";
      const needed = catalog.srt_caller.sources_per_channel_class[channelClass] ?? 1;
      return srtSources(def, catalog).flatMap(({ s, i }): Finding[] => {
        if (needed === 1 && s.backup_url)
          return [
            {
              path: ["sources", i, "backup_url"],
              severity: "warning",
              message: `a ${def.tier} pipeline runs a single-pipeline channel, whose SRT input has one source; backup_url is unused`,
            },
          ];
        if (needed === 2 && s.url && s.backup_url && s.url === s.backup_url)
          return [
            {
              path: ["sources", i, "backup_url"],
              message: `a ${def.tier} pipeline runs a STANDARD channel, which takes a standard-class SRT input: two sources, one per pipeline, each calling its own listener; backup_url repeats url`,
            },
          ];
        return [];
      });
    },
  },
  {
    id: "BMF-SRT-LATENCY",
    description: "srt.minimum_latency_ms is within what MediaLive accepts (120 to 15000 ms).",
    check(def, catalog) {
      const [low, high] = catalog.srt_caller.minimum_latency_ms;
      return srtSources(def, catalog).flatMap(({ s, i }): Finding[] => {
        const ms = s.srt?.minimum_latency_ms;
        return ms === undefined || (ms >= low && ms <= high)
          ? []
          : [
              {
                path: ["sources", i, "srt", "minimum_latency_ms"],
                message: `MediaLive takes an SRT latency of ${low} to ${high} ms; ${ms} is out of range (agree a value in range with the upstream operator)`,
              },
            ];
      });
    },
  },
  {
    id: "BMF-SRT-DECRYPTION",
    description:
      "SRT decryption uses an algorithm MediaLive supports (AES128, AES192, AES256); an SRT source without decryption receives the stream in clear and is warned about.",
    check(def, catalog) {
      const algorithms = catalog.srt_caller.algorithms;
      return srtSources(def, catalog).flatMap(({ s, i }): Finding[] => {
        const d = s.srt?.decryption;
        if (!d)
          return [
            {
              path: ["sources", i],
              severity: "warning",
              message:
                "the SRT stream is not encrypted, so it crosses the network in clear; if the upstream listener encrypts, add srt.decryption with its algorithm and the Secrets Manager ARN of the passphrase",
            },
          ];
        return algorithms.includes(d.algorithm)
          ? []
          : [
              {
                path: ["sources", i, "srt", "decryption", "algorithm"],
                message: `MediaLive decrypts SRT with ${algorithms.join(", ")}; '${d.algorithm}' is none of them`,
                suggestion: algorithms.find((a) => a.replace(/\D/g, "") === d.algorithm.replace(/\D/g, "")),
              },
            ];
      });
    },
  },
];
