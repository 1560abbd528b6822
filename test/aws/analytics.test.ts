/**
 * analytics: the module's Athena named queries over a window, with recorded Athena response shapes (aws-sdk-client-mock):
 * the named query's SQL runs in the module's workgroup with the window as execution parameters, results are read page
 * by page without the header row, and every failure is one line.
 */
import { mockClient } from "aws-sdk-client-mock";
import {
  AthenaClient,
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type GetQueryResultsOutput,
} from "@aws-sdk/client-athena";
import { analyticsTargetsFromOutputs, parseWindow, runAnalytics } from "../../src/aws/analytics";
import { awsFailureLine } from "../../src/aws/errors";
import { UserError } from "../../src/core/problems";

const outputs = {
  analytics_workgroup: { value: "studio-live-viewers" },
  analytics_database: { value: "studio_live_viewers" },
  analytics_named_query_ids: {
    value: {
      concurrent_viewers: "2b1f0c3e-1111-4c1e-9a55-000000000001",
      watch_time_per_stream: "2b1f0c3e-1111-4c1e-9a55-000000000002",
      top_countries: "2b1f0c3e-1111-4c1e-9a55-000000000003",
    },
  },
};
const targets = analyticsTargetsFromOutputs(outputs, "studio-live");
const window = parseWindow("2026-11-01", "2026-11-08T12:00:00Z");
const client = () => new AthenaClient({ region: "us-east-1" });

/** A GetQueryResults page as Athena returns it: VarCharValue cells, the header row first on the first page only. */
const page = (rows: string[][], columns: string[], next?: string, header = true): GetQueryResultsOutput => ({
  ResultSet: {
    ResultSetMetadata: { ColumnInfo: columns.map((Name) => ({ Name, Label: Name, Type: "varchar" })) },
    Rows: [...(header ? [columns] : []), ...rows].map((r) => ({ Data: r.map((VarCharValue) => ({ VarCharValue })) })),
  },
  UpdateCount: 0,
  ...(next ? { NextToken: next } : {}),
});

function recordAthena(state: "SUCCEEDED" | "FAILED" = "SUCCEEDED") {
  const athena = mockClient(AthenaClient);
  athena.on(GetNamedQueryCommand).callsFake((input: { NamedQueryId: string }) => ({
    NamedQuery: {
      Name: "studio-live-top-countries",
      Database: "studio_live_viewers",
      QueryString: `SELECT c_country AS country FROM cloudfront_logs WHERE at >= from_iso8601_timestamp(?) AND at < from_iso8601_timestamp(?) -- ${input.NamedQueryId}`,
      NamedQueryId: input.NamedQueryId,
      WorkGroup: "studio-live-viewers",
    },
  }));
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "5e4d3c2b-aaaa-bbbb-cccc-000000000042" });
  athena
    .on(GetQueryExecutionCommand)
    .resolvesOnce({ QueryExecution: { QueryExecutionId: "5e4d3c2b-aaaa-bbbb-cccc-000000000042", Status: { State: "QUEUED" } } })
    .resolvesOnce({ QueryExecution: { QueryExecutionId: "5e4d3c2b-aaaa-bbbb-cccc-000000000042", Status: { State: "RUNNING" } } })
    .resolves({
      QueryExecution: {
        QueryExecutionId: "5e4d3c2b-aaaa-bbbb-cccc-000000000042",
        Status:
          state === "SUCCEEDED"
            ? { State: "SUCCEEDED" }
            : {
                State: "FAILED",
                StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'c_country' cannot be resolved\nmore detail",
                AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false },
              },
        Statistics: { DataScannedInBytes: 12_345_678, EngineExecutionTimeInMillis: 1890 },
      },
    });
  athena
    .on(GetQueryResultsCommand)
    .resolvesOnce(page([["US", "120", "54000", "81000000000"]], ["country", "viewers", "requests", "bytes"], "token-2"))
    .resolves(page([["DE", "40", "15000", "22000000000"]], ["country", "viewers", "requests", "bytes"], undefined, false));
  return athena;
}

test("the window: a date is its midnight UTC, a time must say its zone, and --from comes before --to", () => {
  expect(window).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-08T12:00:00.000Z" });
  expect(parseWindow("2026-11-01T18:00+01:00", "2026-11-01T19:00:00Z")).toEqual({ from: "2026-11-01T17:00:00.000Z", to: "2026-11-01T19:00:00.000Z" });
  expect(() => parseWindow("yesterday", "2026-11-01")).toThrow(/--from takes a date .* got 'yesterday'/);
  expect(() => parseWindow("2026-11-01", "2026-11-01T10:00:00")).toThrow(/--to takes/); // no zone: ambiguous
  expect(() => parseWindow("2026-11-01'; DROP TABLE x; --", "2026-11-02")).toThrow(UserError);
  expect(() => parseWindow("2026-11-08", "2026-11-01")).toThrow(/--from \(2026-11-08T00:00:00.000Z\) must be before --to/);
});

test("outputs without viewer analytics say how to turn them on", () => {
  expect(() => analyticsTargetsFromOutputs({ channel_id: { value: "1234567" } }, "studio-live")).toThrow(
    /studio-live has no viewer analytics .* "analytics": \{"viewer_logs": true\}/,
  );
  expect(() => analyticsTargetsFromOutputs({ ...outputs, analytics_named_query_ids: { value: { concurrent_viewers: "x" } } }, "studio-live")).toThrow(
    /lack the named queries watch_time_per_stream, top_countries/,
  );
});

test("each report runs its named query's SQL in the module's workgroup with the window as parameters, and reads every page", async () => {
  const athena = recordAthena();
  const progress: string[] = [];
  const result = await runAnalytics(client(), targets, window, ["top_countries"], { pollMs: 0, sleep: async () => {}, onProgress: (l) => progress.push(l) });
  expect(athena.commandCalls(GetNamedQueryCommand)[0].args[0].input).toEqual({ NamedQueryId: "2b1f0c3e-1111-4c1e-9a55-000000000003" });
  expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input).toEqual({
    QueryString: expect.stringContaining("-- 2b1f0c3e-1111-4c1e-9a55-000000000003"),
    QueryExecutionContext: { Database: "studio_live_viewers" },
    WorkGroup: "studio-live-viewers",
    ExecutionParameters: ["'2026-11-01T00:00:00.000Z'", "'2026-11-08T12:00:00.000Z'"],
  });
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3); // QUEUED, RUNNING, SUCCEEDED
  expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, "token-2"]);
  expect(result).toEqual({
    pipeline_id: "studio-live",
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-11-08T12:00:00.000Z",
    reports: [
      {
        id: "top_countries",
        query_execution_id: "5e4d3c2b-aaaa-bbbb-cccc-000000000042",
        columns: ["country", "viewers", "requests", "bytes"],
        rows: [
          ["US", "120", "54000", "81000000000"],
          ["DE", "40", "15000", "22000000000"],
        ],
        bytes_scanned: 12_345_678,
      },
    ],
  });
  expect(progress).toEqual(["[1/1] top_countries: running in Athena (studio-live-viewers)"]);
  athena.restore();
});

test("all three reports by default, one after another", async () => {
  const athena = recordAthena();
  const result = await runAnalytics(client(), targets, window, undefined, { pollMs: 0, sleep: async () => {} });
  expect(result.reports.map((r) => r.id)).toEqual(["concurrent_viewers", "watch_time_per_stream", "top_countries"]);
  expect(athena.commandCalls(GetNamedQueryCommand).map((c) => c.args[0].input.NamedQueryId)).toEqual(Object.values(outputs.analytics_named_query_ids.value));
  athena.restore();
});

test("a failed query is one line with Athena's reason and the execution id", async () => {
  const athena = recordAthena("FAILED");
  await expect(runAnalytics(client(), targets, window, ["top_countries"], { pollMs: 0, sleep: async () => {} })).rejects.toThrow(
    new UserError(
      "Athena query top_countries failed (execution 5e4d3c2b-aaaa-bbbb-cccc-000000000042): COLUMN_NOT_FOUND: line 1:8: Column 'c_country' cannot be resolved",
    ),
  );
  expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  athena.restore();
});

test("no credentials and AccessDenied come out as one line each", async () => {
  const athena = mockClient(AthenaClient);
  const denied = Object.assign(new Error("User: arn:aws:iam::111122223333:user/dev is not authorized to perform: athena:GetNamedQuery"), {
    name: "AccessDeniedException",
    $fault: "client",
    $metadata: { httpStatusCode: 400, attempts: 1 },
  });
  athena.on(GetNamedQueryCommand).rejects(denied);
  const err = await runAnalytics(client(), targets, window, ["top_countries"]).catch((e: unknown) => e);
  expect(awsFailureLine(err)).toBe(
    "AWS denied the request (AccessDeniedException): User: arn:aws:iam::111122223333:user/dev is not authorized to perform: athena:GetNamedQuery. Ask for the permission it names on the resource, or use a profile that has it",
  );
  athena.on(GetNamedQueryCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
  const noCreds = await runAnalytics(client(), targets, window, ["top_countries"]).catch((e: unknown) => e);
  expect(awsFailureLine(noCreds)).toMatch(/^no AWS credentials found: set AWS_PROFILE/);
  athena.restore();
});
