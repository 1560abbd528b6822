/**
 * blackwell media archive: keep one recorded stream of a live pipeline. The recording's objects are
 * copied (server side) from recordings/<stream-id>/ (two folders when a STANDARD channel's pipelines
 * started seconds apart) to archive/<stream-id>/ and tagged with the chosen
 * retention, which one of the module's lifecycle rules enforces; a manifest (archive.json) records
 * what was kept; an archive.created event goes to the pipeline's bus; a hybrid pipeline can also
 * turn the stream into on-demand renditions with MediaConvert.
 */
import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectsV2CommandOutput,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ARCHIVE_PREFIX, KEEP_FOREVER, RETENTION_TAG, STREAM_ID_PATTERN, retentionTagValue } from "../plans/archive-layout";
import { ARCHIVE_CREATED, EVENT_SOURCE } from "../plans/event-names";
import { mediaConvertSettings } from "../plans/mediaconvert-settings";
import { planVod } from "../plans/vod";
import { mapConcurrently } from "../core/concurrency";
import { UserError } from "../core/problems";
import { archiveCreatedDetail } from "../plans/events";
import type { ResolvedPipeline } from "../core/resolve";
import { ConvertProgress, followJob } from "./convert";

/** CopyObject copies up to 5 GiB in one request; HLS segments are a few MB. */
const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
const COPY_CONCURRENCY = 8;
export const MANIFEST_FILE = "archive.json";

export interface ArchiveTargets {
  bucket: string;
  eventBusName?: string;
  /** https://<cdn>/archive/ when the pipeline has CloudFront. */
  archivedBaseUrl?: string;
  /** Present for hybrid pipelines: where archive --transcode sends its job. */
  vod?: { outputBucket: string; queueArn: string; roleArn: string };
}

export function archiveTargetsFromOutputs(outputs: Record<string, { value?: unknown }>): ArchiveTargets {
  const value = (name: string) => (typeof outputs[name]?.value === "string" ? outputs[name].value : undefined);
  const bucket = value("archive_bucket_name");
  if (!bucket) throw new UserError("the module has no 'archive_bucket_name' output; does the pipeline have an s3_archive output, and is it applied?");
  const outputBucket = value("vod_output_bucket"),
    queueArn = value("mediaconvert_queue_arn"),
    roleArn = value("mediaconvert_role_arn");
  return {
    bucket,
    eventBusName: value("event_bus_name"),
    archivedBaseUrl: value("archived_streams_base_url"),
    ...(outputBucket && queueArn && roleArn ? { vod: { outputBucket, queueArn, roleArn } } : {}),
  };
}

export interface Retention {
  /** Tag value: "30d", or "forever". */
  tag: string;
  days?: number;
}

/** Parses --retention ("30d", "30" or "forever") and checks it is one the module has a lifecycle rule for. */
export function parseRetention(text: string, pipeline: ResolvedPipeline): Retention {
  const choices = pipeline.outputs.find((o) => o.kind === "archive")?.archive_retention_choices_days ?? [];
  const offer = `${choices.map((d) => retentionTagValue(d)).join(", ")} or ${KEEP_FOREVER}`;
  if (text.trim().toLowerCase() === KEEP_FOREVER) return { tag: KEEP_FOREVER };
  const m = /^\s*(\d+)\s*d?\s*$/i.exec(text);
  if (!m) throw new UserError(`--retention takes a number of days such as 30d, or ${KEEP_FOREVER}; got ${JSON.stringify(text)}`);
  const days = Number(m[1]);
  if (!choices.includes(days))
    throw new UserError(
      `${pipeline.pipeline_id} keeps archived streams for ${offer}; ${days}d has no lifecycle rule. Add ${days} to archive_retention_choices_days of its s3_archive output, then synth and apply the module.`,
    );
  return { tag: retentionTagValue(days), days };
}

export function checkStreamId(streamId: string): string {
  if (!STREAM_ID_PATTERN.test(streamId))
    throw new UserError(
      `stream ids are the channel's start time as MediaLive writes it, like 20261125T180000 (UTC); got ${JSON.stringify(streamId)}. Run archive without a stream id to list them.`,
    );
  return streamId;
}

/** "20261125T180000" -> "2026-11-25T18:00:00Z". */
export function streamStart(streamId: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(streamId)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/**
 * A STANDARD channel's two pipelines each resolve $dt$ when they start, which can be a second or two apart, so
 * one stream may land in two recording folders (pipeline0/ in one, pipeline1/ in the other). Folders this close
 * together are one stream: a channel cannot stop and start again within seconds.
 */
const SAME_STREAM_WITHIN_SECONDS = 5;

/** Recording folder ids grouped into streams, oldest first; a stream's id is its earliest folder's. */
export function groupRecordings(ids: string[]): string[][] {
  const seconds = (id: string) => Date.parse(streamStart(id)) / 1000;
  const groups: string[][] = [];
  for (const id of [...new Set(ids)].sort()) {
    const last = groups[groups.length - 1];
    if (last && seconds(id) - seconds(last[last.length - 1]) <= SAME_STREAM_WITHIN_SECONDS) last.push(id);
    else groups.push([id]);
  }
  return groups;
}

type S3Send = Pick<S3Client, "send">;

async function listAll(
  s3: S3Send,
  bucket: string,
  prefix: string,
  delimiter?: string,
): Promise<{ objects: Array<{ key: string; size: number }>; folders: string[] }> {
  const objects: Array<{ key: string; size: number }> = [];
  const folders: string[] = [];
  let token: string | undefined;
  do {
    const page: ListObjectsV2CommandOutput = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) objects.push({ key: o.Key, size: o.Size ?? 0 });
    for (const f of page.CommonPrefixes ?? []) if (f.Prefix) folders.push(f.Prefix);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { objects, folders };
}

export interface ArchiveManifest {
  pipeline_id: string;
  stream_id: string;
  /** The recording folders the stream was copied from. */
  recording_ids: string[];
  started_at: string;
  archived_at: string;
  retention: string;
  retention_days: number | null;
  objects: number;
  bytes: number;
  manifests: string[];
  playback_urls: string[];
}

export interface RecordedStream {
  stream_id: string;
  started_at: string;
  recorded: boolean;
  /** The recording folders of this stream (two when a STANDARD channel's pipelines started seconds apart). */
  recording_ids: string[];
  archived?: { retention: string; archived_at: string; objects: number; bytes: number };
}

/** The recorded streams (newest first) and what was kept of them, from folder listings and the archive manifests. */
export async function listStreams(s3: S3Send, bucket: string): Promise<RecordedStream[]> {
  const streams = new Map(groupRecordings(await folderIds(s3, bucket, ARCHIVE_PREFIX.recordings)).map((g) => [g[0], g]));
  const archived = await folderIds(s3, bucket, ARCHIVE_PREFIX.archived);
  const listed: RecordedStream[] = [];
  for (const id of [...new Set([...streams.keys(), ...archived])].sort().reverse()) {
    const stream: RecordedStream = { stream_id: id, started_at: streamStart(id), recorded: streams.has(id), recording_ids: streams.get(id) ?? [] };
    if (archived.includes(id)) {
      const manifest = await readManifest(s3, bucket, id);
      stream.archived = manifest
        ? { retention: manifest.retention, archived_at: manifest.archived_at, objects: manifest.objects, bytes: manifest.bytes }
        : { retention: "unknown (no archive.json)", archived_at: "", objects: 0, bytes: 0 };
    }
    listed.push(stream);
  }
  return listed;
}

/** The stream ids that are folders under `prefix` (recordings/ or archive/). */
async function folderIds(s3: S3Send, bucket: string, prefix: string): Promise<string[]> {
  return (await listAll(s3, bucket, prefix, "/")).folders.map((f) => f.slice(prefix.length).replace(/\/$/, "")).filter((id) => STREAM_ID_PATTERN.test(id));
}

/** The objects of a stream's recording folders, each with its path below its folder (pipeline<N>/...). */
async function recordingObjects(
  s3: S3Send,
  bucket: string,
  streamId: string,
): Promise<{ streamId: string; folders: string[]; objects: Array<{ key: string; size: number; rel: string }> }> {
  const recorded = await folderIds(s3, bucket, ARCHIVE_PREFIX.recordings);
  // The id given may be either folder of a split stream; the stream is named by its earliest.
  const group = groupRecordings([...recorded, streamId])
    .find((g) => g.includes(streamId))!
    .filter((id) => recorded.includes(id));
  const folders = group.length ? group : [streamId];
  const objects: Array<{ key: string; size: number; rel: string }> = [];
  const seen = new Map<string, string>();
  for (const folder of folders) {
    const from = `${ARCHIVE_PREFIX.recordings}${folder}/`;
    for (const o of (await listAll(s3, bucket, from)).objects) {
      const rel = o.key.slice(from.length);
      if (seen.has(rel))
        throw new UserError(
          `recordings ${seen.get(rel)} and ${folder} both hold ${rel}, so they are not the two pipelines of one stream; archive them one at a time`,
        );
      seen.set(rel, folder);
      objects.push({ ...o, rel });
    }
  }
  return { streamId: folders[0], folders, objects };
}

async function readManifest(s3: S3Send, bucket: string, streamId: string): Promise<ArchiveManifest | undefined> {
  try {
    const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${ARCHIVE_PREFIX.archived}${streamId}/${MANIFEST_FILE}` }));
    return JSON.parse((await r.Body!.transformToString()) || "null") ?? undefined;
  } catch (err) {
    if ((err as { name?: string }).name === "NoSuchKey") return undefined;
    throw err;
  }
}

export interface ArchiveClients {
  s3: S3Send;
  eventbridge?: Pick<EventBridgeClient, "send">;
  mediaconvert?: Pick<MediaConvertClient, "send">;
}

export interface ArchiveOptions {
  retention: Retention;
  transcode?: boolean;
  follow?: boolean;
  pollMs?: number;
  now?: () => Date;
  onProgress?: (p: ConvertProgress | { phase: "copy"; percent: number; done: number; total: number }) => void;
}

export interface ArchiveResult {
  pipeline_id: string;
  stream_id: string;
  recording_ids: string[];
  location: string;
  retention: string;
  objects: number;
  bytes: number;
  /** Objects already archived before (retagged, not copied again). */
  retagged: number;
  playback_urls: string[];
  event?: { bus: string; event_id?: string };
  transcode?: { job_id: string; status: string; destination: string; error_message?: string };
}

const copySource = (bucket: string, key: string) => `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;

/** Runs `work` over `items` with at most `limit` at a time. */
/** `requestedId` may name either recording folder of a split stream; the stream is archived under its earliest. */
export async function archiveStream(
  pipeline: ResolvedPipeline,
  requestedId: string,
  targets: ArchiveTargets,
  clients: ArchiveClients,
  o: ArchiveOptions,
): Promise<ArchiveResult> {
  checkStreamId(requestedId);
  if (o.transcode && !targets.vod)
    throw new UserError(`${pipeline.pipeline_id} is a ${pipeline.pipeline_type} pipeline: --transcode needs a hybrid pipeline (it has MediaConvert)`);
  const { streamId, folders, objects } = await recordingObjects(clients.s3, targets.bucket, requestedId);
  const to = `${ARCHIVE_PREFIX.archived}${streamId}/`;
  if (objects.length === 0)
    throw new UserError(
      `no recording ${streamId} in s3://${targets.bucket}/${ARCHIVE_PREFIX.recordings}${streamId}/ (it may have expired); run archive --pipeline ${pipeline.pipeline_id} without a stream id to list the recordings`,
    );
  const tooBig = objects.find((x) => x.size > MAX_SINGLE_COPY_BYTES);
  if (tooBig) throw new UserError(`${tooBig.key} is larger than 5 GiB, which one CopyObject cannot copy; this is not an HLS recording MediaLive wrote`);
  const already = new Map((await listAll(clients.s3, targets.bucket, to)).objects.map((x) => [x.key, x.size]));
  const tagging = `${RETENTION_TAG}=${o.retention.tag}`;
  let done = 0;
  let retagged = 0;
  await mapConcurrently(objects, COPY_CONCURRENCY, async (object) => {
    const key = to + object.rel;
    if (already.get(key) === object.size) {
      // Kept before: change its retention only. Lifecycle ages count from the first archive.
      await clients.s3.send(
        new PutObjectTaggingCommand({ Bucket: targets.bucket, Key: key, Tagging: { TagSet: [{ Key: RETENTION_TAG, Value: o.retention.tag }] } }),
      );
      retagged++;
    } else {
      await clients.s3.send(
        new CopyObjectCommand({
          Bucket: targets.bucket,
          Key: key,
          CopySource: copySource(targets.bucket, object.key),
          MetadataDirective: "COPY",
          TaggingDirective: "REPLACE",
          Tagging: tagging,
        }),
      );
    }
    done++;
    o.onProgress?.({ phase: "copy", percent: Math.round((done / objects.length) * 100), done, total: objects.length });
  });

  const manifests = objects
    .map((x) => x.rel)
    .filter((k) => /^pipeline\d+\/index\.m3u8$/.test(k))
    .sort();
  const playbackUrls = targets.archivedBaseUrl ? manifests.map((m) => `${targets.archivedBaseUrl}${streamId}/${m}`) : [];
  const bytes = objects.reduce((sum, x) => sum + x.size, 0);
  const manifest: ArchiveManifest = {
    pipeline_id: pipeline.pipeline_id,
    stream_id: streamId,
    recording_ids: folders,
    started_at: streamStart(streamId),
    archived_at: (o.now?.() ?? new Date()).toISOString(),
    retention: o.retention.tag,
    retention_days: o.retention.days ?? null,
    objects: objects.length,
    bytes,
    manifests: manifests.map((m) => `${to}${m}`),
    playback_urls: playbackUrls,
  };
  await clients.s3.send(
    new PutObjectCommand({
      Bucket: targets.bucket,
      Key: `${to}${MANIFEST_FILE}`,
      Body: JSON.stringify(manifest, null, 2) + "\n",
      ContentType: "application/json",
      Tagging: tagging,
    }),
  );

  const result: ArchiveResult = {
    pipeline_id: pipeline.pipeline_id,
    stream_id: streamId,
    recording_ids: folders,
    location: `s3://${targets.bucket}/${to}`,
    retention: o.retention.tag,
    objects: objects.length,
    bytes,
    retagged,
    playback_urls: playbackUrls,
  };
  if (o.transcode) result.transcode = await transcodeArchived(pipeline, streamId, targets, manifests, clients, o);
  if (targets.eventBusName && clients.eventbridge) result.event = await announce(targets.eventBusName, manifest, result, clients.eventbridge);
  return result;
}

/** One MediaConvert job on the archived recording's first pipeline, with the pipeline's own ladder, into vod/archive/<stream-id>/. */
async function transcodeArchived(
  pipeline: ResolvedPipeline,
  streamId: string,
  targets: ArchiveTargets,
  manifests: string[],
  clients: ArchiveClients,
  o: ArchiveOptions,
): Promise<NonNullable<ArchiveResult["transcode"]>> {
  if (!clients.mediaconvert) throw new Error("archive --transcode needs a MediaConvert client");
  if (manifests.length === 0) throw new UserError(`recording ${streamId} has no pipeline<N>/index.m3u8 to transcode`);
  const vod = targets.vod!;
  const destination = `s3://${vod.outputBucket}/vod/archive/${streamId}/`;
  const settings = mediaConvertSettings(planVod(pipeline)!, destination) as { Inputs: Array<Record<string, unknown>> };
  settings.Inputs[0] = { ...settings.Inputs[0], FileInput: `s3://${targets.bucket}/${ARCHIVE_PREFIX.archived}${streamId}/${manifests[0]}` };
  const created = await clients.mediaconvert.send(
    new CreateJobCommand({
      Queue: vod.queueArn,
      Role: vod.roleArn,
      Settings: settings,
      UserMetadata: { pipeline_id: pipeline.pipeline_id, stream_id: streamId, source: "blackwell media archive" },
    }),
  );
  const jobId = created.Job?.Id;
  if (!jobId) throw new Error("MediaConvert returned no job id");
  if (o.follow === false) return { job_id: jobId, status: created.Job?.Status ?? "SUBMITTED", destination };
  const end = await followJob(clients.mediaconvert, jobId, { pollMs: o.pollMs, onProgress: o.onProgress });
  return { job_id: jobId, status: end.status, destination, ...(end.errorMessage ? { error_message: end.errorMessage } : {}) };
}

async function announce(
  bus: string,
  manifest: ArchiveManifest,
  result: ArchiveResult,
  eventbridge: Pick<EventBridgeClient, "send">,
): Promise<{ bus: string; event_id?: string }> {
  // The shape is schemas/events.schema.json's ArchiveCreatedDetail (src/plans/events.ts builds it).
  const detail = archiveCreatedDetail({
    pipeline_id: manifest.pipeline_id,
    stream_id: manifest.stream_id,
    started_at: manifest.started_at,
    retention: manifest.retention,
    location: result.location,
    manifest_key: `${ARCHIVE_PREFIX.archived}${manifest.stream_id}/${MANIFEST_FILE}`,
    objects: manifest.objects,
    bytes: manifest.bytes,
    playback_urls: manifest.playback_urls,
    ...(result.transcode ? { transcode_job_id: result.transcode.job_id } : {}),
  });
  const r = await eventbridge.send(
    new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: EVENT_SOURCE, DetailType: ARCHIVE_CREATED, Detail: JSON.stringify(detail) }] }),
  );
  if (r.FailedEntryCount)
    throw new UserError(
      `the stream was archived, but ${ARCHIVE_CREATED} could not be put on ${bus}: ${r.Entries?.[0]?.ErrorCode ?? "error"} ${r.Entries?.[0]?.ErrorMessage ?? ""}`.trim(),
    );
  return { bus, event_id: r.Entries?.[0]?.EventId };
}
