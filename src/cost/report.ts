/** Estimates for many pipelines, compared with the seed's tier ranges; formatting for people and JSON. */
import type { MediaCatalog } from "../types/catalog.generated";
import type { LoadedPipeline } from "../core/definitions";
import type { PriceTable } from "../types/prices.generated";
import { Estimate, Usage, estimate, priceTableAgeDays } from "./estimate";
import type { Inventory } from "./inventory";
import { inventoryOfPipeline } from "./inventory";
import { STALE_AFTER_DAYS } from "./prices";
import { MAX_LIVE_HOURS, MAX_VIEWERS, UsageFlags, usageFor } from "./usage";

export interface TierRange {
  min: number;
  max: number;
  position: "below" | "within" | "above";
  /** When outside the range: the lines that drive the estimate, and usage that would land in range. */
  explanation?: TierExplanation;
}

export interface TierExplanation {
  drivers: Array<{ item: string; usd: number; share: number }>;
  /** Live hours a month (same audience) that land in range, when any do. */
  liveHoursInRange?: [number, number];
  /** Live viewers a month (same hours) that land in range, when any do. */
  viewersInRange?: [number, number];
}
import { automationPlan, channelHours } from "../plans/automation";
import type { ResolvedPipeline } from "../core/resolve";

export interface PipelineEstimate extends Estimate {
  tier: string;
  usageFrom: Record<string, string>;
  tierRange: TierRange;
  /** What the definition's automation does to the month (absent without an automation section). */
  automation?: AutomationEffect;
}

export interface AutomationEffect {
  hours_from: "schedule" | "usage" | "flag";
  idle_stop_after_hours?: number;
  /** Channel hours and cost if every start were followed by a channel nobody stops: capped by idle stop, else the whole month. */
  unattended_hours: number;
  unattended_monthly_usd: number;
  budget_usd?: number;
  /** Present (true) when the channel is stopped once Budgets reports the actual cost above the budget. */
  budget_stop?: boolean;
  over_budget: boolean;
  warning?: string;
}

function automationEffect(p: ResolvedPipeline, e: Estimate, flags: UsageFlags, table: PriceTable): AutomationEffect | undefined {
  if (!p.automation) return undefined;
  const plan = automationPlan(p);
  // --hours replaces the schedule's hours, and so its count of starts too.
  const hours = channelHours(
    p,
    e.usage.liveHoursPerMonth,
    flags.hours !== undefined && plan ? { ...plan, scheduledHoursPerMonth: undefined, scheduledStartsPerMonth: undefined } : plan,
  );
  const unattended = estimate(inventoryOfPipeline(p), { ...e.usage, liveHoursPerMonth: hours.unattendedHours }, table);
  const budget = p.automation.max_cost_per_month;
  const over = budget !== undefined && e.monthlyUsd > budget;
  return {
    hours_from: flags.hours !== undefined ? "flag" : hours.from,
    ...(hours.idleStopAfterHours !== undefined ? { idle_stop_after_hours: hours.idleStopAfterHours } : {}),
    unattended_hours: hours.unattendedHours,
    unattended_monthly_usd: unattended.monthlyUsd,
    ...(budget !== undefined ? { budget_usd: budget } : {}),
    ...(plan?.budgetStop ? { budget_stop: true } : {}),
    over_budget: over,
    ...(over
      ? {
          warning: `warning: ${p.pipeline_id} is estimated at $${e.monthlyUsd.toFixed(2)} a month, above its budget (automation.max_cost_per_month) of $${budget.toFixed(2)}`,
        }
      : {}),
  };
}

export function tierPosition(monthly: number, range: number[]): "below" | "within" | "above" {
  return monthly < range[0] ? "below" : monthly > range[1] ? "above" : "within";
}

/** Smallest x in [lo, hi] with f(x) >= target, for a non-decreasing f; undefined when f(hi) < target. */
function solveUp(f: (x: number) => number, target: number, lo: number, hi: number, integer: boolean): number | undefined {
  if (f(hi) < target) return undefined;
  if (f(lo) >= target) return lo;
  for (let i = 0; i < 60 && hi - lo > (integer ? 1 : 1e-3); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= target) hi = mid;
    else lo = mid;
  }
  return integer ? Math.ceil(hi) : hi;
}

/** Usage values of one knob that keep the monthly estimate within [min, max], when any exist. */
function rangeOf(f: (x: number) => number, min: number, max: number, hi: number, integer: boolean): [number, number] | undefined {
  const from = solveUp(f, min, 0, hi, integer);
  if (from === undefined || f(from) > max) return undefined;
  const beyond = solveUp(f, max + 1e-9, 0, hi, integer);
  const to = beyond === undefined ? hi : integer ? beyond - 1 : beyond;
  return to >= from ? [from, to] : undefined;
}

export function explainTier(inv: Inventory, usage: Usage, table: PriceTable, e: Estimate, min: number, max: number): TierExplanation {
  const drivers = [...e.lines]
    .filter((l) => l.usd !== null && l.usd > 0)
    .sort((a, b) => b.usd! - a.usd!)
    .slice(0, 3)
    .map((l) => ({ item: `${l.service} ${l.item}`, usd: l.usd!, share: e.monthlyUsd > 0 ? l.usd! / e.monthlyUsd : 0 }));
  const monthlyWith = (u: Partial<Usage>) => estimate(inv, { ...usage, ...u }, table).monthlyUsd;
  return {
    drivers,
    liveHoursInRange: inv.channelClass ? rangeOf((h) => monthlyWith({ liveHoursPerMonth: h }), min, max, MAX_LIVE_HOURS, false) : undefined,
    viewersInRange:
      inv.cdn && inv.channelClass && usage.egressGb === undefined ? rangeOf((v) => monthlyWith({ viewers: v }), min, max, MAX_VIEWERS, true) : undefined,
  };
}

export function estimatePipelines(pipelines: LoadedPipeline[], flags: UsageFlags, table: PriceTable, catalog: MediaCatalog): PipelineEstimate[] {
  return pipelines.map(({ resolved }) => {
    const { usage, from } = usageFor(resolved, flags);
    const inv = inventoryOfPipeline(resolved);
    const e = estimate(inv, usage, table);
    const range = catalog.tiers[resolved.tier].seed_monthly_range_usd;
    const position = tierPosition(e.monthlyUsd, range);
    const tierRange: TierRange = { min: range[0], max: range[1], position };
    if (position !== "within") tierRange.explanation = explainTier(inv, usage, table, e, range[0], range[1]);
    const automation = automationEffect(resolved, e, flags, table);
    return { ...e, tier: resolved.tier, usageFrom: from, tierRange, ...(automation ? { automation } : {}) };
  });
}

export function staleWarning(table: PriceTable, today: Date): string | undefined {
  const age = priceTableAgeDays(table, today);
  return age > STALE_AFTER_DAYS
    ? `warning: the price table is ${age} days old (as of ${table.as_of}); refresh it with blackwell media cost refresh-prices`
    : undefined;
}

const usd = (n: number) => `$${n.toFixed(2)}`;
const round = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

/** The line-item table of one estimate: quantity, unit price (or "unpriced") and amount. */
export function formatLines(e: Estimate): string[] {
  const width = Math.max(...e.lines.map((l) => `${l.service}  ${l.item}`.length), 20);
  return e.lines.map(
    (l) =>
      `  ${`${l.service}  ${l.item}`.padEnd(width)}  ${l.quantity.toFixed(2).padStart(12)} x ${(l.unitUsd === null ? "unpriced" : `$${l.unitUsd.toFixed(4)}`).padEnd(9)} ${(l.usd === null ? "?" : usd(l.usd)).padStart(10)}`,
  );
}

export function formatUsage(e: Estimate, from: Record<string, string> = {}): string {
  const f = (k: string) => (from[k] ? ` [${from[k]}]` : "");
  const u = e.usage;
  const parts = [
    `${u.liveHoursPerMonth} live h/month${f("live_hours_per_month")}`,
    `${u.viewers} viewers${f("viewers")} x ${u.watchMinutesPerViewer} min${f("watch_minutes_per_viewer")} at ${u.watchedBitrateKbps} kbps${f("watched_bitrate_kbps")}`,
    `${u.vodViewsPerMonth} VOD views${f("vod_views_per_month")}`,
    `${u.vodMinutesPerMonth} VOD min transcoded${f("vod_minutes_per_month")}`,
  ];
  if (u.egressGb !== undefined) parts.push(`egress ${u.egressGb} GB [flag]`);
  if (u.archiveGb !== undefined) parts.push(`archive ${u.archiveGb} GB/month [flag]`);
  if (u.archiveDays !== undefined) parts.push(`archive kept ${u.archiveDays} days [flag]`);
  if (u.logGb !== undefined) parts.push(`logs ${u.logGb} GB [flag]`);
  if (u.adsPerViewerHour !== undefined) parts.push(`${u.adsPerViewerHour} ads per viewer-hour${f("ads_per_viewer_hour")}`);
  return `usage: ${parts.join(", ")}`;
}

export function formatTierCheck(e: PipelineEstimate): string[] {
  const r = e.tierRange;
  const out = [
    `  tier ${e.tier} is planned at ${usd(r.min)}-${usd(r.max)} a month; this estimate is ${r.position} that range${e.unpriced.length ? " (a lower bound: some lines are unpriced)" : ""}`,
  ];
  const x = r.explanation;
  if (!x) return out;
  if (x.drivers.length) out.push(`    driven by ${x.drivers.map((d) => `${d.item} ${usd(d.usd)} (${Math.round(d.share * 100)}%)`).join("; ")}`);
  if (x.liveHoursInRange) out.push(`    in range at ${round(x.liveHoursInRange[0])}-${round(x.liveHoursInRange[1])} live hours a month with this audience`);
  if (x.viewersInRange) out.push(`    in range at ${Math.round(x.viewersInRange[0])}-${Math.round(x.viewersInRange[1])} viewers a month for these hours`);
  if (!x.liveHoursInRange && !x.viewersInRange) out.push(`    no live-hours or viewers figure alone lands in range; the fixed lines above decide it`);
  return out;
}

export function formatEstimate(e: PipelineEstimate): string {
  const out: string[] = [];
  out.push(`${e.pipeline_id} (${e.region}, tier ${e.tier}; prices as of ${e.pricesAsOf})`);
  out.push(formatUsage(e, e.usageFrom));
  out.push(...formatLines(e));
  out.push(
    `  by service: ${Object.entries(e.byService)
      .map(([s, v]) => `${s} ${usd(v)}`)
      .join(", ")}`,
  );
  out.push(`  monthly ${e.unpriced.length ? "at least " : ""}${usd(e.monthlyUsd)}; per live hour ${usd(e.perLiveHourUsd)}`);
  if (e.unpriced.length)
    out.push(
      `  unpriced (no published ${e.region} price): ${e.unpriced
        .map((l) => l.priceKey)
        .filter((k, i, a) => a.indexOf(k) === i)
        .join(", ")}`,
    );
  out.push(...formatTierCheck(e));
  for (const a of e.assumptions) out.push(`  assumes ${a}`);
  const auto = e.automation;
  if (auto) {
    const stop =
      auto.idle_stop_after_hours !== undefined
        ? `idle stop after ${auto.idle_stop_after_hours} h caps a channel left running at ${auto.unattended_hours.toFixed(1)} h (${usd(auto.unattended_monthly_usd)})`
        : `no idle stop: a channel left running bills ${auto.unattended_hours} h (${usd(auto.unattended_monthly_usd)})`;
    out.push(
      `  automation: channel hours from the ${auto.hours_from === "flag" ? "--hours flag" : auto.hours_from}; ${stop}${auto.budget_usd !== undefined ? `; budget ${usd(auto.budget_usd)}` : ""}${auto.budget_stop ? " (the channel stops once Budgets reports it passed; Budgets updates a few times a day)" : ""}`,
    );
    if (auto.warning) out.push(`  ${auto.warning}`);
  }
  return out.join("\n") + "\n";
}
