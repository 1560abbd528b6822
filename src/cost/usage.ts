/** Usage assumptions: command-line flags first, then the definition's usage block, then the tier's defaults. */
import type { ResolvedPipeline } from "../core/resolve";
import { UserError } from "../core/problems";
import type { Usage } from "./estimate";
import { channelHours } from "../plans/automation";

export interface UsageFlags {
  hours?: number;
  viewers?: number;
  watchMinutes?: number;
  bitrateKbps?: number;
  vodMinutes?: number;
  vodViews?: number;
  archiveDays?: number;
  egressGb?: number;
  archiveGb?: number;
  logGb?: number;
  freeTier?: boolean;
}

/** A month has at most 31 x 24 hours. */
export const MAX_LIVE_HOURS = 744;
/** More than every person alive: a typo, not an audience. */
export const MAX_VIEWERS = 1e10;

/** Upper bounds past which a value is a mistake, not a plan (the unit is in the flag's help). */
const LIMITS: Partial<Record<keyof UsageFlags, [number, string]>> = {
  hours: [MAX_LIVE_HOURS, "--hours is per month and a month has at most 744 hours"],
  viewers: [MAX_VIEWERS, "--viewers above 10 billion is more than the world's population"],
  vodViews: [1e12, "--vod-views above a trillion a month is not a plan"],
  watchMinutes: [MAX_LIVE_HOURS * 60, "--watch-minutes is per viewer per month: at most 44,640 (744 hours)"],
  bitrateKbps: [1e6, "--bitrate-kbps above 1 Gbps is not a stream"],
  vodMinutes: [1e9, "--vod-minutes above a billion a month is not a plan"],
  archiveDays: [36500, "--archive-days above 100 years is not a retention"],
};

const flagName = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function checkUsageFlags(flags: UsageFlags): void {
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined || typeof value === "boolean") continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new UserError(`${flagName(name)} must be a number >= 0; got ${String(value)}`);
    const limit = LIMITS[name as keyof UsageFlags];
    if (limit && value > limit[0]) throw new UserError(`${limit[1]}; got ${value}`);
  }
}

export interface UsageWithSources {
  usage: Usage;
  from: Record<string, "flag" | "definition" | "tier_default" | "schedule" | "default">;
}

export function usageFor(p: ResolvedPipeline, flags: UsageFlags): UsageWithSources {
  checkUsageFlags(flags);
  const from: UsageWithSources["from"] = {};
  const pick = <T>(key: string, flag: T | undefined, resolved: T): T => {
    from[key] = flag !== undefined ? "flag" : (p.usage.from[key] ?? "tier_default");
    return flag ?? resolved;
  };
  // The schedule gives the month's channel hours, unless --hours says otherwise.
  const liveHours = () => {
    const hours = channelHours(p, p.usage.live_hours_per_month);
    if (flags.hours !== undefined || hours.from !== "schedule") return pick("live_hours_per_month", flags.hours, p.usage.live_hours_per_month);
    from.live_hours_per_month = "schedule";
    return hours.hours;
  };
  return {
    usage: {
      liveHoursPerMonth: liveHours(),
      viewers: pick("viewers", flags.viewers, p.usage.viewers),
      watchMinutesPerViewer: pick("watch_minutes_per_viewer", flags.watchMinutes, p.usage.watch_minutes_per_viewer),
      watchedBitrateKbps: pick("watched_bitrate_kbps", flags.bitrateKbps, p.usage.watched_bitrate_kbps),
      vodMinutesPerMonth: pick("vod_minutes_per_month", flags.vodMinutes, p.usage.vod_minutes_per_month),
      vodViewsPerMonth: pick("vod_views_per_month", flags.vodViews, p.usage.vod_views_per_month),
      archiveDays: flags.archiveDays,
      egressGb: flags.egressGb,
      archiveGb: flags.archiveGb,
      logGb: flags.logGb,
      freeTier: flags.freeTier ?? false,
      ...adsPerViewerHour(p, from),
    },
    from,
  };
}

/** With ad insertion: the definition's usage.ads_per_viewer_hour, or the stated default. */
function adsPerViewerHour(p: ResolvedPipeline, from: UsageWithSources["from"]): Pick<Usage, "adsPerViewerHour"> {
  if (!p.ad_insertion) return {};
  from.ads_per_viewer_hour = p.ad_insertion.ads_per_viewer_hour_from;
  return { adsPerViewerHour: p.ad_insertion.ads_per_viewer_hour };
}

/** Usage for a plan priced without its definition: flags, else these stated defaults. */
export const PLAN_DEFAULT_USAGE = {
  liveHoursPerMonth: 10,
  viewers: 100,
  watchMinutesPerViewer: 30,
  watchedBitrateKbps: 3000,
  vodMinutesPerMonth: 0,
  vodViewsPerMonth: 0,
} as const;
