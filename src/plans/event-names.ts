/** The pipeline events' source and detail-types, shared by the module's event bus and the CLI (no CDKTF here). */
export const EVENT_SOURCE = "blackwell.media";

/** Put on the pipeline's bus by `blackwell media archive` once a stream is kept. */
export const ARCHIVE_CREATED = "archive.created";

/** Put on the pipeline's bus by the idle-stop state machine when it stops a channel; the detail carries the reason. */
export const CHANNEL_AUTO_STOPPED = "channel.auto_stopped";
