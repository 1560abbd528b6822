/**
 * AWS failures are one line with what to do, exit 1: each failure class from the SDK's own exception types,
 * the SDK's retry with backoff against a throttling endpoint (a local HTTP server speaking MediaLive's
 * REST-JSON), and the CLI without credentials (stream, convert) never printing "internal error".
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { AddressInfo } from "node:net";
import {
  ConflictException,
  DescribeChannelCommand,
  ForbiddenException,
  MediaLiveClient,
  NotFoundException,
  TooManyRequestsException,
} from "@aws-sdk/client-medialive";
import { awsFailureLine } from "../../src/aws/errors";
import { awsClientConfig } from "../../src/aws/client-config";
import { jsonErrorOf } from "../../src/cli/failure-json";
import { runCli } from "../support/cli";
import { projectPath } from "../../src/core/project-paths";

const meta = (status: number, attempts = 6) => ({ $metadata: { httpStatusCode: status, attempts } });

test.each([
  [
    "no credentials",
    Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
    /^no AWS credentials found: set AWS_PROFILE/,
  ],
  ["no region", new Error("Region is missing"), /^no AWS region: set AWS_REGION/],
  [
    "expired token",
    Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException", ...meta(403) }),
    /^your AWS session has expired \(ExpiredTokenException\): refresh it/,
  ],
  [
    "unknown key",
    Object.assign(new Error("The security token included in the request is invalid."), { name: "UnrecognizedClientException", ...meta(403) }),
    /^AWS did not accept the credentials/,
  ],
  [
    "AccessDenied",
    new ForbiddenException({ message: "User: arn:aws:iam::1:user/x is not authorized to perform: medialive:StartChannel", ...meta(403) }),
    /^AWS denied the request \(ForbiddenException\): User: .*medialive:StartChannel\. Ask for the permission/,
  ],
  [
    "throttling",
    new TooManyRequestsException({ message: "Rate exceeded", ...meta(429, 6) }),
    /^AWS is throttling requests \(TooManyRequestsException\) and kept doing so through 6 attempts with backoff: wait a minute/,
  ],
  [
    "wrong region (no such channel there)",
    new NotFoundException({ message: "Channel not found", ...meta(404) }),
    /could not find the resource.*another region/,
  ],
  [
    "wrong state",
    new ConflictException({ message: "Channel is in a state that does not allow start", ...meta(409) }),
    /state that does not allow this.*blackwell media status/,
  ],
  [
    "unreachable endpoint",
    Object.assign(new Error("getaddrinfo ENOTFOUND medialive.xx-nowhere-1.amazonaws.com"), { code: "ENOTFOUND" }),
    /^cannot reach the AWS endpoint \(ENOTFOUND\): check the network and that AWS_REGION names a real region/,
  ],
])("%s is one line with what to do", (_, err, line) => {
  const text = awsFailureLine(err);
  expect(text).toMatch(line);
  expect(text).not.toMatch(/\n/);
});

test("under --json an AWS failure is kind aws with the same line, exit 1; other failures keep their kinds", () => {
  const denied = new ForbiddenException({ message: "not authorized to perform: medialive:StartChannel", ...meta(403) });
  expect(jsonErrorOf(denied)).toEqual({ kind: "aws", message: awsFailureLine(denied), exit_code: 1 });
  expect(jsonErrorOf(new TypeError("x is undefined"))).toMatchObject({ kind: "internal", exit_code: 2 });
});

test("errors that are not AWS's are left to the caller", () => {
  expect(awsFailureLine(new TypeError("x is undefined"))).toBeUndefined();
  expect(awsFailureLine("text")).toBeUndefined();
});

/** A local MediaLive endpoint that answers 429 TooManyRequestsException `throttled` times, then the channel. */
async function medialiveEndpoint(throttled: number) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    if (requests <= throttled) {
      res.writeHead(429, { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException" });
      return res.end(JSON.stringify({ message: "Too many requests" }));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: "1234567", state: "RUNNING", pipelinesRunningCount: 1 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = (maxAttempts: number) =>
    new MediaLiveClient({ ...awsClientConfig("us-east-1"), maxAttempts, endpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" } });
  return { client, requests: () => requests, close: () => new Promise((r) => server.close(r)) };
}

test("the shared client settings retry a throttled call (SDK standard retry with backoff) and then succeed", async () => {
  expect(awsClientConfig("eu-west-1")).toEqual({ region: "eu-west-1", maxAttempts: 6, retryMode: "standard" });
  const ep = await medialiveEndpoint(1);
  try {
    const r = await ep.client(3).send(new DescribeChannelCommand({ ChannelId: "1234567" }));
    expect(r.State).toBe("RUNNING");
    expect(ep.requests()).toBe(2);
  } finally {
    await ep.close();
  }
});

test("throttling that outlasts the retries becomes the throttling line with the attempts made", async () => {
  const ep = await medialiveEndpoint(100);
  try {
    const err = await ep
      .client(2)
      .send(new DescribeChannelCommand({ ChannelId: "1234567" }))
      .catch((e) => e);
    expect(ep.requests()).toBe(2);
    expect(awsFailureLine(err)).toMatch(/^AWS is throttling requests \(TooManyRequestsException\) and kept doing so through 2 attempts/);
  } finally {
    await ep.close();
  }
});

describe("the CLI without AWS credentials", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-nocreds-"));
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    PATH: process.env.PATH,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: path.join(dir, "none"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"),
  };
  const noAws = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const live = path.join(dir, "live.json");
  const vod = path.join(dir, "vod.json");
  fs.writeFileSync(live, JSON.stringify({ channel_id: { value: "1234567" } }));
  fs.writeFileSync(
    vod,
    JSON.stringify({
      vod_source_bucket: { value: "b" },
      mediaconvert_job_template: { value: "t" },
      mediaconvert_queue_arn: { value: "arn:aws:mediaconvert:us-east-1:1:queues/q" },
      mediaconvert_role_arn: { value: "arn:aws:iam::1:role/r" },
    }),
  );
  const run = (args: string[]) => runCli(args, { env: { ...noAws(), ...env } });

  test.each([
    ["stream stop", ["media", "stream", "stop", "studio_live_feed", "--outputs-file", live]],
    ["convert", ["media", "convert", "s3://b/in/talk.mp4", "--pipeline", "vod-library", "--outputs-file", vod, "--no-follow"]],
  ])("%s: one line, exit 1, no internal error", (_, args) => {
    const r = run(args);
    expect(r.stderr).not.toMatch(/internal error|This is a bug|at .*\.js:\d+/);
    // stream commands name the channel the line is about (a failover pipeline has two)
    expect(r.stderr.trim()).toMatch(/^error: (channel 1234567: )?no AWS credentials found: set AWS_PROFILE/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.status).toBe(1);
  });

  test("with --json the same line is the message of one JSON error on stderr, exit 1", () => {
    const args = ["media", "convert", "s3://b/in/talk.mp4", "--pipeline", "vod-library", "--outputs-file", vod, "--no-follow"];
    const text = run(args);
    const json = run([...args, "--json"]);
    expect({ status: json.status, stdout: json.stdout }).toEqual({ status: 1, stdout: "" });
    expect(json.stderr.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: { kind: "aws", message: text.stderr.trim().replace(/^error: /, ""), exit_code: 1 } });
    expect(json.stderr).toMatch(/no AWS credentials found/);
  });

  test("stream start prints the hour's cost first, and refuses over the budget before calling AWS", () => {
    const r = run(["media", "stream", "start", "studio_live_feed", "--outputs-file", live, "--max-cost-per-month", "1"]);
    expect(r.stdout).toMatch(
      /^a running hour of studio_live_feed costs about \$\d+\.\d\d \(estimate: \$\d+\.\d\d a month with its usage assumptions; budget \$1\.00\)/,
    );
    expect(r.stderr).toMatch(
      /^error: not starting studio_live_feed: its estimate of \$\d+\.\d\d a month is over the budget of \$1\.00; start anyway with --force/,
    );
    expect(r.status).toBe(1);
    const forced = run(["media", "stream", "start", "studio_live_feed", "--outputs-file", live, "--max-cost-per-month", "1", "--force"]);
    expect(forced.stderr).toMatch(/warning: over the monthly budget; starting because of --force\nerror: channel 1234567: no AWS credentials found/);
  });

  test("the definition's automation.max_cost_per_month is the budget when no flag gives one", () => {
    const definition = path.join(dir, "budgeted.json");
    fs.writeFileSync(
      definition,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(projectPath("examples", "studio_live_feed.json"), "utf8")), automation: { max_cost_per_month: 5 } }),
    );
    const r = run(["media", "stream", "start", definition, "--outputs-file", live]);
    expect(r.stdout).toMatch(/; budget \$5\.00\)\n$/);
    expect(r.stderr).toMatch(/^error: not starting studio_live_feed: its estimate of \$\d+\.\d\d a month is over the budget of \$5\.00/);
    expect(r.status).toBe(1);
  });

  test("a VOD pipeline has no channel to start", () => {
    const r = run(["media", "stream", "start", "vod-library", "--outputs-file", vod]);
    expect(r.stderr).toMatch(/vod-library is a vod_processing pipeline: it has no MediaLive channel to start/);
    expect(r.status).toBe(1);
  });
});
