/**
 * An SRT caller input is billed like any MediaLive input (channel class, codec, resolution, maximum bitrate): priced where
 * the table has the rate, shown unpriced where it has none, and read back from a terraform plan, where it is an
 * aws_cloudformation_stack rather than an aws_medialive_input.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { estimate } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { renderModule } from "../../src/synth/module-writer";

const table = loadPriceTable();
const usage = {
  liveHoursPerMonth: 10,
  viewers: 0,
  watchMinutesPerViewer: 0,
  watchedBitrateKbps: 0,
  vodMinutesPerMonth: 0,
  vodViewsPerMonth: 0,
  freeTier: false,
};
const resolved = (tier: string) =>
  resolvePipeline(
    {
      pipeline_id: "srt_cost",
      pipeline_type: "live_stream",
      sources: [{ type: "srt", id: "field", url: "srt://203.0.113.10:7001", ...(tier === "enterprise" ? { backup_url: "srt://203.0.113.11:7001" } : {}) }],
      transcode_profiles: ["720p"],
      outputs: ["cloudfront"],
      region: "us-east-1",
      tier,
    } as never,
    loadCatalog(),
  );
const inputLine = (tier: string) => estimate(inventoryOfPipeline(resolved(tier)), usage, table).lines.find((l) => l.item.startsWith("input field"))!;

test("a STANDARD channel's SRT input is priced at the checked standard HD input rate, and has no idle push-input charge", () => {
  const line = inputLine("enterprise");
  expect(line).toMatchObject({ service: "MediaLive", item: "input field (HD, up to 20 Mbps)", priceKey: "medialive.input_per_hour.STANDARD_AVC_HD_10TO20" });
  expect(line.usd).toBeCloseTo(10 * table.regions["us-east-1"].medialive.input_per_hour.STANDARD_AVC_HD_10TO20.usd!, 6);
  expect(estimate(inventoryOfPipeline(resolved("enterprise")), usage, table).lines.some((l) => l.item.startsWith("idle push inputs"))).toBe(false);
});

test("a single-pipeline SRT input's rate is not in the table: it is shown unpriced, never invented", () => {
  const line = inputLine("development");
  expect(line.priceKey).toBe("medialive.input_per_hour.SINGLE_PIPELINE_AVC_HD_10TO20");
  expect(table.regions["us-east-1"].medialive.input_per_hour.SINGLE_PIPELINE_AVC_HD_10TO20?.usd ?? null).toBeNull();
  expect(line.usd).toBeNull();
});

test("read back from a plan, the stack's MediaLive input is the same input the definition's inventory has", () => {
  const p = resolved("enterprise");
  const medialive = JSON.parse(renderModule(p).files.get("medialive.tf.json")!);
  const resources = [
    { mode: "managed", type: "aws_medialive_channel", name: "main", values: medialive.resource.aws_medialive_channel.main },
    { mode: "managed", type: "aws_cloudformation_stack", name: "field", values: medialive.resource.aws_cloudformation_stack.field },
  ];
  const plan = { planned_values: { root_module: { child_modules: [{ address: "module.srt_cost", resources }] } } };
  const [fromPlan] = inventoriesOfPlan(plan);
  expect(fromPlan.inputs).toEqual(inventoryOfPipeline(p).inputs);
  expect(fromPlan.inputs).toEqual([{ id: "field", resolution: "HD", maxMbps: 20, push: false }]);
});
