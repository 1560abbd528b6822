/**
 * Estimates of a group of pipelines: a client's (client_id) or a template's creators, summed per
 * pipeline and per service; and the usage a Terraform plan's module is priced with.
 */
import type { LoadedPipeline } from "../core/definitions";
import { findPipeline, loadPipelines } from "../core/definitions";
import { UserError } from "../core/problems";
import type { Usage } from "./estimate";
import type { PipelineEstimate } from "./report";
import { formatTierCheck } from "./report";
import { PLAN_DEFAULT_USAGE, UsageFlags, usageFor } from "./usage";
import * as fs from "node:fs";

export function selectPipelines(all: LoadedPipeline[], by: { clientId?: string; template?: string }, where: string): LoadedPipeline[] {
  const hits = all.filter(
    (p) => (by.clientId === undefined || p.resolved.client_id === by.clientId) && (by.template === undefined || p.template?.template_id === by.template),
  );
  if (hits.length) return hits;
  if (by.clientId !== undefined) {
    const known = [...new Set(all.map((p) => p.resolved.client_id).filter(Boolean))];
    throw new UserError(
      `no pipeline with client_id '${by.clientId}' in ${where}; clients there: ${known.join(", ") || "none (set client_id in a definition)"}`,
    );
  }
  const known = [...new Set(all.map((p) => p.template?.template_id).filter(Boolean))];
  throw new UserError(`no template '${by.template}' in ${where}; templates there: ${known.join(", ") || "none"}`);
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Per pipeline (creator) and per service, with the group's total. */
export function formatGroupEstimate(kind: string, id: string, estimates: PipelineEstimate[]): string {
  const out: string[] = [];
  const total = estimates.reduce((s, e) => s + e.monthlyUsd, 0);
  const lowerBound = estimates.some((e) => e.unpriced.length);
  out.push(
    `${kind} ${id}: ${estimates.length} pipeline${estimates.length > 1 ? "s" : ""}, ${lowerBound ? "at least " : ""}${usd(total)} a month (prices as of ${estimates[0].pricesAsOf})`,
  );
  const services = [...new Set(estimates.flatMap((e) => Object.keys(e.byService)))];
  out.push("  per pipeline:");
  for (const e of estimates)
    out.push(
      `    ${e.pipeline_id.padEnd(32)} ${e.unpriced.length ? ">=" : "  "}${usd(e.monthlyUsd).padStart(11)}  (${e.tier}, ${e.usage.liveHoursPerMonth} live h, ${e.usage.viewers} viewers, ${e.usage.vodViewsPerMonth} VOD views)`,
    );
  out.push("  per service:");
  for (const s of services) out.push(`    ${s.padEnd(32)}   ${usd(estimates.reduce((sum, e) => sum + (e.byService[s] ?? 0), 0)).padStart(11)}`);
  for (const e of estimates) if (e.tierRange.position !== "within") out.push(...formatTierCheck(e).map((l) => `  ${e.pipeline_id}:${l.replace(/^ {2}/, " ")}`));
  if (lowerBound) out.push(`  some lines have no published price for their region: run blackwell media cost refresh-prices`);
  return out.join("\n") + "\n";
}

/**
 * Usage for one module of a Terraform plan: flags first, then the usage block of the definition
 * named by --definition or found in dirs (first match) by the module's name, else PLAN_DEFAULT_USAGE.
 */
export function planUsage(
  moduleAddress: string,
  flags: UsageFlags,
  definition: string | undefined,
  dirs: string[],
): { usage: Usage; from: Record<string, string> } {
  const id = moduleAddress.replace(/^module\./, "").replace(/\[.*$/, "");
  let found: LoadedPipeline | undefined;
  if (definition) found = findPipeline(definition, dirs);
  // Folder by folder, so the user's definition of an id wins over an example's of the same id.
  else
    for (const dir of dirs.filter((d) => fs.existsSync(d)))
      found ??= loadPipelines([dir]).pipelines.find((p) => p.resolved.pipeline_id === id || p.resolved.pipeline_id.replace(/_/g, "-") === id);
  if (found) return usageFor(found.resolved, flags);
  const d = PLAN_DEFAULT_USAGE;
  const from: Record<string, string> = {};
  const pick = (key: string, flag: number | undefined, fallback: number) => ((from[key] = flag !== undefined ? "flag" : "plan_default"), flag ?? fallback);
  return {
    usage: {
      liveHoursPerMonth: pick("live_hours_per_month", flags.hours, d.liveHoursPerMonth),
      viewers: pick("viewers", flags.viewers, d.viewers),
      watchMinutesPerViewer: pick("watch_minutes_per_viewer", flags.watchMinutes, d.watchMinutesPerViewer),
      watchedBitrateKbps: pick("watched_bitrate_kbps", flags.bitrateKbps, d.watchedBitrateKbps),
      vodMinutesPerMonth: pick("vod_minutes_per_month", flags.vodMinutes, d.vodMinutesPerMonth),
      vodViewsPerMonth: pick("vod_views_per_month", flags.vodViews, d.vodViewsPerMonth),
      archiveDays: flags.archiveDays,
      egressGb: flags.egressGb,
      archiveGb: flags.archiveGb,
      logGb: flags.logGb,
      freeTier: flags.freeTier ?? false,
    },
    from,
  };
}
