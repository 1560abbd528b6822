import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";
import { appliedModuleOptions } from "../pipeline-outputs";

interface Args {
  "stream-id"?: string;
  pipeline: string;
  retention?: string;
  transcode: boolean;
  follow: boolean;
  dir?: string;
  "work-dir"?: string;
  "outputs-file"?: string;
  json: boolean;
}

export const archiveCommand: CommandModule<object, Args> = {
  command: "archive [stream-id]",
  describe:
    "Keep a recorded live stream with a retention (S3 lifecycle), announce archive.created, optionally transcode it to VOD; without a stream id, list the recordings",
  builder: (y) =>
    jsonOption(appliedModuleOptions(y))
      .positional("stream-id", { type: "string", describe: "The recording's start time as MediaLive names its folder, e.g. 20261125T180000 (UTC)" })
      .option("pipeline", { type: "string", demandOption: true, describe: "Live or hybrid pipeline with an s3_archive output" })
      .option("retention", { type: "string", describe: "How long to keep it: one of the module's choices (default 7d, 30d, 90d, 365d, 1825d) or forever" })
      .option("transcode", { type: "boolean", default: false, describe: "Also make on-demand renditions with the pipeline's ladder (hybrid pipelines)" })
      .option("follow", { type: "boolean", default: true, describe: "With --transcode, wait for the job (--no-follow returns after submitting)" })
      .example("$0 media archive --pipeline studio_live_feed", "List the recorded streams and what is archived")
      .example("$0 media archive 20261125T180000 --pipeline studio_live_feed --retention 30d", "Keep that stream for 30 days")
      .example(
        "$0 media archive 20261125T180000 --pipeline company-webinars --retention forever --transcode --json",
        "Keep it, make VOD renditions, report as JSON",
      ),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { archiveStream, archiveTargetsFromOutputs, checkStreamId, listStreams, parseRetention } = await import("../../aws/archive");
    const { appliedOutputs } = await import("../pipeline-outputs");
    const { printJson, printTable } = await import("../output");
    const { resolved } = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    if (!resolved.outputs.some((o) => o.kind === "archive"))
      throw new UserError(`${resolved.pipeline_id} has no s3_archive output, so nothing is recorded to archive`);
    // Check what can be checked before reading terraform outputs or calling AWS.
    const streamId = args["stream-id"] === undefined ? undefined : checkStreamId(args["stream-id"]);
    if (streamId && !args.retention) throw new UserError("give --retention: how long to keep the stream (for example 30d, or forever)");
    const retention = args.retention ? parseRetention(args.retention, resolved) : undefined;
    if (args.transcode && !resolved.vod)
      throw new UserError(`${resolved.pipeline_id} is a ${resolved.pipeline_type} pipeline: --transcode needs a hybrid pipeline (it has MediaConvert)`);
    const targets = archiveTargetsFromOutputs(await appliedOutputs(resolved, args));
    const { awsClientConfig } = await import("../../aws/client-config");
    const { S3Client } = await import("@aws-sdk/client-s3");
    const s3 = new S3Client(awsClientConfig(resolved.region));

    if (!streamId) {
      const streams = await listStreams(s3, targets.bucket);
      if (args.json) return printJson({ pipeline_id: resolved.pipeline_id, bucket: targets.bucket, streams });
      if (streams.length === 0) return void process.stdout.write(`no recordings yet in s3://${targets.bucket}/recordings/\n`);
      printTable(
        ["STREAM", "STARTED (UTC)", "RECORDING", "ARCHIVED", "RETENTION", "SIZE"],
        streams.map((s) => [
          s.stream_id,
          s.started_at,
          s.recorded ? "yes" : "expired",
          s.archived ? s.archived.archived_at.slice(0, 19) || "yes" : "-",
          s.archived?.retention ?? "-",
          s.archived ? `${(s.archived.bytes / 1024 ** 2).toFixed(1)} MiB` : "-",
        ]),
      );
      return;
    }

    const { EventBridgeClient } = await import("@aws-sdk/client-eventbridge");
    const { MediaConvertClient } = await import("@aws-sdk/client-mediaconvert");
    let last = "";
    const result = await archiveStream(
      resolved,
      streamId,
      targets,
      {
        s3,
        eventbridge: new EventBridgeClient(awsClientConfig(resolved.region)),
        mediaconvert: args.transcode ? new MediaConvertClient(awsClientConfig(resolved.region)) : undefined,
      },
      {
        retention: retention!,
        transcode: args.transcode,
        follow: args.follow,
        onProgress: args.json
          ? undefined
          : (p) => {
              const line =
                p.phase === "copy" ? `copy ${p.percent}% (${p.done}/${p.total} objects)` : `transcode ${p.percent}%${p.status ? ` (${p.status})` : ""}`;
              if (line !== last) process.stderr.write(process.stderr.isTTY ? `\r${line}   ` : `${line}\n`);
              last = line;
            },
      },
    );
    if (!args.json && process.stderr.isTTY) process.stderr.write("\n");
    if (args.json) printJson(result);
    else {
      process.stdout.write(
        `archived ${result.stream_id}: ${result.objects} objects (${(result.bytes / 1024 ** 2).toFixed(1)} MiB) in ${result.location}, retention ${result.retention}${result.retagged ? ` (${result.retagged} already archived, retention changed)` : ""}\n`,
      );
      for (const url of result.playback_urls) process.stdout.write(`play: ${url}\n`);
      if (result.event) process.stdout.write(`announced archive.created on ${result.event.bus}\n`);
      if (result.transcode) process.stdout.write(`transcode job ${result.transcode.job_id}: ${result.transcode.status} -> ${result.transcode.destination}\n`);
    }
    if (result.transcode && (result.transcode.status === "ERROR" || result.transcode.status === "CANCELED"))
      throw new UserError(
        `the stream is archived, but MediaConvert job ${result.transcode.job_id} ended ${result.transcode.status}${result.transcode.error_message ? `: ${result.transcode.error_message}` : ""}`,
      );
  },
};
