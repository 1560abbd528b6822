/** Estimates for many pipelines, compared with the seed's tier ranges; formatting for people and JSON. */
import type { MediaCatalog } from "../types/catalog.generated";
import type { LoadedPipeline } from "../core/definitions";
import type { PriceTable } from "../types/prices.generated";
import { Estimate, estimate, priceTableAgeDays } from "./estimate";
import { inventoryOfPipeline } from "./inventory";
import { STALE_AFTER_DAYS } from "./prices";
import { UsageFlags, usageFor } from "./usage";

export interface PipelineEstimate extends Estimate {
  tier: string;
  usageFrom: Record<string, string>;
  tierRange: { min: number; max: number; position: "below" | "within" | "above" };
}

export function tierPosition(monthly: number, range: number[]): "below" | "within" | "above" {
  return monthly < range[0] ? "below" : monthly > range[1] ? "above" : "within";
}

export function estimatePipelines(pipelines: LoadedPipeline[], flags: UsageFlags, table: PriceTable, catalog: MediaCatalog): PipelineEstimate[] {
  return pipelines.map(({ resolved }) => {
    const { usage, from } = usageFor(resolved, flags);
    const e = estimate(inventoryOfPipeline(resolved), usage, table);
    const range = catalog.tiers[resolved.tier].seed_monthly_range_usd;
    return { ...e, tier: resolved.tier, usageFrom: from, tierRange: { min: range[0], max: range[1], position: tierPosition(e.monthlyUsd, range) } };
  });
}

export function staleWarning(table: PriceTable, today: Date): string | undefined {
  const age = priceTableAgeDays(table, today);
  return age > STALE_AFTER_DAYS ? `warning: the price table is ${age} days old (as of ${table.as_of}); refresh it with blackwell media cost refresh-prices` : undefined;
}

const usd = (n: number) => `$${n.toFixed(2)}`;

export function formatEstimate(e: PipelineEstimate): string {
  const out: string[] = [];
  out.push(`${e.pipeline_id} (${e.region}, tier ${e.tier}; prices as of ${e.pricesAsOf})`);
  out.push(`usage: ${e.usage.liveHoursPerMonth} live h/month [${e.usageFrom.live_hours_per_month}], ${e.usage.viewers} viewers [${e.usageFrom.viewers}] x ${e.usage.watchMinutesPerViewer} min [${e.usageFrom.watch_minutes_per_viewer}] at ${e.usage.watchedBitrateKbps} kbps [${e.usageFrom.watched_bitrate_kbps}]`);
  const width = Math.max(...e.lines.map((l) => `${l.service}  ${l.item}`.length), 20);
  for (const l of e.lines) out.push(`  ${`${l.service}  ${l.item}`.padEnd(width)}  ${l.quantity.toFixed(2).padStart(12)} x ${`$${l.unitUsd.toFixed(4)}`.padEnd(9)} ${usd(l.usd).padStart(10)}`);
  out.push(`  by service: ${Object.entries(e.byService).map(([s, v]) => `${s} ${usd(v)}`).join(", ")}`);
  out.push(`  monthly ${usd(e.monthlyUsd)}; per live hour ${usd(e.perLiveHourUsd)}`);
  out.push(`  tier ${e.tier}: the seed plans ${usd(e.tierRange.min)}-${usd(e.tierRange.max)} a month; this estimate is ${e.tierRange.position} that range`);
  for (const a of e.assumptions) out.push(`  assumes ${a}`);
  return out.join("\n") + "\n";
}
