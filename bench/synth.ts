/**
 * Benchmarks the user's hot paths and prints figures (no thresholds: numbers to watch, not tests):
 * CLI start-up for --help and validate, validation throughput, and synthesis time and memory per module.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadPipelines } from "../src/core/definitions";
import { projectPath } from "../src/core/project-paths";
import { checkPipelineDocument } from "../src/core/definitions";

const CLI = path.resolve(__dirname, "..", "src", "cli", "run.js");

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCli(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`blackwell ${args.join(" ")} failed: ${r.stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function runSynthBenchmarks(print: (line: string) => void = console.log): Promise<void> {
  print(`cli: blackwell media --help           median ${timeCli(["media", "--help"], 9).toFixed(0)} ms (9 runs)`);
  print(`cli: blackwell media validate examples median ${timeCli(["media", "validate", projectPath("examples")], 5).toFixed(0)} ms (5 runs)`);

  const seed = JSON.parse(JSON.stringify(loadPipelines([projectPath("examples", "studio_live_feed.json")]).pipelines[0].definition));
  const n = 2000;
  let started = performance.now();
  for (let i = 0; i < n; i++) checkPipelineDocument({ ...seed, pipeline_id: `bench_${i}` }, "bench.json");
  print(`validate: ${n} definitions in ${(performance.now() - started).toFixed(0)} ms (${((performance.now() - started) / n).toFixed(3)} ms each)`);

  const { pipelines } = loadPipelines([projectPath("examples")]);
  started = performance.now();
  const { renderPipelineModule: renderModule } = await import("../src/synth/module-render");
  print(`synth: generator and provider bindings load in ${(performance.now() - started).toFixed(0)} ms`);
  const rounds = 5;
  const rssBefore = process.memoryUsage().rss;
  started = performance.now();
  let bytes = 0;
  for (let r = 0; r < rounds; r++) for (const p of pipelines) for (const content of renderModule(p.resolved).files.values()) bytes += content.length;
  const ms = performance.now() - started;
  print(
    `synth: ${rounds * pipelines.length} modules in ${ms.toFixed(0)} ms (${(ms / (rounds * pipelines.length)).toFixed(1)} ms each, ${(bytes / rounds / 1024).toFixed(0)} KiB per round)`,
  );
  print(`synth: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (grew ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB)`);
}

if (require.main === module) {
  runSynthBenchmarks().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
