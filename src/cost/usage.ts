/** Usage assumptions: command-line flags first, then the definition's usage block, then the tier's defaults. */
import type { ResolvedPipeline } from "../core/resolve";
import { UserError } from "../core/problems";
import type { Usage } from "./estimate";

export interface UsageFlags {
  hours?: number;
  viewers?: number;
  watchMinutes?: number;
  bitrateKbps?: number;
  vodMinutes?: number;
  archiveDays?: number;
  freeTier?: boolean;
}

export function checkUsageFlags(flags: UsageFlags): void {
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value !== "number") continue;
    if (!Number.isFinite(value) || value < 0) throw new UserError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a number >= 0; got ${value}`);
  }
  if (flags.hours !== undefined && flags.hours > 744) throw new UserError(`--hours is per month and a month has at most 744 hours; got ${flags.hours}`);
}

export interface UsageWithSources {
  usage: Usage;
  from: Record<string, "flag" | "definition" | "tier_default">;
}

export function usageFor(p: ResolvedPipeline, flags: UsageFlags): UsageWithSources {
  checkUsageFlags(flags);
  const from: UsageWithSources["from"] = {};
  const pick = <T>(key: string, flag: T | undefined, resolved: T): T => {
    from[key] = flag !== undefined ? "flag" : ((p.usage.from[key] as "definition" | "tier_default") ?? "tier_default");
    return flag ?? resolved;
  };
  return {
    usage: {
      liveHoursPerMonth: pick("live_hours_per_month", flags.hours, p.usage.live_hours_per_month),
      viewers: pick("viewers", flags.viewers, p.usage.viewers),
      watchMinutesPerViewer: pick("watch_minutes_per_viewer", flags.watchMinutes, p.usage.watch_minutes_per_viewer),
      watchedBitrateKbps: pick("watched_bitrate_kbps", flags.bitrateKbps, p.usage.watched_bitrate_kbps),
      vodMinutesPerMonth: pick("vod_minutes_per_month", flags.vodMinutes, p.usage.vod_minutes_per_month),
      vodViewsPerMonth: pick("vod_views_per_month", undefined, p.usage.vod_views_per_month),
      archiveDays: flags.archiveDays,
      freeTier: flags.freeTier ?? false,
    },
    from,
  };
}
