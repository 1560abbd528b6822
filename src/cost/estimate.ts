/**
 * Prices an Inventory with the price table and usage assumptions. Pure arithmetic: no I/O, money
 * rounded only when displayed. Every line item says its quantity, unit price and where the price is from.
 */
import type { PriceTable, Price, RegionPrices } from "../types/prices.generated";
import { UserError } from "../core/problems";
import type { Encode, Inventory } from "./inventory";
import { DEFAULT_ADS_PER_VIEWER_HOUR } from "../core/resolve";

export interface Usage {
  liveHoursPerMonth: number;
  viewers: number;
  watchMinutesPerViewer: number;
  watchedBitrateKbps: number;
  vodMinutesPerMonth: number;
  vodViewsPerMonth: number;
  archiveDays?: number;
  /** Replaces the CDN egress computed from viewers x minutes x bitrate, when set. */
  egressGb?: number;
  /** Replaces the GB recorded to the archive a month (from the ladder's bitrates), when set. */
  archiveGb?: number;
  /** Ads MediaTailor inserts per viewer-hour (ad insertion); default DEFAULT_ADS_PER_VIEWER_HOUR. */
  adsPerViewerHour?: number;
  /** GB of channel logs a month; default LOG_GB_PER_LIVE_HOUR per live hour when the channel logs. */
  logGb?: number;
  freeTier: boolean;
}

export interface LineItem {
  service: "MediaLive" | "MediaPackage" | "CloudFront" | "S3" | "MediaConvert" | "IVS" | "MediaTailor" | "Other";
  item: string;
  quantity: number;
  unit: string;
  /** null when the price table has no published figure for this item in this region. */
  unitUsd: number | null;
  usd: number | null;
  source: string;
  /** The price table key, e.g. medialive.output_per_hour.STANDARD_AVC_HD_UNDER10_UPTO30. */
  priceKey: string;
  status: string;
}

export interface Estimate {
  pipeline_id: string;
  region: string;
  pricesAsOf: string;
  usage: Usage;
  assumptions: string[];
  lines: LineItem[];
  /** Lines with a quantity but no price: the monthly figure is a lower bound while there are any. */
  unpriced: LineItem[];
  byService: Record<string, number>;
  monthlyUsd: number;
  /** What one more live hour costs with the same audience per hour. */
  perLiveHourUsd: number;
  /**
   * The failover region's share of perLiveHourUsd (its channel and MediaPackage ingest), so a running channel's cost
   * can be told per region; `complete` is false when some of its hourly lines have no price (then usd is a lower bound).
   */
  failoverPerLiveHour?: { usd: number; complete: boolean };
}

export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = 30.42;
/** Share of CDN traffic that misses the cache and is fetched from MediaPackage. */
export const CDN_MISS_RATIO = 0.1;
/** Requests per segment of playback: the segment itself plus a (live) manifest refresh. */
export const REQUESTS_PER_SEGMENT = 2;
/** Channel log volume per live hour when the channel logs (an assumption; --log-gb replaces it). */
export const LOG_GB_PER_LIVE_HOUR = 0.01;
/** Bytes of one access-log line with the fields delivered (src/plans/viewer-analytics.ts LOG_COLUMNS; an assumption). */
export const VIEWER_LOG_BYTES_PER_REQUEST = 250;
/** Log objects CloudFront delivers per hour with viewers ("up to several times an hour"; an assumption). */
export const VIEWER_LOG_OBJECTS_PER_HOUR = 12;
/** Average length of one VOD upload, to count watch-folder executions (an assumption). */
export const VOD_MINUTES_PER_UPLOAD = 30;

export const gbFor = (kbps: number, hours: number) => (kbps * 1000 * 3600 * hours) / 8 / 1e9;

export function regionPrices(table: PriceTable, region: string): RegionPrices {
  const prices = table.regions[region];
  if (!prices)
    throw new UserError(
      `no prices for region '${region}' in the price table (it has ${Object.keys(table.regions).join(", ")}); run blackwell media cost refresh-prices --region ${region}`,
    );
  return prices;
}

interface KeyedPrice {
  price: Price;
  key: string;
}

const NOT_IN_TABLE: Price = { usd: null, unit: "", source: "", status: "unavailable", as_of: "", note: "not in the price table" };

/** A price by key; an absent key is priced like an unavailable one (reported, never zero). */
function price(map: Record<string, Price>, key: string, where: string): KeyedPrice {
  return { price: map[key] ?? NOT_IN_TABLE, key: `${where}.${key}` };
}

function at(p: Price, key: string): KeyedPrice {
  return { price: p, key };
}

function line(service: LineItem["service"], item: string, quantity: number, { price: p, key }: KeyedPrice): LineItem {
  const unitUsd = p.usd;
  return {
    service,
    item,
    quantity,
    unit: p.unit,
    unitUsd,
    usd: unitUsd === null ? null : quantity * unitUsd,
    source: p.source,
    priceKey: key,
    status: p.status,
  };
}

/** CloudFront transfer through the tiers (and the free tier first, when asked). */
export function cloudfrontTransfer(gb: number, prices: RegionPrices, freeTier: boolean): LineItem[] {
  const cf = prices.cloudfront;
  let remaining = Math.max(0, gb - (freeTier ? (cf.free_tier_gb.usd ?? 0) : 0));
  const lines: LineItem[] = [];
  let lower = 0;
  for (const [i, tier] of cf.transfer_per_gb_tiers.entries()) {
    if (remaining <= 0) break;
    const size = tier.up_to_gb === null ? Infinity : tier.up_to_gb - lower;
    const inTier = Math.min(remaining, size);
    lines.push(
      line(
        "CloudFront",
        `data transfer out ${lower === 0 ? "first" : "next"} ${tier.up_to_gb === null ? "beyond" : `${Math.round((tier.up_to_gb - lower) / 1024)} TB`}`,
        inTier,
        at(tier, `cloudfront.transfer_per_gb_tiers[${i}]`),
      ),
    );
    remaining -= inTier;
    lower = tier.up_to_gb ?? lower;
  }
  return lines;
}

/** Price List bit rate class of an output or input, from its Mbps. */
export function bitrateClass(mbps: number): "UNDER10" | "10TO20" | "OVER20" {
  return mbps < 10 ? "UNDER10" : mbps <= 20 ? "10TO20" : "OVER20";
}

const BITRATE_LABEL = { UNDER10: "<10", "10TO20": "10-20", OVER20: ">20" } as const;

/** The price key of a MediaLive output: channel class, codec, resolution, bitrate class, frame-rate class. */
export function outputKey(channelClass: string, e: Encode): string {
  if (e.kind === "audio") return `${channelClass}_AUDIO`;
  return `${channelClass}_${e.codec}_${e.resolution}_${bitrateClass(e.kbps / 1000)}_${e.fps === 60 ? "OVER30" : "UPTO30"}`;
}

export function inputKey(channelClass: string, input: Inventory["inputs"][number]): string {
  return `${channelClass}_AVC_${input.resolution}_${bitrateClass(input.maxMbps === 10 ? 9 : input.maxMbps)}`;
}

/** Days an object spends in each storage class under the archive's lifecycle rules. */
export function daysPerStorageClass(
  a: Pick<NonNullable<Inventory["archive"]>, "retentionDays" | "iaAfterDays" | "glacierIrAfterDays">,
): Record<string, number> {
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

  if (inv.channelClass) {
    const outputs = inv.channelOutputs ?? inv.encodes.map((encode) => ({ group: "outputs", encode }));
    lines.push(...channelLines({ ...inv, channelClass: inv.channelClass, channelOutputs: outputs }, ml, H, ""));
    for (const d of inv.rtmpDestinations ?? [])
      lines.push(
        line(
          "MediaLive",
          `data transfer out to ${d.id} (RTMP, ${pipelines} pipeline${pipelines > 1 ? "s" : ""})`,
          gbFor(d.kbps, H) * pipelines,
          at(ml.data_transfer_out_per_gb, "medialive.data_transfer_out_per_gb"),
        ),
      );
    assumptions.push(
      `${standard ? "STANDARD (two-pipeline)" : "SINGLE_PIPELINE"} channel rates; one output charge per output of every output group (${outputs.length} outputs), as the MediaLive pricing page bills them`,
    );
  }
  const ladderKbps = inv.encodes.reduce((sum, e) => sum + e.kbps, 0);
  if (inv.packaged) {
    lines.push(line("MediaPackage", "ingest", gbFor(ladderKbps, H) * pipelines, at(prices.mediapackage.ingest_per_gb, "mediapackage.ingest_per_gb")));
    assumptions.push("ingest at the ladder's maximum (QVBR cap) bitrates: an upper bound");
  }
  if (inv.captionOutputs)
    assumptions.push(
      `captions: ${inv.captionOutputs} WebVTT rendition output${inv.captionOutputs > 1 ? "s" : ""} not priced (the price table has MediaLive rates for video and audio outputs only); burned-in captions are part of the video encodes already priced`,
    );
  if (inv.drmEndpoints?.length) {
    // MediaPackage bills ingest and origination by the GB, encrypted or not: SPEKE encryption adds no MediaPackage charge.
    lines.push({
      service: "MediaPackage",
      item: `DRM encryption, SPEKE v2 (${inv.drmEndpoints.join(", ")} endpoints): no MediaPackage charge`,
      quantity: inv.drmEndpoints.length,
      unit: "endpoint",
      unitUsd: 0,
      usd: 0,
      source: "https://aws.amazon.com/mediapackage/pricing/",
      priceKey: "mediapackage.speke_encryption",
      status: "unchecked",
    });
    assumptions.push(
      "DRM: MediaPackage does not charge for SPEKE encryption; your DRM provider's key-server and license fees are billed by them and are not included",
    );
  }
  const liveViewingHours = (usage.viewers * usage.watchMinutesPerViewer) / 60;
  const vodViewingHours = inv.vodRenditions.length ? (usage.vodViewsPerMonth * usage.watchMinutesPerViewer) / 60 : 0;
  const viewingHours = (inv.channelClass ? liveViewingHours : 0) + vodViewingHours;
  const cdnRequests = (viewingHours * 3600 * REQUESTS_PER_SEGMENT) / inv.segmentSeconds;
  if (inv.cdn) {
    const computedGb = gbFor(usage.watchedBitrateKbps, viewingHours);
    const egressGb = usage.egressGb ?? computedGb;
    lines.push(...cloudfrontTransfer(egressGb, prices, usage.freeTier));
    const billedRequests = Math.max(0, cdnRequests - (usage.freeTier ? (prices.cloudfront.free_tier_requests.usd ?? 0) : 0));
    lines.push(
      line("CloudFront", "HTTPS requests (10k)", billedRequests / 10000, at(prices.cloudfront.https_per_10k_requests, "cloudfront.https_per_10k_requests")),
    );
    const liveShare = computedGb > 0 ? (inv.channelClass ? liveViewingHours : 0) / viewingHours : 0;
    if (inv.packaged && inv.channelClass)
      lines.push(
        line(
          "MediaPackage",
          "origination to CloudFront",
          egressGb * liveShare * CDN_MISS_RATIO,
          at(prices.mediapackage.origination_per_gb, "mediapackage.origination_per_gb"),
        ),
      );
    assumptions.push(
      usage.egressGb !== undefined
        ? `CDN egress ${usage.egressGb} GB a month (set); ${REQUESTS_PER_SEGMENT} requests per ${inv.segmentSeconds}s segment from the viewing hours`
        : `viewing: live ${usage.viewers} viewers${inv.vodRenditions.length ? ` + VOD ${usage.vodViewsPerMonth} views` : ""} x ${usage.watchMinutesPerViewer} min at ${usage.watchedBitrateKbps} kbps = ${computedGb.toFixed(2)} GB; ${REQUESTS_PER_SEGMENT} requests per ${inv.segmentSeconds}s segment; ${CDN_MISS_RATIO * 100}% of CDN bytes from the origin`,
    );
    if (usage.freeTier) assumptions.push("CloudFront free tier (1 TB, 10M requests) applied to this pipeline alone");
  }
  if (inv.archive && inv.channelClass) {
    const archive = { ...inv.archive, retentionDays: usage.archiveDays ?? inv.archive.retentionDays };
    // Every channel pipeline records its own copy (recordings/<stream-id>/pipeline<N>/).
    const recorded = inv.archive.pipelines > 1 ? `, ${inv.archive.pipelines} pipelines` : "";
    const monthlyGb = usage.archiveGb ?? gbFor(ladderKbps, H) * inv.archive.pipelines;
    const days = daysPerStorageClass(archive);
    for (const [cls, d] of Object.entries(days))
      if (d > 0)
        lines.push(line("S3", `archive in ${cls} (${d} days of each recording${recorded})`, (monthlyGb * d) / DAYS_PER_MONTH, price(prices.s3, cls, "s3")));
    const puts = (H * 3600 * inv.encodes.length * inv.archive.pipelines) / inv.archive.segmentSeconds;
    lines.push(line("S3", "archive segment uploads (1k PUT)", puts / 1000, price(prices.s3, "put_per_1k", "s3")));
    // Each object recorded is moved once by every lifecycle transition that happens before it expires.
    for (const cls of ["STANDARD_IA", "GLACIER_IR"] as const)
      if (days[cls] > 0)
        lines.push(line("S3", `lifecycle transitions to ${cls} (1k requests)`, puts / 1000, price(prices.s3, `transition_${cls}_per_1k`, "s3")));
    assumptions.push(
      `archive: ${monthlyGb.toFixed(2)} GB recorded a month${usage.archiveGb !== undefined ? " (set)" : ""}, steady state after ${archive.retentionDays} days of recording`,
    );
  }
  if (inv.vodRenditions.length) {
    for (const e of inv.vodRenditions) {
      const tier = e.codec === "HEVC" ? "professional" : "basic";
      const key = e.kind === "audio" ? "basic_AVC_SD_UPTO30" : `${tier}_${e.codec}_${e.resolution}_${e.fps === 60 ? "OVER30" : "UPTO30"}`;
      lines.push(
        line(
          "MediaConvert",
          `rendition ${e.name}${e.kind === "audio" ? " (audio, SD rate)" : ""}`,
          usage.vodMinutesPerMonth,
          price(prices.mediaconvert, key, "mediaconvert"),
        ),
      );
    }
    assumptions.push(
      `MediaConvert: ${usage.vodMinutesPerMonth} source minutes per month, one output minute per output of the job template (${inv.vodRenditions.length}, thumbnails not priced)`,
    );
  }
  const small = prices.small;
  if (inv.alarms) lines.push(line("Other", `CloudWatch alarms (${inv.alarms})`, inv.alarms, price(small, "cloudwatch_alarm_per_month", "small")));
  if (inv.secrets) lines.push(line("Other", "Secrets Manager stream keys", inv.secrets, price(small, "secrets_manager_per_secret_month", "small")));
  if (inv.eventRules && inv.channelClass) {
    const events = Math.max(2, Math.ceil(H / 2) * 2) / 1e6; // a start and a stop per two-hour show
    lines.push(line("Other", "EventBridge events (million)", events, price(small, "eventbridge_per_million_events", "small")));
    lines.push(line("Other", "Step Functions express requests (million)", events, price(small, "step_functions_express_per_million_requests", "small")));
  }
  if (inv.watchFolderTransitionsPerJob && usage.vodMinutesPerMonth > 0) {
    const jobs = Math.ceil(usage.vodMinutesPerMonth / VOD_MINUTES_PER_UPLOAD);
    lines.push(
      line(
        "Other",
        `Step Functions watch folder (${jobs} uploads, 1k transitions)`,
        (jobs * inv.watchFolderTransitionsPerJob) / 1000,
        price(small, "step_functions_standard_per_1k_transitions", "small"),
      ),
    );
    assumptions.push(`VOD uploads of ${VOD_MINUTES_PER_UPLOAD} min on average, ${inv.watchFolderTransitionsPerJob} state transitions each`);
  }
  if (inv.schedulerInvocationsPerMonth)
    lines.push(
      line(
        "Other",
        "EventBridge Scheduler invocations (million)",
        inv.schedulerInvocationsPerMonth / 1e6,
        price(small, "scheduler_per_million_invocations", "small"),
      ),
    );
  if (inv.kmsKeys) {
    lines.push(line("Other", `KMS customer managed keys (${inv.kmsKeys})`, inv.kmsKeys, price(small, "kms_key_per_month", "small")));
    assumptions.push("KMS: the keys' requests (Budgets publishing a notification, SNS delivering it) stay within the free 20,000 a month");
  }
  if (inv.channelLogs && inv.channelClass) {
    const logGb = usage.logGb ?? H * LOG_GB_PER_LIVE_HOUR;
    lines.push(line("Other", "CloudWatch Logs ingestion (channel logs)", logGb, price(small, "cloudwatch_logs_ingest_per_gb", "small")));
    lines.push(line("Other", "CloudWatch Logs storage", logGb, price(small, "cloudwatch_logs_storage_per_gb_month", "small")));
    assumptions.push(
      `channel logs: ${logGb.toFixed(3)} GB a month${usage.logGb !== undefined ? " (set)" : ` (${LOG_GB_PER_LIVE_HOUR * 1000} MB per live hour)`}`,
    );
  }

  if (inv.viewerLogs && inv.cdn) {
    // One log line per CDN request, kept retentionDays in the logs bucket (S3 Standard, the pipeline's region).
    const logGb = (cdnRequests * VIEWER_LOG_BYTES_PER_REQUEST) / 1e9;
    const days = inv.viewerLogs.retentionDays;
    const hoursWithViewers = Math.min(HOURS_PER_MONTH, (inv.channelClass && liveViewingHours > 0 ? H : 0) + (vodViewingHours > 0 ? HOURS_PER_MONTH : 0));
    lines.push(line("S3", `viewer logs in STANDARD (${days} days of access logs)`, (logGb * days) / DAYS_PER_MONTH, price(prices.s3, "STANDARD", "s3")));
    lines.push(line("S3", "viewer log deliveries (1k PUT)", (hoursWithViewers * VIEWER_LOG_OBJECTS_PER_HOUR) / 1000, price(prices.s3, "put_per_1k", "s3")));
    // CloudWatch Logs bills the delivery of vended logs to S3 by the GB; the table has no verified rate for it.
    lines.push(line("Other", "CloudFront standard logging v2 delivery to S3 (GB)", logGb, price(small, "vended_logs_delivery_s3_per_gb", "small")));
    assumptions.push(
      `viewer logs: ${logGb.toFixed(3)} GB a month (${VIEWER_LOG_BYTES_PER_REQUEST} bytes per request logged, one per CDN request), kept ${days} days; ${VIEWER_LOG_OBJECTS_PER_HOUR} log objects per hour with viewers; Athena queries (billed per TB scanned) not included`,
    );
  }

  const failoverFrom = lines.length;
  if (inv.failover && inv.channelClass) {
    // Doubled in the failover region: the channel, its MediaPackage v2 ingest, its logs, and its events sent to the pipeline bus.
    const f = inv.failover;
    const where = ` (failover, ${f.region})`;
    const fp = regionPrices(table, f.region);
    lines.push(...channelLines(f, fp.medialive, H, where));
    const fPipelines = f.channelClass === "STANDARD" ? 2 : 1;
    if (f.packaged)
      lines.push(
        line(
          "MediaPackage",
          `ingest${where}`,
          gbFor(
            f.encodes.reduce((sum, e) => sum + e.kbps, 0),
            H,
          ) * fPipelines,
          at(fp.mediapackage.ingest_per_gb, "mediapackage.ingest_per_gb"),
        ),
      );
    if (f.eventRules) {
      const events = Math.max(2, Math.ceil(H / 2) * 2) / 1e6;
      lines.push(line("Other", `EventBridge events sent cross-region (million)${where}`, events, price(fp.small, "eventbridge_per_million_events", "small")));
      lines.push(
        line(
          "Other",
          "Step Functions express requests, failover channel's events (million)",
          events,
          price(small, "step_functions_express_per_million_requests", "small"),
        ),
      );
    }
    if (f.channelLogs) {
      const logGb = usage.logGb ?? H * LOG_GB_PER_LIVE_HOUR;
      lines.push(line("Other", `CloudWatch Logs ingestion (channel logs)${where}`, logGb, price(fp.small, "cloudwatch_logs_ingest_per_gb", "small")));
      lines.push(line("Other", `CloudWatch Logs storage${where}`, logGb, price(fp.small, "cloudwatch_logs_storage_per_gb_month", "small")));
    }
    assumptions.push(
      `failover region ${f.region}: a second ${f.channelClass} channel (${f.channelOutputs.length} outputs, MediaPackage only) runs the same ${H} hours; one CloudFront distribution and one archive, not doubled; CloudFront pulls from the failover origin only on failover (not priced)`,
    );
  }

  const failoverLines = lines.slice(failoverFrom);
  if (inv.ivs) lines.push(...ivsLines(inv.ivs, usage));
  if (inv.adInsertion && inv.channelClass) {
    const adsPerHour = usage.adsPerViewerHour ?? DEFAULT_ADS_PER_VIEWER_HOUR;
    lines.push(adInsertionLine(liveViewingHours, adsPerHour));
    assumptions.push(
      `ad insertion: ${adsPerHour} ads per viewer-hour x ${liveViewingHours.toFixed(1)} live viewer-hours = ${Math.round(liveViewingHours * adsPerHour)} ads inserted a month (usage.ads_per_viewer_hour); MediaTailor's ad transcodes beyond its included 10 per 1,000 insertions, the ad decision server and ad segment delivery are not included`,
    );
  }

  const priced = lines.filter((l) => l.usd !== null);
  const unpriced = lines.filter((l) => l.usd === null && l.quantity > 0);
  const byService: Record<string, number> = {};
  for (const l of priced) byService[l.service] = (byService[l.service] ?? 0) + l.usd!;
  const monthlyUsd = priced.reduce((s, l) => s + l.usd!, 0);
  // Lines that do not grow with live hours: idle inputs, the "Other" services (logs, events, keys), MediaConvert.
  const isFixed = (l: LineItem) => l.item.startsWith("idle") || l.service === "Other" || l.service === "MediaConvert";
  const fixed = priced.filter(isFixed).reduce((s, l) => s + l.usd!, 0);
  const failoverHourly = failoverLines.filter((l) => !isFixed(l) && l.quantity > 0);
  if (unpriced.length)
    assumptions.push(
      `${unpriced.length} line${unpriced.length > 1 ? "s have" : " has"} no published ${inv.region}${inv.failover ? ` or ${inv.failover.region}` : ""} price in the table (run blackwell media cost refresh-prices --region ${inv.region}${inv.failover ? ` and --region ${inv.failover.region}` : ""}): the monthly figure is a lower bound`,
    );
  return {
    pipeline_id: inv.pipeline_id,
    region: inv.region,
    pricesAsOf: table.as_of,
    usage,
    assumptions,
    lines,
    unpriced,
    byService,
    monthlyUsd,
    perLiveHourUsd: H > 0 ? (monthlyUsd - fixed) / H : 0,
    ...(inv.failover && inv.channelClass
      ? {
          failoverPerLiveHour: {
            usd: H > 0 ? failoverHourly.reduce((sum, l) => sum + (l.usd ?? 0), 0) / H : 0,
            complete: failoverHourly.every((l) => l.usd !== null),
          },
        }
      : {}),
  };
}

/**
 * backend ivs: the IVS quantities (input hours by channel type, viewer-hours delivered, recording storage). The price
 * table holds no IVS rate that could be checked against AWS's published pricing, so every line is unpriced (usd null)
 * and the estimate says its monthly figure is a lower bound; no rate is guessed.
 */
export function ivsLines(ivs: NonNullable<Inventory["ivs"]>, usage: Usage): LineItem[] {
  const unpriced = (item: string, quantity: number, unit: string, priceKey: string): LineItem => ({
    service: "IVS",
    item,
    quantity,
    unit,
    unitUsd: null,
    usd: null,
    source: "not in the price table: no verified Amazon IVS rate",
    priceKey,
    status: "unpriced",
  });
  return [
    unpriced(`video input (${ivs.channelType} channel)`, usage.liveHoursPerMonth, "hour", `ivs.input_per_hour.${ivs.channelType}`),
    unpriced("video output delivered to viewers", (usage.viewers * usage.watchMinutesPerViewer) / 60, "viewer-hour", "ivs.output_per_hour"),
    ...(ivs.recorded ? [unpriced("recordings in S3 (size depends on IVS's renditions)", usage.liveHoursPerMonth, "recorded hour", "ivs.recording_s3")] : []),
  ];
}

/**
 * MediaTailor bills ad insertion per 1,000 ads inserted. The line stays unpriced: the price table has no MediaTailor rate
 * checked against AWS's pricing page (the page's English text in reach gives no figure), so no rate is guessed.
 */
export function adInsertionLine(liveViewingHours: number, adsPerViewerHour: number): LineItem {
  return {
    service: "MediaTailor",
    item: "ad insertions (1,000 ads)",
    quantity: (liveViewingHours * adsPerViewerHour) / 1000,
    unit: "1,000 ads inserted",
    unitUsd: null,
    usd: null,
    source: "not in the price table: no verified MediaTailor rate (https://aws.amazon.com/mediatailor/pricing/)",
    priceKey: "mediatailor.ad_insertion_per_1k",
    status: "unpriced",
  };
}

/** A channel's MediaLive lines: each input and each output for the running hours, the idle channel and idle push inputs. */
function channelLines(
  channel: { channelClass: string; inputs: Inventory["inputs"]; channelOutputs: NonNullable<Inventory["channelOutputs"]> },
  ml: RegionPrices["medialive"],
  H: number,
  where: string,
): LineItem[] {
  const lines: LineItem[] = [];
  const cls = channel.channelClass;
  for (const input of channel.inputs)
    lines.push(
      line(
        "MediaLive",
        `input ${input.id} (${input.resolution}, up to ${input.maxMbps} Mbps)${where}`,
        H,
        price(ml.input_per_hour, inputKey(cls, input), "medialive.input_per_hour"),
      ),
    );
  // AWS bills every output of every output group (shared encodes included), at the rate of its encode's characteristics.
  for (const { group, encode: e } of channel.channelOutputs)
    lines.push(
      line(
        "MediaLive",
        `output ${group}/${e.name} (${e.kind === "audio" ? "audio only" : `${e.resolution} ${e.codec} ${BITRATE_LABEL[bitrateClass(e.kbps / 1000)]} Mbps ${e.fps === 60 ? ">30" : "≤30"} fps`})${where}`,
        H,
        price(ml.output_per_hour, outputKey(cls, e), "medialive.output_per_hour"),
      ),
    );
  const idle = Math.max(0, HOURS_PER_MONTH - H);
  lines.push(line("MediaLive", `idle channel (stopped)${where}`, idle, at(ml.idle_channel_per_hour, "medialive.idle_channel_per_hour")));
  const pushInputs = channel.inputs.filter((i) => i.push).length;
  if (pushInputs)
    lines.push(
      line("MediaLive", `idle push inputs (${pushInputs})${where}`, idle * pushInputs, at(ml.idle_push_input_per_hour, "medialive.idle_push_input_per_hour")),
    );
  return lines;
}

/** Days since the table's as_of date; estimates warn past 180. */
export function priceTableAgeDays(table: PriceTable, today: Date): number {
  return Math.floor((today.getTime() - Date.parse(`${table.as_of}T00:00:00Z`)) / 86_400_000);
}
