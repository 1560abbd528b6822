/**
 * The Amazon IVS backend (`backend: ivs`): one IVS channel instead of MediaLive + MediaPackage + CloudFront. Pure data
 * from the resolved pipeline; generators/ivs.ts turns it into aws_ivs_* resources.
 */
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { archiveTransitions, retentionRule, type LifecycleRule } from "./archive";

export interface IvsPlan {
  /**
   * BASIC delivers the encoder's stream as it is (one rendition); STANDARD transcodes it to IVS's own ladder. A single
   * transcode profile asks for one rendition, a ladder (several rungs) for adaptive bitrate.
   */
  channelType: "BASIC" | "STANDARD";
  /** LOW (IVS's low-latency HLS) when the definition asks for low_latency, NORMAL otherwise. */
  latencyMode: "LOW" | "NORMAL";
  /** access private: playback needs a token signed with the private key of the module's playback key pair. */
  authorized: boolean;
  /** The RTMP(S) push source the encoder streams from (its id names nothing in AWS; kept for the module README). */
  sourceId: string;
  /** Recording to the archive bucket (s3_archive output); IVS writes under ivs/v1/<account>/<channel>/... */
  recording?: {
    /** Seconds a dropped encoder may reconnect and continue the same recording (IVS default 0: every reconnect starts a new one). */
    reconnectWindowSeconds: number;
    retentionDays: number;
    lifecycleRules: LifecycleRule[];
  };
}

/** Seconds IVS keeps merging a reconnecting stream into one recording: an encoder restart should not split an event. */
export const IVS_RECONNECT_WINDOW_SECONDS = 60;

export function planIvs(p: ResolvedPipeline): IvsPlan | undefined {
  if (p.backend !== "ivs") return undefined;
  const source = p.sources[0];
  const archive = p.outputs.find((o) => o.kind === "archive");
  const retentionDays = archive?.retention_days ?? p.tier_settings.archive_retention_days;
  return {
    channelType: p.rungs.filter((r) => r.kind === "video").length > 1 ? "STANDARD" : "BASIC",
    latencyMode: p.low_latency ? "LOW" : "NORMAL",
    authorized: p.access === "private",
    sourceId: source.id,
    ...(archive
      ? {
          recording: {
            reconnectWindowSeconds: IVS_RECONNECT_WINDOW_SECONDS,
            retentionDays,
            lifecycleRules: [retentionRule(retentionDays, archiveTransitions(archive))],
          },
        }
      : {}),
  };
}
