/** The estimate reads the automation from the same plan as the Terraform: schedule hours, idle-stop cap, budget, archive tiering. */
import * as fs from "node:fs";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { resolvePipeline } from "../../src/core/resolve";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { estimate } from "../../src/cost/estimate";
import { loadPriceTable } from "../../src/cost/prices";
import { estimatePipelines, formatEstimate } from "../../src/cost/report";
import { usageFor } from "../../src/cost/usage";
import { automationPlan } from "../../src/plans/automation";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const catalog = loadCatalog();
const table = loadPriceTable();
const weekly = JSON.parse(fs.readFileSync(projectPath("examples", "weekly-classes.json"), "utf8")) as PipelineDefinition;
const estimateOf = (def: PipelineDefinition, flags = {}) => {
  const resolved = resolvePipeline(def, catalog);
  return estimatePipelines([{ file: "x.json", definition: def, resolved }], flags, table, catalog)[0];
};

test("the schedule gives the month's channel hours, the same number the Terraform's schedules imply; --hours still wins", () => {
  const e = estimateOf(weekly);
  const scheduled = automationPlan(resolvePipeline(weekly, catalog))!.scheduledHoursPerMonth!;
  expect(e.usage.liveHoursPerMonth).toBe(scheduled);
  expect(e.usageFrom.live_hours_per_month).toBe("schedule");
  const byHand = estimate(inventoryOfPipeline(resolvePipeline(weekly, catalog)), usageFor(resolvePipeline(weekly, catalog), { hours: scheduled }).usage, table);
  expect(e.monthlyUsd).toBeCloseTo(byHand.monthlyUsd, 9);
  const flagged = estimateOf(weekly, { hours: 100 });
  expect([flagged.usage.liveHoursPerMonth, flagged.usageFrom.live_hours_per_month, flagged.automation!.hours_from]).toEqual([100, "flag", "flag"]);
});

test("idle stop caps a channel left running; without it the whole month is at risk", () => {
  const e = estimateOf(weekly);
  const starts = 2 * (365.25 / 12 / 7);
  expect(e.automation!.unattended_hours).toBeCloseTo(e.usage.liveHoursPerMonth + starts * (1 + 5 / 60), 9);
  expect(e.automation!.unattended_monthly_usd).toBeGreaterThan(e.monthlyUsd);
  const without = estimateOf({ ...weekly, automation: { ...weekly.automation, scale_down_after_hours: undefined } });
  expect(without.automation!.unattended_hours).toBe(744);
  expect(without.automation!.unattended_monthly_usd).toBeGreaterThan(e.automation!.unattended_monthly_usd * 5);
});

test("the budget is compared with the estimate, with a warning when the estimate is above it", () => {
  expect(estimateOf(weekly).automation).toMatchObject({ budget_usd: 250, over_budget: false });
  expect(estimateOf(weekly).automation).not.toHaveProperty("warning");
  const tight = estimateOf({ ...weekly, automation: { ...weekly.automation, max_cost_per_month: 20 } });
  expect(tight.automation).toMatchObject({ budget_usd: 20, over_budget: true });
  expect(tight.automation!.warning).toBe(
    `warning: weekly-classes is estimated at $${tight.monthlyUsd.toFixed(2)} a month, above its budget (automation.max_cost_per_month) of $20.00`,
  );
  expect(formatEstimate(tight)).toContain(tight.automation!.warning!);
  expect(estimateOf({ ...weekly, automation: undefined })).not.toHaveProperty("automation");
});

test("archive tiering is priced: recordings spend their first 30 days in STANDARD and the rest in GLACIER_IR", () => {
  const items = estimateOf(weekly)
    .lines.map((l) => l.item)
    .filter((i) => i.startsWith("archive in"));
  expect(items).toEqual(["archive in STANDARD (30 days of each recording)", "archive in GLACIER_IR (335 days of each recording)"]);
});
