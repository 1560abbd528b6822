/**
 * backend ivs in the cost estimate: the inventory carries the IVS channel (and no MediaLive channel), and the estimate
 * lists IVS input, output and recording quantities as unpriced lines (the price table has no verified IVS rate), so the
 * monthly figure is flagged as a lower bound instead of a made-up IVS price.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { estimate } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { usageFor } from "../../src/cost/usage";

const ivs = (extra: object = {}) =>
  resolvePipeline(
    {
      pipeline_id: "ivs_cost",
      pipeline_type: "live_stream",
      backend: "ivs",
      sources: ["rtmp"],
      transcode_profiles: ["abr_1080p"],
      outputs: ["cloudfront", "s3_archive"],
      region: "us-east-1",
      tier: "development",
      ...extra,
    } as never,
    loadCatalog(),
  );

test("the inventory has the IVS channel and no MediaLive channel, packaging, CDN or archive bucket of MediaLive's", () => {
  const inv = inventoryOfPipeline(ivs());
  expect(inv.ivs).toEqual({ channelType: "STANDARD", recorded: true });
  expect(inv).toMatchObject({ channelClass: null, inputs: [], encodes: [], packaged: false, cdn: false, archive: null });
  expect(inventoryOfPipeline(ivs({ transcode_profiles: ["720p"], outputs: ["cloudfront"] })).ivs).toEqual({ channelType: "BASIC", recorded: false });
});

test("IVS input hours and viewer-hours are unpriced quantities; the estimate says it is a lower bound", () => {
  const p = ivs();
  const usage = usageFor(p, { hours: 40, viewers: 100, watchMinutes: 30 }).usage;
  const e = estimate(inventoryOfPipeline(p), usage, loadPriceTable());
  const ivsLines = e.lines.filter((l) => l.service === "IVS");
  expect(ivsLines.map((l) => [l.priceKey, l.quantity, l.usd])).toEqual([
    ["ivs.input_per_hour.STANDARD", 40, null],
    ["ivs.output_per_hour", 50, null],
    ["ivs.recording_s3", 40, null],
  ]);
  expect(e.unpriced).toEqual(expect.arrayContaining(ivsLines));
  expect(e.lines.some((l) => l.service === "MediaLive" || l.service === "MediaPackage" || l.service === "CloudFront")).toBe(false);
  expect(e.assumptions.join("\n")).toMatch(/lower bound/);
});
