/**
 * Prices an Inventory with the price table and usage assumptions. Pure arithmetic: no I/O, money
 * rounded only when displayed. Every line item says its quantity, unit price and where the price is from.
 */
import type { PriceTable, Price, RegionPrices } from "../types/prices.generated";
import { UserError } from "../core/problems";
import type { Encode, Inventory } from "./inventory";

export interface Usage {
  liveHoursPerMonth: number;
  viewers: number;
  watchMinutesPerViewer: number;
  watchedBitrateKbps: number;
  vodMinutesPerMonth: number;
  vodViewsPerMonth: number;
  archiveDays?: number;
  freeTier: boolean;
}

export interface LineItem {
  service: "MediaLive" | "MediaPackage" | "CloudFront" | "S3" | "MediaConvert" | "Other";
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number;
  usd: number;
  source: string;
}

export interface Estimate {
  pipeline_id: string;
  region: string;
  pricesAsOf: string;
  usage: Usage;
  assumptions: string[];
  lines: LineItem[];
  byService: Record<string, number>;
  monthlyUsd: number;
  /** What one more live hour costs with the same audience per hour. */
  perLiveHourUsd: number;
}

export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = 30.42;
/** Share of CDN traffic that misses the cache and is fetched from MediaPackage. */
export const CDN_MISS_RATIO = 0.1;
/** Requests per segment of playback: the segment itself plus a (live) manifest refresh. */
export const REQUESTS_PER_SEGMENT = 2;

const gbFor = (kbps: number, hours: number) => (kbps * 1000 * 3600 * hours) / 8 / 1e9;

export function regionPrices(table: PriceTable, region: string): RegionPrices {
  const prices = table.regions[region];
  if (!prices) throw new UserError(`no prices for region '${region}' in the price table (it has ${Object.keys(table.regions).join(", ")}); run blackwell media cost refresh-prices --region ${region}`);
  return prices;
}

function price(map: Record<string, Price>, key: string, where: string): Price {
  const p = map[key];
  if (!p) throw new UserError(`the price table has no price ${where}.${key}; refresh it with blackwell media cost refresh-prices`);
  return p;
}

function line(service: LineItem["service"], item: string, quantity: number, p: Price, multiplier = 1): LineItem {
  const unitUsd = p.usd * multiplier;
  return { service, item, quantity, unit: p.unit, unitUsd, usd: quantity * unitUsd, source: p.source };
}

/** CloudFront transfer through the tiers (and the free tier first, when asked). */
export function cloudfrontTransfer(gb: number, prices: RegionPrices, freeTier: boolean): LineItem[] {
  const cf = prices.cloudfront;
  let remaining = Math.max(0, gb - (freeTier ? cf.free_tier_gb.usd : 0));
  const lines: LineItem[] = [];
  let lower = 0;
  for (const tier of cf.transfer_per_gb_tiers) {
    if (remaining <= 0) break;
    const size = tier.up_to_gb === null ? Infinity : tier.up_to_gb - lower;
    const inTier = Math.min(remaining, size);
    lines.push(line("CloudFront", `data transfer out ${lower === 0 ? "first" : "next"} ${tier.up_to_gb === null ? "beyond" : `${Math.round((tier.up_to_gb - lower) / 1024)} TB`}`, inTier, tier));
    remaining -= inTier;
    lower = tier.up_to_gb ?? lower;
  }
  return lines;
}

function outputKey(e: Encode): string {
  return e.kind === "audio" ? "AUDIO" : `${e.resolution}_${e.codec}_${e.fps}`;
}

/** Days an object spends in each storage class under the archive's lifecycle rules. */
export function daysPerStorageClass(a: NonNullable<Inventory["archive"]>): Record<string, number> {
  const end = a.retentionDays;
  const ia = a.iaAfterDays !== undefined && a.iaAfterDays < end ? a.iaAfterDays : undefined;
  const gir = a.glacierIrAfterDays !== undefined && a.glacierIrAfterDays < end ? a.glacierIrAfterDays : undefined;
  const firstMove = Math.min(ia ?? end, gir ?? end);
  return {
    STANDARD: firstMove,
    STANDARD_IA: ia !== undefined ? (gir ?? end) - ia : 0,
    GLACIER_IR: gir !== undefined ? end - gir : 0,
  };
}

export function estimate(inv: Inventory, usage: Usage, table: PriceTable): Estimate {
  const prices = regionPrices(table, inv.region);
  const ml = prices.medialive;
  const H = usage.liveHoursPerMonth;
  const lines: LineItem[] = [];
  const assumptions: string[] = [];
  const standard = inv.channelClass === "STANDARD";
  const pipelines = standard ? 2 : 1;
  const multiplier = standard ? ml.standard_channel_multiplier.usd : 1;

  if (inv.channelClass) {
    for (const input of inv.inputs) lines.push(line("MediaLive", `input ${input.id} (${input.resolution}, up to ${input.maxMbps} Mbps)`, H, price(ml.input_per_hour, `${input.resolution}_${input.maxMbps}`, "medialive.input_per_hour"), multiplier));
    for (const e of inv.encodes) lines.push(line("MediaLive", `output ${e.name} (${e.kind === "audio" ? "audio only" : `${e.resolution} ${e.codec} ${e.fps === 60 ? ">30" : "≤30"} fps`})`, H, price(ml.output_per_hour, outputKey(e), "medialive.output_per_hour"), multiplier));
    const idle = Math.max(0, HOURS_PER_MONTH - H);
    lines.push(line("MediaLive", "idle channel (stopped)", idle, ml.idle_channel_per_hour));
    const pushInputs = inv.inputs.filter((i) => i.push).length;
    if (pushInputs) lines.push(line("MediaLive", `idle push inputs (${pushInputs})`, idle * pushInputs, ml.idle_push_input_per_hour));
    if (standard) assumptions.push(`STANDARD channel: inputs and outputs at ${ml.standard_channel_multiplier.usd}x the single-pipeline rate`);
    assumptions.push("one output charge per encode; simulcast and archive outputs reuse the ladder's encodes");
  }
  const ladderKbps = inv.encodes.reduce((sum, e) => sum + e.kbps, 0);
  if (inv.packaged) {
    lines.push(line("MediaPackage", "ingest", gbFor(ladderKbps, H) * pipelines, prices.mediapackage.ingest_per_gb));
    assumptions.push("ingest at the ladder's maximum (QVBR cap) bitrates: an upper bound");
  }
  const liveViewingHours = (usage.viewers * usage.watchMinutesPerViewer) / 60;
  const vodViewingHours = inv.vodRenditions.length ? (usage.vodViewsPerMonth * usage.watchMinutesPerViewer) / 60 : 0;
  const viewingHours = (inv.channelClass ? liveViewingHours : 0) + vodViewingHours;
  if (inv.cdn) {
    const egressGb = gbFor(usage.watchedBitrateKbps, viewingHours);
    lines.push(...cloudfrontTransfer(egressGb, prices, usage.freeTier));
    const requests = (viewingHours * 3600 * REQUESTS_PER_SEGMENT) / inv.segmentSeconds;
    const billedRequests = Math.max(0, requests - (usage.freeTier ? prices.cloudfront.free_tier_requests.usd : 0));
    lines.push(line("CloudFront", "HTTPS requests (10k)", billedRequests / 10000, prices.cloudfront.https_per_10k_requests));
    if (inv.packaged && inv.channelClass) lines.push(line("MediaPackage", "origination to CloudFront", gbFor(usage.watchedBitrateKbps, liveViewingHours) * CDN_MISS_RATIO, prices.mediapackage.origination_per_gb));
    assumptions.push(`viewing: ${usage.viewers} viewers x ${usage.watchMinutesPerViewer} min at ${usage.watchedBitrateKbps} kbps; ${REQUESTS_PER_SEGMENT} requests per ${inv.segmentSeconds}s segment; ${CDN_MISS_RATIO * 100}% of CDN bytes from the origin`);
    if (usage.freeTier) assumptions.push("CloudFront free tier (1 TB, 10M requests) applied to this pipeline alone");
  }
  if (inv.archive && inv.channelClass) {
    const archive = { ...inv.archive, retentionDays: usage.archiveDays ?? inv.archive.retentionDays };
    const monthlyGb = gbFor(ladderKbps, H);
    for (const [cls, days] of Object.entries(daysPerStorageClass(archive)))
      if (days > 0) lines.push(line("S3", `archive in ${cls} (${days} days of each recording)`, (monthlyGb * days) / DAYS_PER_MONTH, price(prices.s3, cls, "s3")));
    const puts = (H * 3600 * inv.encodes.length * pipelines) / inv.segmentSeconds;
    lines.push(line("S3", "archive segment uploads (1k PUT)", puts / 1000, price(prices.s3, "put_per_1k", "s3")));
    assumptions.push(`archive: steady state after ${archive.retentionDays} days of recording`);
  }
  if (inv.vodRenditions.length) {
    for (const e of inv.vodRenditions) {
      const tier = e.codec === "HEVC" ? "professional" : "basic";
      const key = e.kind === "audio" ? "basic_AVC_SD" : `${tier}_${e.codec}_${e.resolution}`;
      lines.push(line("MediaConvert", `rendition ${e.name}${e.kind === "audio" ? " (audio, SD rate)" : ""}`, usage.vodMinutesPerMonth, price(prices.mediaconvert, key, "mediaconvert")));
    }
    assumptions.push(`MediaConvert: ${usage.vodMinutesPerMonth} source minutes per month, one output minute per rendition`);
  }
  const small = prices.small;
  if (inv.alarms) lines.push(line("Other", `CloudWatch alarms (${inv.alarms})`, inv.alarms, price(small, "cloudwatch_alarm_per_month", "small")));
  if (inv.secrets) lines.push(line("Other", "Secrets Manager stream keys", inv.secrets, price(small, "secrets_manager_per_secret_month", "small")));
  if (inv.eventRules) {
    const events = Math.max(2, Math.ceil(H / 2) * 2) / 1e6; // a start and a stop per two-hour show
    lines.push(line("Other", "EventBridge events (million)", events, price(small, "eventbridge_per_million_events", "small")));
    lines.push(line("Other", "Step Functions express requests (million)", events, price(small, "step_functions_express_per_million_requests", "small")));
  }

  const byService: Record<string, number> = {};
  for (const l of lines) byService[l.service] = (byService[l.service] ?? 0) + l.usd;
  const monthlyUsd = lines.reduce((s, l) => s + l.usd, 0);
  const fixed = lines.filter((l) => l.item.startsWith("idle") || l.service === "Other" || l.service === "MediaConvert").reduce((s, l) => s + l.usd, 0);
  return {
    pipeline_id: inv.pipeline_id,
    region: inv.region,
    pricesAsOf: table.as_of,
    usage,
    assumptions,
    lines,
    byService,
    monthlyUsd,
    perLiveHourUsd: H > 0 ? (monthlyUsd - fixed) / H : 0,
  };
}

/** Days since the table's as_of date; estimates warn past 180. */
export function priceTableAgeDays(table: PriceTable, today: Date): number {
  return Math.floor((today.getTime() - Date.parse(`${table.as_of}T00:00:00Z`)) / 86_400_000);
}
