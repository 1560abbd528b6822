/** Estimates 10 000 pipelines (the examples, repeated with varied usage) and prints the time. */
import { loadPipelines } from "../src/core/definitions";
import { projectPath } from "../src/core/project-paths";
import { estimate } from "../src/cost/estimate";
import { inventoryOfPipeline } from "../src/cost/inventory";
import { loadPriceTable } from "../src/cost/prices";
import { usageFor } from "../src/cost/usage";

export function runCostBenchmark(print: (line: string) => void = console.log, count = 10_000): void {
  const table = loadPriceTable();
  const pipelines = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
  const started = performance.now();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const p = pipelines[i % pipelines.length];
    total += estimate(inventoryOfPipeline(p), usageFor(p, { hours: (i % 200) + 1, viewers: i % 5000 }).usage, table).monthlyUsd;
  }
  const ms = performance.now() - started;
  print(`cost: ${count} pipeline estimates in ${ms.toFixed(0)} ms (${((ms * 1000) / count).toFixed(1)} µs each; checksum $${total.toFixed(0)})`);
}

if (require.main === module) runCostBenchmark();
