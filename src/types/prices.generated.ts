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
    standard_channel_multiplier: Price;
    idle_channel_per_hour: Price;
    idle_push_input_per_hour: Price;
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
 * Keys <SD|HD|UHD>_<10|20|50> (resolution class, maximum input Mbps).
 */
export interface PriceMap {
  [k: string]: Price;
}
/**
 * This interface was referenced by `PriceTable`'s JSON-Schema
 * via the `definition` "Price".
 */
export interface Price {
  usd: number;
  unit: string;
  source: string;
}
/**
 * Keys <SD|HD|UHD>_<AVC|HEVC>_<30|60> (frame rate up to 30 or above), and AUDIO.
 */
export interface PriceMap1 {
  [k: string]: Price;
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
  usd: number;
  unit: string;
  source: string;
}
/**
 * Storage classes per GB-month, and put_per_1k.
 */
export interface PriceMap2 {
  [k: string]: Price;
}
/**
 * Keys <basic|professional>_<AVC|HEVC>_<SD|HD|UHD> per normalized minute.
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
