/**
 * Archive plan: where the live recordings land (prefixes in archive-layout.ts), which channel
 * pipelines record (each into its own folder), their segment length, and the bucket's lifecycle.
 */
import type { ResolvedOutput, ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { ARCHIVE_PREFIX, RETENTION_TAG, retentionTagValue } from "./archive-layout";
import type { LiveEncodingPlan } from "./live-encoding";
import { ArchiveTieringPlan, automationPlan, tieringApplies } from "./automation";

export interface Transition {
  days: number;
  /** STANDARD_IA and GLACIER_IR from the output's transitions; automation.archive_storage_class names any class. */
  storageClass: string;
}

/**
 * One S3 lifecycle rule, in the camelCase shape of hashicorp/aws's aws_s3_bucket_lifecycle_configuration
 * rule (the generator passes it through unchanged).
 */
export interface LifecycleRule {
  id: string;
  status: "Enabled";
  filter: Array<{ prefix: string } | { and: Array<{ prefix: string; tags: Record<string, string> }> }>;
  transition?: Transition[];
  expiration?: Array<{ days: number }>;
  noncurrentVersionExpiration?: Array<{ noncurrentDays: number }>;
  abortIncompleteMultipartUpload?: Array<{ daysAfterInitiation: number }>;
}

/** Old versions and failed uploads never linger (tag-filtered rules cannot carry the multipart action, so it has a rule of its own where needed). */
export const HOUSEKEEPING = { noncurrentVersionExpiration: [{ noncurrentDays: 30 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] };

/** The single whole-bucket rule of a bucket that keeps everything for a while (VOD buckets). */
export function retentionRule(expireDays: number | undefined, transitions: Transition[] = []): LifecycleRule {
  return {
    id: "retention",
    status: "Enabled",
    filter: [{ prefix: "" }],
    transition: transitions.length ? transitions : undefined,
    expiration: expireDays ? [{ days: expireDays }] : undefined,
    ...HOUSEKEEPING,
  };
}

export interface ArchivePlan {
  prefixes: typeof ARCHIVE_PREFIX;
  /** Channel pipelines that record, each into recordings/<stream-id>/pipeline<N>/: both of a STANDARD channel. */
  pipelinesRecorded: number[];
  /** Length of the recorded HLS segments (seconds): the live channel's segment length. */
  segmentSeconds: number;
  /** Days a live recording is kept (resolve always sets the output's retention; the tier's default otherwise). */
  retentionDays: number;
  transitions: Transition[];
  /** Retentions `blackwell media archive` can give a kept stream, one lifecycle rule each. */
  retentionChoicesDays: number[];
  lifecycleRules: LifecycleRule[];
}

/** Lifecycle transitions of an s3_archive output (and automation.archive_after_days). GLACIER_IR keeps old recordings playable through CloudFront. */
export function archiveTransitions(o: ResolvedOutput, tiering?: ArchiveTieringPlan): Transition[] {
  const t: Transition[] = [];
  if (o.transition_to_ia_days) t.push({ days: o.transition_to_ia_days, storageClass: "STANDARD_IA" });
  if (o.transition_to_glacier_days) t.push({ days: o.transition_to_glacier_days, storageClass: "GLACIER_IR" });
  if (tiering) t.push({ days: tiering.afterDays, storageClass: tiering.storageClass });
  return t;
}

/**
 * Lifecycle of the archive bucket: live recordings expire after the pipeline's retention; a stream
 * kept with `blackwell media archive` is copied under archive/ and tagged with one of the retention
 * choices, each a rule of its own (S3 honours the shortest of overlapping expirations, so recordings
 * and archived streams must not share a rule). "forever" matches no rule.
 */
export function archiveLifecycleRules(o: ResolvedOutput, tiering?: ArchiveTieringPlan): LifecycleRule[] {
  // Archive tiering moves recordings as asked, and an archived stream only when it is kept long enough to pay off the class's minimum billed days.
  const transitionsBefore = (days: number, always = false) =>
    archiveTransitions(o, tiering && (always || tieringApplies(tiering, days)) ? tiering : undefined).filter((t) => t.days < days);
  const withTransitions = (t: Transition[]) => (t.length ? { transition: t } : {});
  return [
    {
      id: "recordings",
      status: "Enabled",
      filter: [{ prefix: ARCHIVE_PREFIX.recordings }],
      ...withTransitions(transitionsBefore(o.retention_days ?? Infinity, true)),
      ...(o.retention_days ? { expiration: [{ days: o.retention_days }] } : {}),
      ...HOUSEKEEPING,
    },
    { id: "archived-housekeeping", status: "Enabled", filter: [{ prefix: ARCHIVE_PREFIX.archived }], ...HOUSEKEEPING },
    ...(o.archive_retention_choices_days ?? []).map((days) => ({
      id: `archived-${retentionTagValue(days)}`,
      status: "Enabled" as const,
      filter: [{ and: [{ prefix: ARCHIVE_PREFIX.archived, tags: { [RETENTION_TAG]: retentionTagValue(days) } }] }],
      ...withTransitions(transitionsBefore(days)),
      expiration: [{ days }],
    })),
  ];
}

/** Undefined unless a live pipeline has an s3_archive output. */
export function planArchive(p: ResolvedPipeline, live: LiveEncodingPlan | undefined): ArchivePlan | undefined {
  const output = p.outputs.find((o) => o.kind === "archive");
  if (!live || !output) return undefined;
  const tiering = automationPlan(p)?.archiveTiering;
  return {
    prefixes: ARCHIVE_PREFIX,
    pipelinesRecorded: live.pipelines,
    segmentSeconds: live.segmentSeconds,
    retentionDays: output.retention_days ?? p.tier_settings.archive_retention_days,
    transitions: archiveTransitions(output, tiering),
    retentionChoicesDays: output.archive_retention_choices_days ?? [],
    lifecycleRules: archiveLifecycleRules(output, tiering),
  };
}
