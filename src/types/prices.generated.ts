/* Generated from schemas/prices.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * AWS list prices the cost estimator uses, per region, each with the page it came from.
 */
export interface PriceTable {
  $schema?: string;
  as_of: string;
  currency: "USD";
  note: string;
  regions: {
    [k: string]: RegionPrices;
  };
}
/**
 * This interface was referenced by `PriceTable`'s JSON-Schema
 * via the `definition` "RegionPrices".
 */
export interface RegionPrices {
  medialive: {
    input_per_hour: PriceMap;
    output_per_hour: PriceMap1;
    idle_channel_per_hour: Price;
    idle_push_input_per_hour: Price;
    data_transfer_out_per_gb: Price1;
  };
  mediapackage: {
    ingest_per_gb: Price;
    origination_per_gb: Price;
  };
  cloudfront: {
    /**
     * @minItems 1
     */
    transfer_per_gb_tiers: TransferTier[];
    https_per_10k_requests: Price;
    free_tier_gb: Price;
    free_tier_requests: Price;
  };
  s3: PriceMap2;
  mediaconvert: PriceMap3;
  small: PriceMap4;
}
/**
 * Keys <SINGLE_PIPELINE|STANDARD>_<codec>_<SD|HD|UHD>_<UNDER10|10TO20|OVER20> (channel class, input codec, resolution, maximum input bitrate class in Mbps), as the Price List offer's pipeline, codec, resolution and bit rate dimensions.
 */
export interface PriceMap {
  [k: string]: Price;
}
/**
 * This interface was referenced by `PriceTable`'s JSON-Schema
 * via the `definition` "Price".
 */
export interface Price {
  /**
   * USD per unit; null when no published figure for this region was found (the estimate reports the line as unpriced).
   */
  usd: number | null;
  unit: string;
  /**
   * Where the figure was read: an AWS published cost example (status checked), the pricing page, or the Price List API.
   */
  source: string;
  /**
   * checked: matches an AWS published example; unchecked: transcribed from the pricing page; unavailable: no published figure (usd null); price-list: read from the AWS Price List API by refresh-prices.
   */
  status: "checked" | "unchecked" | "unavailable" | "price-list";
  /**
   * When the figure was read.
   */
  as_of: string;
  note?: string;
}
/**
 * Keys <SINGLE_PIPELINE|STANDARD>_<AVC|HEVC>_<SD|HD|UHD>_<UNDER10|10TO20|OVER20>_<UPTO30|OVER30> (channel class, codec, resolution, output bitrate class in Mbps, frame-rate class) and <class>_AUDIO for audio-only outputs.
 */
export interface PriceMap1 {
  [k: string]: Price;
}
/**
 * Data sent from MediaLive to destinations outside AWS (RTMP simulcast).
 */
export interface Price1 {
  /**
   * USD per unit; null when no published figure for this region was found (the estimate reports the line as unpriced).
   */
  usd: number | null;
  unit: string;
  /**
   * Where the figure was read: an AWS published cost example (status checked), the pricing page, or the Price List API.
   */
  source: string;
  /**
   * checked: matches an AWS published example; unchecked: transcribed from the pricing page; unavailable: no published figure (usd null); price-list: read from the AWS Price List API by refresh-prices.
   */
  status: "checked" | "unchecked" | "unavailable" | "price-list";
  /**
   * When the figure was read.
   */
  as_of: string;
  note?: string;
}
/**
 * This interface was referenced by `PriceTable`'s JSON-Schema
 * via the `definition` "TransferTier".
 */
export interface TransferTier {
  /**
   * Upper bound of the tier in GB per month; null for the last tier.
   */
  up_to_gb: number | null;
  /**
   * USD per unit; null when no published figure for this region was found (the estimate reports the line as unpriced).
   */
  usd: number | null;
  unit: string;
  /**
   * Where the figure was read: an AWS published cost example (status checked), the pricing page, or the Price List API.
   */
  source: string;
  /**
   * checked: matches an AWS published example; unchecked: transcribed from the pricing page; unavailable: no published figure (usd null); price-list: read from the AWS Price List API by refresh-prices.
   */
  status: "checked" | "unchecked" | "unavailable" | "price-list";
  /**
   * When the figure was read.
   */
  as_of: string;
  note?: string;
}
/**
 * Storage classes per GB-month, put_per_1k, and transition_<CLASS>_per_1k lifecycle transition requests.
 */
export interface PriceMap2 {
  [k: string]: Price;
}
/**
 * Keys <basic|professional>_<AVC|HEVC>_<SD|HD|UHD>_<UPTO30|OVER30> per normalized output minute (tier, codec, resolution, frame-rate class; single-pass quality).
 */
export interface PriceMap3 {
  [k: string]: Price;
}
/**
 * This interface was referenced by `PriceTable`'s JSON-Schema
 * via the `definition` "PriceMap".
 */
export interface PriceMap4 {
  [k: string]: Price;
}
