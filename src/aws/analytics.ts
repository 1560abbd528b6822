/**
 * `blackwell media analytics`: runs the module's Athena named queries (concurrent viewers, watch time per stream, top
 * countries) over CloudFront's access logs for a time window, and returns their rows. What to run comes from the
 * applied module's outputs (workgroup, database, named query ids); the SQL is the named query's own, with the window
 * passed as Athena execution parameters. The CLI formats the rows.
 */
import {
  AthenaClient,
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type QueryExecutionStatus,
} from "@aws-sdk/client-athena";
import { UserError } from "../core/problems";

export const REPORTS = ["concurrent_viewers", "watch_time_per_stream", "top_countries"] as const;
export type ReportId = (typeof REPORTS)[number];

export interface AnalyticsTargets {
  pipelineId: string;
  workgroup: string;
  database: string;
  queryIds: Record<ReportId, string>;
}

export interface Report {
  id: ReportId;
  query_execution_id: string;
  columns: string[];
  rows: string[][];
  bytes_scanned: number | null;
}

export interface AnalyticsResult {
  pipeline_id: string;
  from: string;
  to: string;
  reports: Report[];
}

const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** What to run, from the applied module's outputs; a module without viewer analytics says how to turn them on. */
export function analyticsTargetsFromOutputs(outputs: Record<string, { value?: unknown }>, pipelineId: string): AnalyticsTargets {
  const workgroup = text(outputs.analytics_workgroup?.value);
  const database = text(outputs.analytics_database?.value);
  const ids = outputs.analytics_named_query_ids?.value as Record<string, unknown> | undefined;
  if (!workgroup || !database || !ids)
    throw new UserError(
      `${pipelineId} has no viewer analytics in its applied outputs: set "analytics": {"viewer_logs": true} in its definition, then blackwell media deploy ${pipelineId}`,
    );
  const missing = REPORTS.filter((r) => !text(ids[r]));
  if (missing.length)
    throw new UserError(
      `${pipelineId}'s applied outputs lack the named queries ${missing.join(", ")}: re-apply the module (blackwell media deploy ${pipelineId})`,
    );
  return { pipelineId, workgroup, database, queryIds: Object.fromEntries(REPORTS.map((r) => [r, ids[r] as string])) as Record<ReportId, string> };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** --from/--to as UTC ISO 8601 instants (a bare date is its midnight UTC); refuses anything else, naming the flag. */
export function parseWindow(from: string, to: string): { from: string; to: string } {
  const instant = (flag: string, v: string) => {
    const s = String(v).trim();
    const d = DAY.test(s) ? new Date(`${s}T00:00:00Z`) : INSTANT.test(s) ? new Date(s) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw new UserError(`--${flag} takes a date (2026-11-01) or a UTC time (2026-11-01T18:00:00Z); got '${s}'`);
    return d;
  };
  const f = instant("from", from);
  const t = instant("to", to);
  if (f.getTime() >= t.getTime()) throw new UserError(`--from (${f.toISOString()}) must be before --to (${t.toISOString()})`);
  // Only these digits and separators reach the SQL, as quoted literals.
  return { from: f.toISOString(), to: t.toISOString() };
}

export interface RunOptions {
  /** Milliseconds between GetQueryExecution polls. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called when a report starts and when it finishes (progress). */
  onProgress?: (line: string) => void;
}

const FINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

async function waitFor(
  client: Pick<AthenaClient, "send">,
  id: string,
  o: Required<Pick<RunOptions, "pollMs" | "sleep">>,
): Promise<{ status: QueryExecutionStatus; bytes: number | null }> {
  for (;;) {
    const r = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const status = r.QueryExecution?.Status ?? {};
    if (FINAL.has(status.State ?? "")) return { status, bytes: r.QueryExecution?.Statistics?.DataScannedInBytes ?? null };
    await o.sleep(o.pollMs);
  }
}

/** Runs one named query over the window and reads all its rows. */
export async function runReport(
  client: Pick<AthenaClient, "send">,
  t: AnalyticsTargets,
  id: ReportId,
  window: { from: string; to: string },
  o: RunOptions = {},
): Promise<Report> {
  const opts = { pollMs: o.pollMs ?? 1000, sleep: o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))) };
  const named = await client.send(new GetNamedQueryCommand({ NamedQueryId: t.queryIds[id] }));
  const sql = named.NamedQuery?.QueryString;
  if (!sql) throw new UserError(`Athena named query ${id} (${t.queryIds[id]}) has no query text: re-apply the module (blackwell media deploy ${t.pipelineId})`);
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      QueryExecutionContext: { Database: named.NamedQuery?.Database ?? t.database },
      WorkGroup: t.workgroup,
      ExecutionParameters: [`'${window.from}'`, `'${window.to}'`],
    }),
  );
  const executionId = started.QueryExecutionId!;
  const { status, bytes } = await waitFor(client, executionId, opts);
  if (status.State !== "SUCCEEDED")
    throw new UserError(
      `Athena query ${id} ${status.State === "CANCELLED" ? "was cancelled" : "failed"} (execution ${executionId}): ${(status.StateChangeReason ?? status.AthenaError?.ErrorMessage ?? "no reason given").split("\n")[0]}`,
    );
  const rows: string[][] = [];
  let columns: string[] = [];
  let NextToken: string | undefined;
  let first = true;
  do {
    const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: executionId, NextToken }));
    if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? "");
    const data = (page.ResultSet?.Rows ?? []).map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? ""));
    // The first row of the first page repeats the column names.
    rows.push(...(first ? data.slice(1) : data));
    first = false;
    NextToken = page.NextToken;
  } while (NextToken);
  return { id, query_execution_id: executionId, columns, rows, bytes_scanned: bytes };
}

/** Every report (or the ones asked for), one after another: Athena bills per query scanned, so no parallel duplicates. */
export async function runAnalytics(
  client: Pick<AthenaClient, "send">,
  t: AnalyticsTargets,
  window: { from: string; to: string },
  reports: readonly ReportId[] = REPORTS,
  o: RunOptions = {},
): Promise<AnalyticsResult> {
  const done: Report[] = [];
  for (const [i, id] of reports.entries()) {
    o.onProgress?.(`[${i + 1}/${reports.length}] ${id}: running in Athena (${t.workgroup})`);
    done.push(await runReport(client, t, id, window, o));
  }
  return { pipeline_id: t.pipelineId, from: window.from, to: window.to, reports: done };
}

/** What each report is, for its heading. */
export const REPORT_TITLES: Record<ReportId, string> = {
  concurrent_viewers: "Concurrent viewers (per minute)",
  watch_time_per_stream: "Watch time per stream",
  top_countries: "Top countries",
};

export async function athenaClient(region: string): Promise<AthenaClient> {
  const { awsClientConfig } = await import("./client-config");
  return new AthenaClient(awsClientConfig(region));
}
