/** convert: upload, CreateJob from the pipeline's template, follow to the end (AWS SDK mocked with API-shaped responses). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { CreateJobCommand, GetJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { CreateMultipartUploadCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { convert, vodTargetsFromOutputs } from "../../src/aws/convert";
import { UserError } from "../../src/core/problems";

const targets = vodTargetsFromOutputs(
  {
    vod_source_bucket: { value: "vod-library-vod-in-123" },
    mediaconvert_job_template: { value: "vod-library-abr" },
    mediaconvert_queue_arn: { value: "arn:aws:mediaconvert:us-east-1:111122223333:queues/vod-library-vod" },
    mediaconvert_role_arn: { value: "arn:aws:iam::111122223333:role/vod-library-mc-1" },
  },
  "incoming/",
);

test("a local file is uploaded under the input prefix, a job is created from the template and followed to COMPLETE", async () => {
  const s3 = mockClient(S3Client);
  const mc = mockClient(MediaConvertClient);
  s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });
  s3.on(CreateMultipartUploadCommand).rejects(new Error("small files use PutObject"));
  mc.on(CreateJobCommand).resolves({ Job: { Id: "1700000000000-abc123", Role: targets.roleArn, Settings: {}, Status: "SUBMITTED" } });
  mc.on(GetJobCommand)
    .resolvesOnce({ Job: { Id: "1700000000000-abc123", Role: targets.roleArn, Settings: {}, Status: "PROGRESSING", JobPercentComplete: 40 } })
    .resolves({ Job: { Id: "1700000000000-abc123", Role: targets.roleArn, Settings: {}, Status: "COMPLETE" } });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-convert-")), "talk.mp4");
  fs.writeFileSync(file, Buffer.alloc(1024, 1));
  const progress: string[] = [];
  const result = await convert(
    file,
    targets,
    { s3: new S3Client({ region: "us-east-1" }), mediaconvert: new MediaConvertClient({ region: "us-east-1" }) },
    { pollMs: 1, onProgress: (p) => progress.push(`${p.phase} ${p.percent}${p.status ? ` ${p.status}` : ""}`) },
  );
  expect(result).toEqual({ input: "s3://vod-library-vod-in-123/incoming/talk.mp4", jobId: "1700000000000-abc123", status: "COMPLETE" });
  expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({ Bucket: "vod-library-vod-in-123", Key: "incoming/talk.mp4" });
  expect(mc.commandCalls(CreateJobCommand)[0].args[0].input).toMatchObject({
    JobTemplate: "vod-library-abr",
    Queue: targets.queueArn,
    Role: targets.roleArn,
    Settings: { Inputs: [{ FileInput: "s3://vod-library-vod-in-123/incoming/talk.mp4" }] },
  });
  expect(progress).toEqual(expect.arrayContaining(["upload 100", "transcode 40 PROGRESSING", "transcode 100 COMPLETE"]));
  s3.restore();
  mc.restore();
});

test("an s3:// input is not uploaded; a failed job reports MediaConvert's message", async () => {
  const s3 = mockClient(S3Client);
  const mc = mockClient(MediaConvertClient);
  mc.on(CreateJobCommand).resolves({ Job: { Id: "j2", Role: targets.roleArn, Settings: {} } });
  mc.on(GetJobCommand).resolves({ Job: { Id: "j2", Role: targets.roleArn, Settings: {}, Status: "ERROR", ErrorMessage: "Unable to open input file" } });
  const result = await convert(
    "s3://elsewhere/clip.mov",
    targets,
    { s3: new S3Client({ region: "us-east-1" }), mediaconvert: new MediaConvertClient({ region: "us-east-1" }) },
    { pollMs: 1 },
  );
  expect(result).toEqual({ input: "s3://elsewhere/clip.mov", jobId: "j2", status: "ERROR", errorMessage: "Unable to open input file" });
  expect(s3.calls()).toHaveLength(0);
  s3.restore();
  mc.restore();
});

test("a module without VOD outputs is a clear error", () => {
  expect(() => vodTargetsFromOutputs({ channel_id: { value: "123" } }, "incoming/")).toThrow(UserError);
  expect(() => vodTargetsFromOutputs({}, "incoming/")).toThrow(/no 'vod_source_bucket' output/);
});
