/**
 * Refreshes the price table from the AWS Price List API (GetProducts), each region from its own
 * offer. MediaLive, MediaConvert and CloudFront products are classified by their attributes into
 * the table's keys (channel class, codec, resolution, bitrate and frame-rate classes; tier; price
 * tiers); the simpler entries use the filters in data/prices/price-list-queries.json. A region new
 * to the table starts with every price unavailable, never a copy of another region's; entries no
 * product matched keep what they had and are reported (and fail the refresh with --strict).
 */
import * as fs from "node:fs";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import type { Price, PriceTable, RegionPrices } from "../types/prices.generated";
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

interface PriceDimension {
  pricePerUnit: { USD?: string };
  beginRange?: string;
  endRange?: string;
  unit?: string;
}
export interface Product {
  sku: string;
  attributes: Record<string, string>;
  dimensions: PriceDimension[];
}

/** A Price List entry (a JSON string: product.attributes, terms.OnDemand...priceDimensions). */
export function parseProduct(entry: unknown): Product {
  const doc = typeof entry === "string" ? JSON.parse(entry) : (entry as Record<string, unknown>);
  const dimensions: PriceDimension[] = [];
  for (const term of Object.values<{ priceDimensions: Record<string, PriceDimension> }>(doc.terms?.OnDemand ?? {}))
    dimensions.push(...Object.values(term.priceDimensions ?? {}));
  return { sku: doc.product?.sku ?? "", attributes: doc.product?.attributes ?? {}, dimensions };
}

/** The first on-demand USD unit price of a product. */
export function onDemandUsd(productJson: string): number | undefined {
  for (const d of parseProduct(productJson).dimensions) {
    const usd = Number(d.pricePerUnit.USD);
    if (Number.isFinite(usd) && d.pricePerUnit.USD !== undefined) return usd;
  }
  return undefined;
}

const firstUsd = (p: Product) =>
  onDemandUsd(JSON.stringify({ terms: { OnDemand: { t: { priceDimensions: Object.fromEntries(p.dimensions.map((d, i) => [i, d])) } } } }));

function bitrateClass(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.replace(/\s/g, "").toLowerCase();
  if (/^<10/.test(t) || /^(l10|under10)/.test(t)) return "UNDER10";
  if (/^10-20/.test(t) || /^10to20/.test(t)) return "10TO20";
  if (/^>20/.test(t) || /^(g20|over20)/.test(t)) return "OVER20";
  return undefined;
}

function frameRateClass(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.replace(/\s/g, "").toLowerCase();
  if (/^<=?30/.test(t)) return "UPTO30";
  if (/^>30/.test(t)) return "OVER30";
  return undefined;
}

const isReserved = (a: Record<string, string>) => (a.reserveType && !/^(na|on ?demand)?$/i.test(a.reserveType)) || /-R$/.test(a.usagetype ?? "");

/** The MediaLive table key a product prices (on-demand inputs, outputs and idle charges), if any. */
export function medialiveKey(a: Record<string, string>): string | undefined {
  if (isReserved(a)) return undefined;
  if (a.operation === "INACTIVE_CHANNEL") return "idle_channel_per_hour";
  if (a.operation === "INACTIVE_INPUT") return "idle_push_input_per_hour";
  const cls = /single/i.test(a.pipeline ?? "") ? "SINGLE_PIPELINE" : /standard|dual/i.test(a.pipeline ?? "") ? "STANDARD" : undefined;
  if (!cls) return undefined;
  if (a.operation === "CHANNEL_INPUT") {
    const b = bitrateClass(a.bitRate);
    return a.codec && a.resolution && b ? `input_per_hour.${cls}_${a.codec.toUpperCase()}_${a.resolution.toUpperCase()}_${b}` : undefined;
  }
  if (a.operation === "CHANNEL_OUTPUT") {
    if (/audio/i.test(`${a.output ?? ""} ${a.codec ?? ""}`)) return `output_per_hour.${cls}_AUDIO`;
    const b = bitrateClass(a.bitRate);
    const f = frameRateClass(a.frameRate);
    return a.codec && a.resolution && b && f ? `output_per_hour.${cls}_${a.codec.toUpperCase()}_${a.resolution.toUpperCase()}_${b}_${f}` : undefined;
  }
  return undefined;
}

/** The MediaConvert key of a product: on-demand, successful, single-pass, no add-on. */
export function mediaconvertKey(a: Record<string, string>): string | undefined {
  if (a.transcodingResult && a.transcodingResult !== "Success") return undefined;
  if (a.addOnFeature) return undefined;
  if (a.videoQualitySetting && !/^single-pass$/i.test(a.videoQualitySetting)) return undefined;
  const tier = /basic/i.test(a.tier ?? "") ? "basic" : /pro/i.test(a.tier ?? "") ? "professional" : undefined;
  const res = a.videoResolution === "4K" ? "UHD" : a.videoResolution;
  const f = frameRateClass(a.videoFrameRate);
  return tier && a.videoCodec && res && f ? `${tier}_${a.videoCodec.toUpperCase()}_${res.toUpperCase()}_${f}` : undefined;
}

export interface RefreshResult {
  table: PriceTable;
  updated: Array<{ region: string; path: string; from: number | null; to: number }>;
  unmatched: Array<{ region: string; path: string }>;
}

type Send = Pick<PricingClient, "send">;

async function getProducts(client: Send, serviceCode: string, filters: Record<string, string>): Promise<Product[]> {
  const products: Product[] = [];
  let NextToken: string | undefined;
  do {
    let response;
    try {
      response = await client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: Object.entries(filters).map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value })),
          MaxResults: 100,
          NextToken,
        }),
      );
    } catch (err) {
      const e = err as Error;
      if (/credential|Could not load|security token|AccessDenied|ExpiredToken|UnrecognizedClient/i.test(`${e.name} ${e.message}`))
        throw new UserError(`the AWS Price List API needs AWS credentials (${e.message}); configure a profile or AWS_ACCESS_KEY_ID, or keep the shipped table`);
      throw err;
    }
    products.push(...(response.PriceList ?? []).map(parseProduct));
    NextToken = response.NextToken;
  } while (NextToken);
  return products;
}

/** A region with the table's shape and no prices: what a region new to the table starts from. */
export function emptyRegion(shape: RegionPrices, region: string, today: string): RegionPrices {
  const blank = (p: Price): Price => ({
    usd: null,
    unit: p.unit,
    source: p.source,
    status: "unavailable",
    as_of: today,
    note: `not yet read from ${region}'s Price List offer`,
  });
  const walk = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(walk)
      : v && typeof v === "object"
        ? "usd" in v && "unit" in v
          ? { ...(v as object), ...blank(v as Price) }
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
        : v;
  return walk(shape) as RegionPrices;
}

const PRICE_LIST_SOURCE = (serviceCode: string, sku: string) =>
  `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${serviceCode}/current/index.json#${sku}`;

export async function refreshPriceTable(table: PriceTable, regions: string[], client: Send, today: Date, queries = loadPriceQueries()): Promise<RefreshResult> {
  const next: PriceTable = JSON.parse(JSON.stringify(table));
  const date = today.toISOString().slice(0, 10);
  const updated: RefreshResult["updated"] = [];
  const unmatched: RefreshResult["unmatched"] = [];
  const shape = next.regions[Object.keys(next.regions)[0]];
  for (const region of regions) {
    next.regions[region] ??= emptyRegion(shape, region, date);
    const rp = next.regions[region] as unknown as Record<string, Record<string, Price>>;
    const set = (path: string, entry: Price | undefined, usd: number, serviceCode: string, sku: string) => {
      if (!entry) return false;
      if (entry.usd !== usd) updated.push({ region, path, from: entry.usd, to: usd });
      Object.assign(entry, { usd, status: "price-list", as_of: date, source: PRICE_LIST_SOURCE(serviceCode, sku) });
      delete entry.note;
      return true;
    };

    // MediaLive: every on-demand product of the region, classified into input/output/idle keys.
    const matched = new Set<string>();
    for (const p of await getProducts(client, "AWSElementalMediaLive", { regionCode: region })) {
      const key = medialiveKey(p.attributes);
      const usd = firstUsd(p);
      if (!key || usd === undefined) continue;
      const [section, name] = key.includes(".") ? key.split(".") : [key, undefined];
      const entry = name ? rp.medialive[section]?.[name as never] : rp.medialive[section];
      if (set(`medialive.${key}`, entry, usd, "AWSElementalMediaLive", p.sku)) matched.add(`medialive.${key}`);
    }
    for (const p of await getProducts(client, "AWSElementalMediaConvert", { regionCode: region })) {
      const key = mediaconvertKey(p.attributes);
      const usd = firstUsd(p);
      if (key && usd !== undefined && set(`mediaconvert.${key}`, rp.mediaconvert[key], usd, "AWSElementalMediaConvert", p.sku))
        matched.add(`mediaconvert.${key}`);
    }
    // CloudFront is one global offer priced by the viewers' location: the table holds United States/Europe prices.
    for (const p of await getProducts(client, "AmazonCloudFront", { fromLocation: "United States" })) {
      const cf = next.regions[region].cloudfront;
      if (p.attributes.usagetype === "US-DataTransfer-Out-Bytes")
        for (const d of p.dimensions) {
          const end = d.endRange === "Inf" || d.endRange === undefined ? null : Number(d.endRange);
          const i = cf.transfer_per_gb_tiers.findIndex((t) => t.up_to_gb === end);
          const usd = Number(d.pricePerUnit.USD);
          if (i >= 0 && Number.isFinite(usd) && set(`cloudfront.transfer_per_gb_tiers[${i}]`, cf.transfer_per_gb_tiers[i], usd, "AmazonCloudFront", p.sku))
            matched.add(`cloudfront.transfer_per_gb_tiers[${i}]`);
        }
      if (p.attributes.usagetype === "US-Requests-Tier2-HTTPS") {
        const usd = firstUsd(p);
        if (
          usd !== undefined &&
          set("cloudfront.https_per_10k_requests", cf.https_per_10k_requests, Math.round(usd * 10000 * 1e6) / 1e6, "AmazonCloudFront", p.sku)
        )
          matched.add("cloudfront.https_per_10k_requests");
      }
    }
    for (const q of queries) {
      const [section, key] = q.path.split(".");
      const hit = (await getProducts(client, q.serviceCode, { regionCode: region, ...q.filters })).find((p) => firstUsd(p) !== undefined);
      if (hit && set(q.path, rp[section]?.[key], firstUsd(hit)!, q.serviceCode, hit.sku)) matched.add(q.path);
    }
    // Everything in the region's table that no product matched: reported, kept as it was.
    const all = (o: unknown, prefix: string): string[] =>
      Array.isArray(o)
        ? o.flatMap((v, i) => all(v, `${prefix}[${i}]`))
        : o && typeof o === "object"
          ? "usd" in o && "unit" in o
            ? [prefix]
            : Object.entries(o).flatMap(([k, v]) => all(v, prefix ? `${prefix}.${k}` : k))
          : [];
    for (const path of all(next.regions[region], "")) if (!matched.has(path) && !path.startsWith("cloudfront.free_tier")) unmatched.push({ region, path });
  }
  next.as_of = date;
  return { table: next, updated, unmatched };
}

/** One line per region: the entries without a Price List match. */
export function formatUnmatched(unmatched: RefreshResult["unmatched"]): string {
  const byRegion = new Map<string, string[]>();
  for (const u of unmatched) byRegion.set(u.region, [...(byRegion.get(u.region) ?? []), u.path]);
  return [...byRegion].map(([region, paths]) => `  ${region} (${paths.length}): ${paths.join(", ")}`).join("\n");
}

/** --strict: any entry without a Price List match fails the refresh before anything is written. */
export function assertAllMatched(result: RefreshResult): void {
  if (result.unmatched.length)
    throw new UserError(
      `refresh-prices --strict: ${result.unmatched.length} entries have no Price List match; nothing written:\n${formatUnmatched(result.unmatched)}`,
    );
}
