/**
 * Refreshes the price table from the AWS Price List API. Each entry of the table is matched by the
 * Price List filters in data/prices/price-list-queries.json; entries without a match keep their old
 * price and are reported, never zeroed.
 */
import * as fs from "node:fs";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import type { PriceTable } from "../types/prices.generated";
import { projectPath } from "../core/project-paths";
import { UserError } from "../core/problems";

export interface PriceQuery {
  /** Path in a region's prices, e.g. "s3.STANDARD" or "mediapackage.ingest_per_gb". */
  path: string;
  serviceCode: string;
  filters: Record<string, string>;
}

export function loadPriceQueries(): PriceQuery[] {
  return JSON.parse(fs.readFileSync(projectPath("data", "prices", "price-list-queries.json"), "utf8")).queries;
}

/** The first on-demand USD unit price in a Price List product document. */
export function onDemandUsd(productJson: string): number | undefined {
  const product = JSON.parse(productJson);
  for (const term of Object.values(product.terms?.OnDemand ?? {}) as Array<{ priceDimensions: Record<string, { pricePerUnit: { USD?: string } }> }>)
    for (const dim of Object.values(term.priceDimensions)) {
      const usd = Number(dim.pricePerUnit.USD);
      if (Number.isFinite(usd) && usd > 0) return usd;
    }
  return undefined;
}

export interface RefreshResult {
  table: PriceTable;
  updated: Array<{ region: string; path: string; from: number; to: number }>;
  unmatched: Array<{ region: string; path: string }>;
}

export async function refreshPriceTable(table: PriceTable, regions: string[], client: Pick<PricingClient, "send">, today: Date, queries = loadPriceQueries()): Promise<RefreshResult> {
  const next: PriceTable = JSON.parse(JSON.stringify(table));
  const updated: RefreshResult["updated"] = [];
  const unmatched: RefreshResult["unmatched"] = [];
  for (const region of regions) {
    if (!next.regions[region]) {
      const template = next.regions[Object.keys(next.regions)[0]];
      next.regions[region] = JSON.parse(JSON.stringify(template));
    }
    for (const q of queries) {
      let response;
      try {
        response = await client.send(
          new GetProductsCommand({
            ServiceCode: q.serviceCode,
            Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: region }, ...Object.entries(q.filters).map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value }))],
            MaxResults: 10,
          }),
        );
      } catch (err) {
        const e = err as Error;
        if (/credential|Could not load|security token|AccessDenied|ExpiredToken/i.test(`${e.name} ${e.message}`))
          throw new UserError(`the AWS Price List API needs AWS credentials (${e.message}); configure a profile or AWS_ACCESS_KEY_ID, or keep the shipped table`);
        throw err;
      }
      const usd = (response.PriceList ?? []).map((p: unknown) => onDemandUsd(String(p))).find((v: number | undefined) => v !== undefined);
      const [section, key] = q.path.split(".") as [string, string];
      const entry = (next.regions[region] as unknown as Record<string, Record<string, { usd: number }>>)[section]?.[key];
      if (usd === undefined || !entry) {
        unmatched.push({ region, path: q.path });
        continue;
      }
      if (entry.usd !== usd) updated.push({ region, path: q.path, from: entry.usd, to: usd });
      entry.usd = usd;
    }
  }
  next.as_of = today.toISOString().slice(0, 10);
  return { table: next, updated, unmatched };
}

/** One line per region: the entries without a Price List match. */
export function formatUnmatched(unmatched: RefreshResult["unmatched"]): string {
  const byRegion = new Map<string, string[]>();
  for (const u of unmatched) byRegion.set(u.region, [...(byRegion.get(u.region) ?? []), u.path]);
  return [...byRegion].map(([region, paths]) => `  ${region}: ${paths.join(", ")}`).join("\n");
}
