/**
 * Server-side ad insertion in the cost estimate: the inventory (from the plan, and from a Terraform plan's awscc
 * resources) carries the MediaTailor playback configuration, and the estimate lists ads inserted (live viewer-hours x
 * usage.ads_per_viewer_hour, printed) as an unpriced line: the price table has no verified MediaTailor rate.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { estimate } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { usageFor } from "../../src/cost/usage";
import { formatUsage } from "../../src/cost/report";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const def: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
  ad_markers: {},
  ad_insertion: { ad_decision_server_url: "https://ads.example.com/vast" },
};
const catalog = loadCatalog();

test("without ad_insertion the inventory and the estimate have no MediaTailor entries", () => {
  const { ad_insertion: _a, ...plain } = def;
  const p = resolvePipeline(plain, catalog);
  expect(inventoryOfPipeline(p).adInsertion).toBeUndefined();
  const e = estimate(inventoryOfPipeline(p), usageFor(p, {}).usage, loadPriceTable());
  expect(e.lines.filter((l) => l.service === "MediaTailor")).toEqual([]);
});

test("ads inserted = live viewer-hours x ads per viewer-hour / 1000, unpriced, with the assumption printed", () => {
  const p = resolvePipeline({ ...def, usage: { ads_per_viewer_hour: 12 } }, catalog);
  const inv = inventoryOfPipeline(p);
  expect(inv.adInsertion).toEqual({ playbackConfigurations: 1 });
  const { usage, from } = usageFor(p, { viewers: 1000, watchMinutes: 90 });
  const e = estimate(inv, usage, loadPriceTable());
  const ads = e.lines.filter((l) => l.service === "MediaTailor");
  // 1000 viewers x 1.5 h = 1500 viewer-hours; x 12 ads = 18,000 ads = 18 thousand.
  expect(ads).toEqual([expect.objectContaining({ item: "ad insertions (1,000 ads)", quantity: 18, unitUsd: null, usd: null })]);
  expect(e.unpriced).toEqual(expect.arrayContaining(ads));
  expect(e.assumptions.join("\n")).toMatch(/12 ads per viewer-hour x 1500\.0 live viewer-hours = 18000 ads inserted/);
  expect(formatUsage(e, from)).toContain("12 ads per viewer-hour [definition]");
  // Left unset, the stated default (8) is used and labelled as a default.
  const d = resolvePipeline(def, catalog);
  const du = usageFor(d, { viewers: 1000, watchMinutes: 90 });
  expect(estimate(inventoryOfPipeline(d), du.usage, loadPriceTable()).lines.find((l) => l.service === "MediaTailor")!.quantity).toBe(12);
  expect(formatUsage(estimate(inventoryOfPipeline(d), du.usage, loadPriceTable()), du.from)).toContain("8 ads per viewer-hour [default]");
});

test("a Terraform plan's MediaTailor playback configuration is read into the inventory too", () => {
  const plan = {
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: "module.ads_live",
            resources: [
              { mode: "managed", type: "aws_cloudfront_distribution", name: "main", address: "module.ads_live.aws_cloudfront_distribution.main", values: {} },
              {
                mode: "managed",
                type: "awscc_mediatailor_playback_configuration",
                name: "main",
                address: "module.ads_live.awscc_mediatailor_playback_configuration.main",
                values: {},
              },
            ],
          },
        ],
      },
    },
  };
  expect(inventoriesOfPlan(plan)[0].adInsertion).toEqual({ playbackConfigurations: 1 });
});
