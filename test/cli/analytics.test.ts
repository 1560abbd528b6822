/**
 * media analytics as a user runs it: the real CLI in a child process against a local endpoint that answers Athena's
 * JSON 1.1 calls with recorded response shapes (AWS_ENDPOINT_URL). Tables, --json, and one line with exit 1 for a
 * failed query, AccessDenied, a module without analytics and a bad window.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { runCliAsync } from "../support/cli";

interface Fake {
  mode: "ok" | "failed" | "denied";
  calls: Array<{ target: string; body: Record<string, unknown> }>;
}
let fake: Fake;
let server: http.Server;
let env: NodeJS.ProcessEnv;

const COLUMNS: Record<string, string[]> = {
  "q-concurrent": ["minute", "viewers"],
  "q-watch": ["stream", "day", "watch_minutes", "viewers"],
  "q-countries": ["country", "viewers", "requests", "bytes"],
};
const ROWS: Record<string, string[][]> = {
  "q-concurrent": [
    ["2026-11-01 18:00:00.000 UTC", "41"],
    ["2026-11-01 18:01:00.000 UTC", "57"],
  ],
  "q-watch": [["out/v1/studio-live-feed/live/hls", "2026-11-01", "3120.0", "62"]],
  "q-countries": [
    ["US", "40", "12000", "9800000000"],
    ["BR", "17", "5100", "4100000000"],
  ],
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "").replace("AmazonAthena.", "");
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      fake.calls.push({ target, body });
      const send = (status: number, doc: unknown) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(doc));
      };
      if (fake.mode === "denied")
        return send(400, {
          __type: "AccessDeniedException",
          Message: "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: athena:GetNamedQuery",
        });
      const execution = (id: string) => id.replace(/^exec-/, "");
      switch (target) {
        case "GetNamedQuery":
          return send(200, {
            NamedQuery: {
              NamedQueryId: body.NamedQueryId,
              Name: String(body.NamedQueryId),
              Database: "studio_live_feed_viewers",
              QueryString: `SELECT 1 -- ${String(body.NamedQueryId)}`,
            },
          });
        case "StartQueryExecution":
          return send(200, { QueryExecutionId: `exec-${/-- (\S+)/.exec(String(body.QueryString))![1]}` });
        case "GetQueryExecution":
          return send(200, {
            QueryExecution: {
              QueryExecutionId: body.QueryExecutionId,
              Status:
                fake.mode === "failed"
                  ? { State: "FAILED", StateChangeReason: "TABLE_NOT_FOUND: Table studio_live_feed_viewers.cloudfront_logs does not exist" }
                  : { State: "SUCCEEDED" },
              Statistics: { DataScannedInBytes: 2_500_000 },
            },
          });
        case "GetQueryResults": {
          const q = execution(String(body.QueryExecutionId));
          return send(200, {
            ResultSet: {
              ResultSetMetadata: { ColumnInfo: COLUMNS[q].map((Name) => ({ Name, Type: "varchar" })) },
              Rows: [COLUMNS[q], ...ROWS[q]].map((r) => ({ Data: r.map((VarCharValue) => ({ VarCharValue })) })),
            },
          });
        }
      }
      send(400, { __type: "InvalidRequestException", Message: `unexpected ${target}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  env = {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "example",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => (fake = { mode: "ok", calls: [] }));

const outputsFile = (outputs: Record<string, unknown>) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-analytics-")), "outputs.json");
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { value }]))));
  return file;
};
const withAnalytics = () =>
  outputsFile({
    channel_id: "1234567",
    analytics_workgroup: "studio-live-feed-viewers",
    analytics_database: "studio_live_feed_viewers",
    analytics_named_query_ids: { concurrent_viewers: "q-concurrent", watch_time_per_stream: "q-watch", top_countries: "q-countries" },
  });
const analytics = (...args: string[]) => runCliAsync(["media", "analytics", "studio_live_feed", ...args], env);

test("prints a table per report for the window, after running each named query in the module's workgroup", async () => {
  const r = await analytics("--from", "2026-11-01", "--to", "2026-11-02", "--outputs-file", withAnalytics());
  expect(r.stderr).not.toMatch(/error|at .*\.js/);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("studio_live_feed: viewer analytics from 2026-11-01T00:00:00.000Z to 2026-11-02T00:00:00.000Z");
  expect(r.stdout).toMatch(
    /Top countries \(2\.5 MB scanned\)\ncountry +viewers +requests +bytes\n-+ +-+ +-+ +-+\nUS +40 +12000 +9800000000\nBR +17 +5100 +4100000000/,
  );
  expect(r.stdout).toMatch(/Concurrent viewers \(per minute\).*\n.*\n.*\n2026-11-01 18:00:00.000 UTC +41/);
  const starts = fake.calls.filter((c) => c.target === "StartQueryExecution").map((c) => c.body);
  expect(starts).toHaveLength(3);
  for (const s of starts)
    expect(s).toMatchObject({
      WorkGroup: "studio-live-feed-viewers",
      QueryExecutionContext: { Database: "studio_live_feed_viewers" },
      ExecutionParameters: ["'2026-11-01T00:00:00.000Z'", "'2026-11-02T00:00:00.000Z'"],
    });
});

test("--json prints the reports as data; --report picks one", async () => {
  const r = await analytics(
    "--from",
    "2026-11-01T18:00:00Z",
    "--to",
    "2026-11-01T21:00:00Z",
    "--outputs-file",
    withAnalytics(),
    "--json",
    "--report",
    "top_countries",
  );
  expect(r.status).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc).toEqual({
    pipeline_id: "studio_live_feed",
    from: "2026-11-01T18:00:00.000Z",
    to: "2026-11-01T21:00:00.000Z",
    reports: [
      {
        id: "top_countries",
        query_execution_id: "exec-q-countries",
        columns: COLUMNS["q-countries"],
        rows: ROWS["q-countries"],
        bytes_scanned: 2_500_000,
      },
    ],
  });
});

const oneLine = (r: { status: number | null; stderr: string }) => {
  const lines = r.stderr.split("\n").filter((l) => l.trim() && !/^\[\d\/\d\]/.test(l));
  expect({ status: r.status, lines: lines.length, stack: /\n\s+at /.test(r.stderr) }).toEqual({ status: 1, lines: 1, stack: false });
  return lines[0];
};

test("a failed query, AccessDenied, a module without analytics and a bad window: one line each, exit 1", async () => {
  fake.mode = "failed";
  expect(oneLine(await analytics("--from", "2026-11-01", "--to", "2026-11-02", "--outputs-file", withAnalytics()))).toMatch(
    /Athena query concurrent_viewers failed \(execution exec-q-concurrent\): TABLE_NOT_FOUND/,
  );
  fake.mode = "denied";
  expect(oneLine(await analytics("--from", "2026-11-01", "--to", "2026-11-02", "--outputs-file", withAnalytics()))).toMatch(
    /AWS denied the request \(AccessDeniedException\): User: .* athena:GetNamedQuery/,
  );
  fake.mode = "ok";
  expect(oneLine(await analytics("--from", "2026-11-01", "--to", "2026-11-02", "--outputs-file", outputsFile({ channel_id: "1234567" })))).toMatch(
    /has no viewer analytics in its applied outputs: set "analytics": \{"viewer_logs": true\}/,
  );
  expect(oneLine(await analytics("--from", "2026-11-02", "--to", "2026-11-01", "--outputs-file", withAnalytics()))).toMatch(/--from .* must be before --to/);
  expect(fake.calls.filter((c) => c.target === "StartQueryExecution")).toHaveLength(1); // only the failed query's run started one
});
