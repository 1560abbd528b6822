/** blackwell media clip <pipeline> --from --to: a window of the live stream as a VOD asset (MediaPackage v2 harvest job). */
import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";
import { OutputsArgs, appliedModuleOptions } from "../pipeline-outputs";

interface Args extends OutputsArgs {
  pipeline: string;
  from: string;
  to: string;
  format?: string;
  wait: boolean;
  timeout: number;
  json: boolean;
}

export const clipCommand: CommandModule<object, Args> = {
  command: "clip <pipeline>",
  describe:
    "Turn a window of the live stream's start-over window into a VOD asset in the archive bucket (MediaPackage v2 harvest job); announces archive.created",
  builder: (y) =>
    jsonOption(appliedModuleOptions(y))
      .positional("pipeline", {
        type: "string",
        demandOption: true,
        describe: "Pipeline id (searched in --dir) or definition file; needs clips in its definition",
      })
      .option("from", { type: "string", demandOption: true, describe: "Start of the clip (ISO 8601 with zone, within the start-over window)" })
      .option("to", { type: "string", demandOption: true, describe: "End of the clip (ISO 8601 with zone, not in the future)" })
      .option("format", { type: "string", choices: ["hls", "cmaf", "dash"], describe: "Endpoint to harvest (default: hls, else cmaf, else dash)" })
      .option("wait", { type: "boolean", default: true, describe: "Wait for the harvest job (--no-wait returns once it is queued)" })
      .option("timeout", { type: "number", default: 3600, describe: "Seconds to wait before giving up (the job keeps going)" })
      .example("$0 media clip studio-live --from 2026-12-01T20:00:00Z --to 2026-12-01T20:05:00Z", "Five minutes of the stream as an HLS VOD asset")
      .example("$0 media clip studio-live --from 2026-12-01T20:00:00Z --to 2026-12-01T20:05:00Z --format dash --json", "As DASH; report as JSON"),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { planClips } = await import("../../plans/clips");
    const { clipTargetsFromOutputs, clipWindow, harvestClip } = await import("../../aws/clip");
    const { appliedOutputs } = await import("../pipeline-outputs");
    const { printJson } = await import("../output");
    const { resolved } = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    const plan = planClips(resolved);
    if (!plan)
      throw new UserError(
        `${resolved.pipeline_id} does not allow clips: add "clips": {} to its definition (a live pipeline with cloudfront and s3_archive) and re-apply (blackwell media deploy ${resolved.pipeline_id})`,
      );
    if (!Number.isFinite(args.timeout) || args.timeout <= 0) throw new UserError(`--timeout takes seconds > 0; got ${args.timeout}`);
    const window = clipWindow(args.from, args.to, plan, new Date());
    const targets = clipTargetsFromOutputs(await appliedOutputs(resolved, args));
    const { awsClientConfig } = await import("../../aws/client-config");
    const { MediaPackageV2Client } = await import("@aws-sdk/client-mediapackagev2");
    const { S3Client } = await import("@aws-sdk/client-s3");
    const { EventBridgeClient } = await import("@aws-sdk/client-eventbridge");
    const { progressLine } = await import("../progress-line");
    const config = awsClientConfig(resolved.region);
    const progress = progressLine();
    let result;
    try {
      result = await harvestClip(
        plan,
        targets,
        window,
        { mediapackage: new MediaPackageV2Client(config), s3: new S3Client(config), eventbridge: new EventBridgeClient(config) },
        {
          pipelineId: resolved.pipeline_id,
          clientId: resolved.events?.client_id,
          format: args.format,
          wait: args.wait,
          timeoutMs: args.timeout * 1000,
          onProgress: args.json
            ? undefined
            : (p) => progress.update(`harvesting clip of ${resolved.pipeline_id}: ${p.status} (${Math.round(p.elapsedMs / 1000)} s)`),
        },
      );
    } finally {
      progress.done();
    }
    if (args.json) printJson({ pipeline_id: resolved.pipeline_id, ...result });
    else if (result.status === "COMPLETED")
      process.stdout.write(
        `clip ${result.clip_id} of ${resolved.pipeline_id}: ${result.objects} objects, ${result.bytes} bytes in ${result.location}${result.playback_urls?.length ? `\nplay: ${result.playback_urls[0]}` : ""}${result.event ? `\nannounced archive.created on ${result.event.bus}` : ""}\n`,
      );
    else if (result.status === "QUEUED") process.stdout.write(`harvest job ${result.harvest_job} queued; the clip will appear under ${result.location}\n`);
    if (result.status === "FAILED" || result.status === "CANCELLED")
      throw new UserError(`harvest job ${result.harvest_job} ${result.status}${result.error_message ? `: ${result.error_message}` : ""}`);
  },
};
