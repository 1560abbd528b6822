/**
 * blackwell media convert: upload a local file (with progress) to the pipeline's VOD source bucket,
 * or take an s3:// URI, submit a MediaConvert job from the pipeline's job template and follow it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { CreateJobCommand, GetJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { UserError } from "../core/problems";

export interface VodTargets {
  sourceBucket: string;
  inputPrefix: string;
  jobTemplate: string;
  queueArn: string;
  roleArn: string;
}

export function vodTargetsFromOutputs(outputs: Record<string, { value?: unknown }>, inputPrefix: string): VodTargets {
  const get = (name: string) => {
    const v = outputs[name]?.value;
    if (typeof v !== "string") throw new UserError(`the module has no '${name}' output; is this a vod_processing or hybrid pipeline, and is it applied?`);
    return v;
  };
  return {
    sourceBucket: get("vod_source_bucket"),
    jobTemplate: get("mediaconvert_job_template"),
    queueArn: get("mediaconvert_queue_arn"),
    roleArn: get("mediaconvert_role_arn"),
    inputPrefix,
  };
}

export interface ConvertClients {
  s3: S3Client;
  mediaconvert: Pick<MediaConvertClient, "send">;
}

export interface ConvertProgress {
  phase: "upload" | "transcode";
  percent: number;
  status?: string;
}

export interface ConvertResult {
  input: string;
  jobId: string;
  status: string;
  errorMessage?: string;
}

export async function uploadSource(file: string, t: VodTargets, s3: S3Client, onProgress?: (p: ConvertProgress) => void): Promise<string> {
  if (!fs.existsSync(file)) throw new UserError(`no such file: ${file}`);
  const key = `${t.inputPrefix}${path.basename(file)}`;
  const upload = new Upload({ client: s3, params: { Bucket: t.sourceBucket, Key: key, Body: fs.createReadStream(file) } });
  upload.on("httpUploadProgress", (p) => {
    if (p.total) onProgress?.({ phase: "upload", percent: Math.round(((p.loaded ?? 0) / p.total) * 100) });
  });
  await upload.done();
  return `s3://${t.sourceBucket}/${key}`;
}

export async function convert(
  input: string,
  t: VodTargets,
  clients: ConvertClients,
  options: { pollMs?: number; follow?: boolean; onProgress?: (p: ConvertProgress) => void } = {},
): Promise<ConvertResult> {
  const fileInput = input.startsWith("s3://") ? input : await uploadSource(input, t, clients.s3, options.onProgress);
  const created = await clients.mediaconvert.send(
    new CreateJobCommand({
      JobTemplate: t.jobTemplate,
      Queue: t.queueArn,
      Role: t.roleArn,
      UserMetadata: { source: "blackwell media convert" },
      Settings: {
        Inputs: [
          { FileInput: fileInput, AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } }, VideoSelector: {}, TimecodeSource: "ZEROBASED" },
        ],
      },
    }),
  );
  const jobId = created.Job?.Id;
  if (!jobId) throw new Error("MediaConvert returned no job id");
  if (options.follow === false) return { input: fileInput, jobId, status: created.Job?.Status ?? "SUBMITTED" };
  return { input: fileInput, jobId, ...(await followJob(clients.mediaconvert, jobId, options)) };
}

/** Polls a MediaConvert job until it completes, fails or is canceled, reporting its progress. */
export async function followJob(
  mediaconvert: Pick<MediaConvertClient, "send">,
  jobId: string,
  options: { pollMs?: number; onProgress?: (p: ConvertProgress) => void } = {},
): Promise<{ status: string; errorMessage?: string }> {
  for (;;) {
    const { Job } = await mediaconvert.send(new GetJobCommand({ Id: jobId }));
    const status = Job?.Status ?? "UNKNOWN";
    options.onProgress?.({ phase: "transcode", percent: Job?.JobPercentComplete ?? (status === "COMPLETE" ? 100 : 0), status });
    if (status === "COMPLETE" || status === "ERROR" || status === "CANCELED")
      return { status, ...(Job?.ErrorMessage ? { errorMessage: Job.ErrorMessage } : {}) };
    await new Promise((r) => setTimeout(r, options.pollMs ?? 10_000));
  }
}
