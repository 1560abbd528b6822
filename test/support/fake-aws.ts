/**
 * A local HTTP endpoint that answers the CLI's MediaLive (REST-JSON) and CloudWatch (JSON 1.0) calls with
 * recorded response shapes, for tests that run the real CLI in a child process or a terminal
 * (AWS_ENDPOINT_URL points the SDK at it). The test changes `state` between calls.
 */
import * as http from "node:http";
import { AddressInfo } from "node:net";

export interface FakeAwsState {
  channelState: string;
  pipelinesRunning: number;
  /** Describes answered STARTING/STOPPING before the channel arrives. */
  transitionPolls: number;
  alerts: Array<{ alertType: string; message: string; pipelineId: string }>;
  /** GetMetricData calls so far; the recorded CloudFront requests grow with it so every refresh differs. */
  metricCalls: number;
  requests: string[];
  /** Bodies of BatchUpdateSchedule calls (PUT /prod/channels/<id>/schedule), as MediaLive received them. */
  scheduleBodies: unknown[];
}

export interface FakeAws {
  state: FakeAwsState;
  /** Environment for a child CLI: endpoint, static credentials, region. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startFakeAws(initial: Partial<FakeAwsState> = {}): Promise<FakeAws> {
  const state: FakeAwsState = {
    channelState: "RUNNING",
    pipelinesRunning: 1,
    transitionPolls: 0,
    alerts: [],
    metricCalls: 0,
    requests: [],
    scheduleBodies: [],
    ...initial,
  };
  let pending: { target: string; polls: number } | undefined;
  const now = () => Math.floor(Date.now() / 1000);
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (status: number, doc: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(doc));
      };
      const url = new URL(req.url ?? "/", "http://localhost");
      const target = String(req.headers["x-amz-target"] ?? "");
      state.requests.push(target ? target.split(".").pop()! : `${req.method} ${url.pathname}`);
      const channel = url.pathname.match(/^\/prod\/channels\/([^/]+)(\/[a-z]+)?$/);
      if (channel && req.method === "GET" && !channel[2]) {
        if (pending && --pending.polls < 0) {
          state.channelState = pending.target;
          state.pipelinesRunning = pending.target === "RUNNING" ? 1 : 0;
          pending = undefined;
        }
        return send(200, {
          id: channel[1],
          arn: `arn:aws:medialive:us-east-1:111122223333:channel:${channel[1]}`,
          state: state.channelState,
          pipelinesRunningCount: state.pipelinesRunning,
          channelClass: "SINGLE_PIPELINE",
        });
      }
      if (channel && channel[2] === "/alerts")
        return send(200, {
          alerts: state.alerts.map((a, i) => ({ ...a, id: `a${i}`, state: "SET", setTimestamp: new Date(Date.now() - 120_000).toISOString() })),
        });
      if (channel && req.method === "POST" && (channel[2] === "/start" || channel[2] === "/stop")) {
        const starting = channel[2] === "/start";
        state.channelState = starting ? "STARTING" : "STOPPING";
        pending = { target: starting ? "RUNNING" : "IDLE", polls: state.transitionPolls };
        return send(200, { id: channel[1], state: state.channelState });
      }
      if (channel && req.method === "PUT" && channel[2] === "/schedule") {
        const doc = JSON.parse(body);
        state.scheduleBodies.push(doc);
        return send(200, { creates: { scheduleActions: doc.creates?.scheduleActions ?? [] }, deletes: { scheduleActions: [] } });
      }
      if (target.endsWith("GetMetricData")) {
        state.metricCalls++;
        const queries = (JSON.parse(body).MetricDataQueries ?? []) as Array<{ Id: string }>;
        const value = (id: string): number[] =>
          id.startsWith("fps")
            ? [29.97]
            : id.startsWith("net")
              ? [5.2]
              : id.startsWith("alerts")
                ? [state.alerts.length]
                : id.startsWith("err")
                  ? [0]
                  : id === "cfreq"
                    ? [1000 * state.metricCalls]
                    : id === "up"
                      ? Array(30).fill(0)
                      : [1_000_000];
        return send(200, {
          MetricDataResults: queries.map((q) => ({
            Id: q.Id,
            StatusCode: "Complete",
            Values: value(q.Id),
            Timestamps: value(q.Id).map((_, i) => now() - 60 * (i + 1)),
          })),
        });
      }
      send(400, { message: `the fake AWS endpoint does not answer ${req.method} ${url.pathname} ${target}` }, { "x-amzn-errortype": "BadRequestException" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "example",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
