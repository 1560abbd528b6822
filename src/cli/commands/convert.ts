import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";
import { appliedModuleOptions } from "../pipeline-outputs";

interface Args {
  input: string;
  pipeline: string;
  dir?: string;
  "work-dir"?: string;
  "outputs-file"?: string;
  follow: boolean;
  json: boolean;
}

export const convertCommand: CommandModule<object, Args> = {
  command: "convert <input>",
  describe: "Transcode a local file or s3:// object with a VOD pipeline's MediaConvert job template",
  builder: (y) =>
    jsonOption(appliedModuleOptions(y))
      .positional("input", { type: "string", demandOption: true, describe: "Local file (uploaded with progress) or s3://bucket/key" })
      .option("pipeline", { type: "string", demandOption: true, describe: "vod_processing or hybrid pipeline id" })
      .option("follow", { type: "boolean", default: true, describe: "Wait for the job to finish (--no-follow to return after submitting)" })
      .example("$0 media convert talk.mp4 --pipeline vod-library", "Upload, transcode and wait")
      .example("$0 media convert s3://my-bucket/incoming/talk.mp4 --pipeline vod-library --no-follow --json", "Submit only, as JSON"),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { convert, vodTargetsFromOutputs } = await import("../../aws/convert");
    const { printJson } = await import("../output");
    const { resolved } = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    if (!resolved.vod) throw new UserError(`${resolved.pipeline_id} is a ${resolved.pipeline_type} pipeline; convert needs vod_processing or hybrid`);
    const { appliedOutputs } = await import("../pipeline-outputs");
    const outputs = await appliedOutputs(resolved, args);
    const { planVod } = await import("../../plans/vod");
    const targets = vodTargetsFromOutputs(outputs, planVod(resolved)!.inputPrefix);
    const { awsClientConfig } = await import("../../aws/client-config");
    const { S3Client } = await import("@aws-sdk/client-s3");
    const { MediaConvertClient } = await import("@aws-sdk/client-mediaconvert");
    let last = "";
    const result = await convert(
      args.input,
      targets,
      { s3: new S3Client(awsClientConfig(resolved.region)), mediaconvert: new MediaConvertClient(awsClientConfig(resolved.region)) },
      {
        follow: args.follow,
        onProgress: args.json
          ? undefined
          : (p) => {
              const line = `${p.phase} ${p.percent}%${p.status ? ` (${p.status})` : ""}`;
              if (line !== last) process.stderr.write(process.stderr.isTTY ? `\r${line}   ` : `${line}\n`);
              last = line;
            },
      },
    );
    if (!args.json && process.stderr.isTTY) process.stderr.write("\n");
    if (args.json) printJson(result);
    else process.stdout.write(`job ${result.jobId}: ${result.status}${result.errorMessage ? ` (${result.errorMessage})` : ""}\n`);
    if (result.status === "ERROR" || result.status === "CANCELED")
      throw new UserError(`MediaConvert job ${result.jobId} ended ${result.status}${result.errorMessage ? `: ${result.errorMessage}` : ""}`);
  },
};
