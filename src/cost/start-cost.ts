/** What starting a channel costs: the estimator's per-live-hour figure, its monthly estimate and the budget to hold it to. */
import type { LoadedPipeline } from "../core/definitions";
import { loadCatalog } from "../core/catalog";
import { loadPriceTable } from "./prices";
import { estimatePipelines } from "./report";

export interface StartCost {
  per_hour_usd: number;
  monthly_usd: number;
  /** The flag's budget, else the definition's automation.max_cost_per_month. */
  budget_usd?: number;
  /** Of per_hour_usd, what the failover region's channel adds; `complete` false when some of its hours have no price. */
  failover_per_hour?: { usd: number; complete: boolean };
}

export function startCost(pipeline: LoadedPipeline, budgetFlag?: number): StartCost {
  const [e] = estimatePipelines([pipeline], {}, loadPriceTable(), loadCatalog());
  return {
    per_hour_usd: e.perLiveHourUsd,
    monthly_usd: e.monthlyUsd,
    budget_usd: budgetFlag ?? pipeline.definition.automation?.max_cost_per_month,
    ...(e.failoverPerLiveHour ? { failover_per_hour: e.failoverPerLiveHour } : {}),
  };
}
