/**
 * Actual spend from Cost Explorer (GetCostAndUsage) grouped by one cost-allocation tag (Pipeline,
 * Client or Creator), side by side with the estimate of the same month for the same group.
 * The tags only group spend once they are activated in the Billing console (README).
 */
import { CostExplorerClient, GetCostAndUsageCommand, type GetCostAndUsageCommandOutput } from "@aws-sdk/client-cost-explorer";
import { UserError } from "../core/problems";
import type { LoadedPipeline } from "../core/definitions";
import type { PipelineEstimate } from "./report";

export type ReportBy = "pipeline" | "client" | "creator";
export const TAG_OF: Record<ReportBy, string> = { pipeline: "Pipeline", client: "Client", creator: "Creator" };

/** YYYY-MM to Cost Explorer's period: the first of the month to the first of the next (End is exclusive). */
export function monthPeriod(month: string): { Start: string; End: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new UserError(`--month must be YYYY-MM (e.g. 2026-11); got ${JSON.stringify(month)}`);
  const year = Number(m[1]);
  const next = Number(m[2]) === 12 ? `${year + 1}-01` : `${year}-${String(Number(m[2]) + 1).padStart(2, "0")}`;
  return { Start: `${month}-01`, End: `${next}-01` };
}

/** USD per tag value for the month; spend without the tag is under "" (untagged). */
export async function actualSpendByTag(client: Pick<CostExplorerClient, "send">, by: ReportBy, month: string): Promise<Map<string, number>> {
  const tag = TAG_OF[by];
  const spend = new Map<string, number>();
  let NextPageToken: string | undefined;
  do {
    let page: GetCostAndUsageCommandOutput;
    try {
      page = await client.send(
        new GetCostAndUsageCommand({
          TimePeriod: monthPeriod(month),
          Granularity: "MONTHLY",
          Metrics: ["UnblendedCost"],
          GroupBy: [{ Type: "TAG", Key: tag }],
          NextPageToken,
        }),
      );
    } catch (err) {
      throw costExplorerError(err);
    }
    for (const result of page.ResultsByTime ?? [])
      for (const g of result.Groups ?? []) {
        const key = (g.Keys?.[0] ?? "").replace(new RegExp(`^${tag}\\$`), "");
        spend.set(key, (spend.get(key) ?? 0) + Number(g.Metrics?.UnblendedCost?.Amount ?? 0));
      }
    NextPageToken = page.NextPageToken;
  } while (NextPageToken);
  return spend;
}

/** Every failure class as one line (the SDK has already retried throttling). */
export function costExplorerError(err: unknown): Error {
  const e = err as Error & { $metadata?: { httpStatusCode?: number } };
  const text = `${e?.name ?? ""} ${e?.message ?? String(err)}`;
  if (/CredentialsProviderError|Could not load credentials|credential/i.test(text))
    return new UserError("Cost Explorer needs AWS credentials: none were found (configure a profile, AWS_PROFILE or AWS_ACCESS_KEY_ID)");
  if (/ExpiredToken|security token included in the request is (expired|invalid)|UnrecognizedClient/i.test(text))
    return new UserError(`Cost Explorer refused the AWS credentials (${e.name}): refresh them (aws sso login, or new keys) and retry`);
  if (/AccessDenied/i.test(text)) return new UserError(`Cost Explorer: access denied; the caller needs ce:GetCostAndUsage (${e.message})`);
  if (/Throttling|LimitExceeded|TooManyRequests/i.test(text))
    return new UserError("Cost Explorer is throttling requests (still after retries); wait a minute and retry");
  if (/DataUnavailable/i.test(text)) return new UserError("Cost Explorer has no data for that month yet (it can take 24 hours after Cost Explorer is enabled)");
  if (/BillExpiration|RequestChanged|InvalidNextToken/i.test(text)) return new UserError(`Cost Explorer: ${e.message}; run the report again`);
  if (/ValidationException/i.test(text)) return new UserError(`Cost Explorer rejected the request: ${e.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** The tag value a pipeline's spend is grouped under, as its resources are tagged (generators/context.ts). */
export function groupKeyOf(p: LoadedPipeline, by: ReportBy): string | undefined {
  if (by === "pipeline") return p.resolved.pipeline_id;
  if (by === "client") return p.resolved.client_id;
  return p.template?.creator ?? p.resolved.tags.Creator;
}

export interface SpendRow {
  key: string;
  actualUsd: number | null;
  estimateUsd: number | null;
  /** actual - estimate, when both are known. */
  differenceUsd: number | null;
  /** The estimate misses lines with no published price: it is a lower bound. */
  estimateIsLowerBound: boolean;
  pipelines: string[];
}

export function compareSpend(by: ReportBy, actual: Map<string, number>, pipelines: LoadedPipeline[], estimates: PipelineEstimate[]): SpendRow[] {
  const rows = new Map<string, SpendRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, actualUsd: null, estimateUsd: null, differenceUsd: null, estimateIsLowerBound: false, pipelines: [] }));
    return r;
  };
  pipelines.forEach((p, i) => {
    const key = groupKeyOf(p, by);
    if (key === undefined) return;
    const r = row(key);
    r.estimateUsd = (r.estimateUsd ?? 0) + estimates[i].monthlyUsd;
    r.estimateIsLowerBound ||= estimates[i].unpriced.length > 0;
    r.pipelines.push(p.resolved.pipeline_id);
  });
  for (const [key, usd] of actual) row(key).actualUsd = usd;
  for (const r of rows.values()) if (r.actualUsd !== null && r.estimateUsd !== null) r.differenceUsd = r.actualUsd - r.estimateUsd;
  return [...rows.values()].sort((a, b) => (a.key === "" ? 1 : b.key === "" ? -1 : a.key.localeCompare(b.key)));
}
