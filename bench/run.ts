/** `npm run bench`: every benchmark, figures printed (no thresholds). */
import { runSynthBenchmarks } from "./synth";
import { runCostBenchmark } from "./cost";
import { runFleetSynthBenchmark } from "./fleet-synth";
import { runFleetLocalBenchmark } from "./fleet-local";

async function main(): Promise<void> {
  await runSynthBenchmarks();
  runFleetSynthBenchmark();
  runCostBenchmark();
  runFleetLocalBenchmark();
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
