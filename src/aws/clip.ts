/**
 * Clip-to-VOD: a MediaPackage v2 harvest job turns a window of the live stream's start-over window into a VOD asset
 * under archive/<clip-id>/ of the archive bucket, waited for with progress; once it completes, the clip's objects
 * are counted and archive.created is put on the pipeline's bus (schemas/events.schema.json ArchiveCreatedDetail).
 * Sleep and clock are injectable so tests never wait.
 */
import { CreateHarvestJobCommand, GetHarvestJobCommand, MediaPackageV2Client } from "@aws-sdk/client-mediapackagev2";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ARCHIVE_CREATED, EVENT_SOURCE } from "../plans/event-names";
import { archiveCreatedDetail } from "../plans/events";
import { MAX_HARVEST_SECONDS, type ClipPlan } from "../plans/clips";
import { UserError } from "../core/problems";
import { archiveTargetsFromOutputs } from "./archive";

export interface ClipWindow {
  from: Date;
  to: Date;
}

/** Parses --from/--to (ISO 8601 with zone) and checks the window against what MediaPackage still holds. */
export function clipWindow(from: string, to: string, plan: ClipPlan, now: Date): ClipWindow {
  const parse = (flag: string, text: string) => {
    const d = /(Z|[+-]\d\d:?\d\d)$/.test(text) ? new Date(text) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new UserError(`${flag} takes an ISO 8601 time with its zone, like 2026-12-01T20:15:00Z; got ${JSON.stringify(text)}`);
    return d;
  };
  const w = { from: parse("--from", from), to: parse("--to", to) };
  if (w.to <= w.from) throw new UserError(`--to (${to}) must be after --from (${from})`);
  if (w.to > now) throw new UserError(`--to ${to} is in the future: MediaPackage harvests what it has already packaged; wait until then`);
  const oldest = new Date(now.getTime() - plan.startoverWindowSeconds * 1000);
  if (w.from < oldest)
    throw new UserError(
      `--from ${from} is older than the start-over window of ${plan.startoverWindowSeconds / 60} minutes (the oldest is ${oldest.toISOString()}): MediaPackage no longer holds it; for older parts use blackwell media archive`,
    );
  if ((w.to.getTime() - w.from.getTime()) / 1000 > MAX_HARVEST_SECONDS) throw new UserError(`a clip is at most 24 hours long (one MediaPackage harvest job)`);
  return w;
}

/** The clip's id: its start in the recordings' stream-id form (UTC), so it sits beside kept streams under archive/. */
export function clipId(from: Date): string {
  return from
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "");
}

export interface ClipTargets {
  channelGroup: string;
  channelName: string;
  bucket: string;
  eventBusName?: string;
  archivedBaseUrl?: string;
}

export function clipTargetsFromOutputs(outputs: Record<string, { value?: unknown }>): ClipTargets {
  const archive = archiveTargetsFromOutputs(outputs);
  const group = outputs.mediapackage_channel_group?.value;
  const arn = outputs.mediapackage_channel_arn?.value;
  const channelName = typeof arn === "string" ? /\/channel\/([^/]+)$/.exec(arn)?.[1] : undefined;
  if (typeof group !== "string" || !channelName)
    throw new UserError(
      "the module has no mediapackage_channel_group / mediapackage_channel_arn output; does the pipeline play through CloudFront, and is it applied?",
    );
  return { channelGroup: group, channelName, bucket: archive.bucket, eventBusName: archive.eventBusName, archivedBaseUrl: archive.archivedBaseUrl };
}

export interface ClipClients {
  mediapackage: Pick<MediaPackageV2Client, "send">;
  s3: Pick<S3Client, "send">;
  eventbridge: Pick<EventBridgeClient, "send">;
}

export interface ClipOptions {
  pipelineId: string;
  clientId?: string;
  /** Endpoint format to harvest (default: the plan's first, HLS when there is one). */
  format?: string;
  wait: boolean;
  timeoutMs: number;
  pollMs?: number;
  onProgress?: (p: { status: string; elapsedMs: number }) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface ClipResult {
  clip_id: string;
  harvest_job: string;
  endpoint: string;
  status: string;
  location: string;
  objects?: number;
  bytes?: number;
  playback_urls?: string[];
  event?: { bus: string; event_id?: string };
  error_message?: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const CLIP_POLL_MS = 10_000;

export async function harvestClip(plan: ClipPlan, targets: ClipTargets, window: ClipWindow, clients: ClipClients, o: ClipOptions): Promise<ClipResult> {
  const endpoint = o.format ? plan.endpoints.find((e) => e.format === o.format) : plan.endpoints[0];
  if (!endpoint) throw new UserError(`--format ${o.format} is not one of this pipeline's endpoints: ${plan.endpoints.map((e) => e.format).join(", ")}`);
  const sleep = o.sleep ?? realSleep;
  const now = o.now ?? Date.now;
  const started = now();
  const id = clipId(window.from);
  const prefix = `${plan.prefix}${id}/`;
  const jobName = `clip-${id}-${endpoint.format}`;
  const manifests =
    endpoint.kind === "dash" ? { DashManifests: [{ ManifestName: endpoint.manifestName }] } : { HlsManifests: [{ ManifestName: endpoint.manifestName }] };
  await clients.mediapackage.send(
    new CreateHarvestJobCommand({
      ChannelGroupName: targets.channelGroup,
      ChannelName: targets.channelName,
      OriginEndpointName: endpoint.endpointName,
      HarvestJobName: jobName,
      // The same clip asked twice is one job (MediaPackage's idempotency token).
      ClientToken: jobName,
      Description: `Clip of ${o.pipelineId} from ${window.from.toISOString()} to ${window.to.toISOString()} (blackwell media clip)`,
      HarvestedManifests: manifests,
      ScheduleConfiguration: { StartTime: window.from, EndTime: window.to },
      Destination: { S3Destination: { BucketName: targets.bucket, DestinationPath: prefix } },
    }),
  );
  const base = { clip_id: id, harvest_job: jobName, endpoint: endpoint.endpointName, location: `s3://${targets.bucket}/${prefix}` };
  o.onProgress?.({ status: "QUEUED", elapsedMs: now() - started });
  if (!o.wait) return { ...base, status: "QUEUED" };

  for (;;) {
    await sleep(o.pollMs ?? CLIP_POLL_MS);
    const job = await clients.mediapackage.send(
      new GetHarvestJobCommand({
        ChannelGroupName: targets.channelGroup,
        ChannelName: targets.channelName,
        OriginEndpointName: endpoint.endpointName,
        HarvestJobName: jobName,
      }),
    );
    const status = job.Status ?? "UNKNOWN";
    const elapsedMs = now() - started;
    o.onProgress?.({ status, elapsedMs });
    if (status === "FAILED" || status === "CANCELLED") return { ...base, status, ...(job.ErrorMessage ? { error_message: job.ErrorMessage } : {}) };
    if (status === "COMPLETED") break;
    if (elapsedMs >= o.timeoutMs)
      throw new UserError(
        `harvest job ${jobName} is still ${status} after ${Math.round(elapsedMs / 1000)} s (--timeout ${Math.round(o.timeoutMs / 1000)}); MediaPackage keeps going: the clip will appear under ${base.location}`,
      );
  }

  // What landed: every object under the clip's prefix; the shallowest manifest is the one to play.
  let objects = 0,
    bytes = 0,
    token: string | undefined;
  const keys: string[] = [];
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: targets.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const obj of page.Contents ?? []) {
      objects++;
      bytes += obj.Size ?? 0;
      if (obj.Key) keys.push(obj.Key);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const manifest = keys
    .filter((k) => k.endsWith(endpoint.kind === "dash" ? ".mpd" : ".m3u8"))
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))[0];
  const playback_urls = manifest && targets.archivedBaseUrl ? [`${targets.archivedBaseUrl}${manifest.slice(plan.prefix.length)}`] : [];
  const result: ClipResult = { ...base, status: "COMPLETED", objects, bytes, playback_urls };
  if (targets.eventBusName) {
    // The shape is schemas/events.schema.json's ArchiveCreatedDetail; a harvested clip carries no retention tag, so it is kept until deleted.
    const detail = archiveCreatedDetail(
      {
        pipeline_id: o.pipelineId,
        stream_id: id,
        started_at: window.from.toISOString(),
        retention: "forever",
        location: result.location,
        objects,
        bytes,
        playback_urls,
      },
      o.clientId,
    );
    const r = await clients.eventbridge.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: targets.eventBusName, Source: EVENT_SOURCE, DetailType: ARCHIVE_CREATED, Detail: JSON.stringify(detail) }],
      }),
    );
    if (r.FailedEntryCount)
      throw new UserError(
        `the clip is in ${result.location}, but ${ARCHIVE_CREATED} could not be put on ${targets.eventBusName}: ${r.Entries?.[0]?.ErrorCode ?? "error"} ${r.Entries?.[0]?.ErrorMessage ?? ""}`.trim(),
      );
    result.event = { bus: targets.eventBusName, event_id: r.Entries?.[0]?.EventId };
  }
  return result;
}
