/**
 * Where a live pipeline's recordings live in its archive bucket, shared by the generated module
 * (MediaLive destination, lifecycle rules, CDN paths) and `blackwell media archive`. Kept free of
 * CDKTF so the CLI can read it without loading provider bindings.
 *
 *   recordings/<stream-id>/pipeline<N>/index.m3u8   what MediaLive writes; <stream-id> is the channel start
 *                                                   time MediaLive puts in for $dt$ (YYYYMMDDTHHMMSS, UTC)
 *   archive/<stream-id>/...                          a stream kept by `archive`, tagged with its retention
 */
export const ARCHIVE_PREFIX = { recordings: "recordings/", archived: "archive/" } as const;

/** MediaLive's identifier for the channel's start time, allowed in an archive/HLS group destination. */
export const STREAM_ID_VARIABLE = "$dt$";

/** What $dt$ becomes: the stream id. */
export const STREAM_ID_PATTERN = /^\d{8}T\d{6}$/;

/** Object tag whose value picks the lifecycle rule of an archived stream ("30d", or "forever" for none). */
export const RETENTION_TAG = "blackwell-retention";
export const KEEP_FOREVER = "forever";

export const retentionTagValue = (days: number) => `${days}d`;
