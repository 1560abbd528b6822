/**
 * Synth at platform scale (issue 20): one pipeline, and a 500-creator template, through the CLI as a user runs them,
 * beside the serial path without the creation-stack patch (BLACKWELL_SYNTH_WORKERS=0, BLACKWELL_CDKTF_STACK_TRACES=1).
 * Median wall time and median peak memory (whole process, workers included) of BENCH_RUNS runs (default 3); the goals
 * are printed beside the figures, never asserted (the machine may be shared).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../src/core/project-paths";
import { renderWorkerCount } from "../src/synth/render-pool";

const CLI = path.resolve(__dirname, "..", "src", "cli", "run.js");
const PEAK_RSS = path.resolve(__dirname, "peak-rss.js");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Run {
  ms: number;
  /** CPU time of every thread: on a busy shared machine it says more about the work done than wall time. */
  cpuMs: number;
  peakMiB: number;
}

function synthOnce(definitions: string, out: string, env: NodeJS.ProcessEnv): Run {
  fs.rmSync(out, { recursive: true, force: true });
  // The previous run's thousands of files are deleted: flush that to disk first, or the filesystem's deferred work for
  // it (measured here: up to 3 s of kernel time for 500 modules) lands in the run being timed.
  spawnSync("sync");
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--require", PEAK_RSS, CLI, "media", "synth", definitions, "--out", out, "--json"], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`synth ${definitions} failed: ${r.stderr}`);
  const kb = Number(/BENCH_PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1]);
  const cpuMs = Number(/BENCH_CPU_MS=(\d+)/.exec(r.stderr)?.[1]);
  return { ms, cpuMs, peakMiB: kb / 1024 };
}

/**
 * CPU time of starting node and loading what a synth loads (CDKTF, the provider bindings a plain live pipeline needs,
 * the generators) without rendering anything: the floor under the one-pipeline figure, which no change to our own rendering can go below.
 */
function loadFloorCpuMs(runs: number): number {
  const renderer = path.resolve(__dirname, "..", "src", "synth", "module-render.js");
  const deferral = path.resolve(__dirname, "..", "generators", "cdktf-lazy-dependencies.js");
  // As src/synth/render-job.ts loads them: the deferral of cdktf's unused dependencies first.
  const load = `require(${JSON.stringify(deferral)}).deferCdktfDependencies(); require(${JSON.stringify(renderer)})`;
  const once = () => {
    const r = spawnSync(process.execPath, ["--require", PEAK_RSS, "-e", load], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`loading the renderer failed: ${r.stderr}`);
    return Number(/BENCH_CPU_MS=(\d+)/.exec(r.stderr)?.[1]);
  };
  return median(Array.from({ length: runs }, once));
}

function measure(definitions: string, out: string, env: NodeJS.ProcessEnv, runs: number): Run {
  const all = Array.from({ length: runs }, () => synthOnce(definitions, out, env));
  return { ms: median(all.map((r) => r.ms)), cpuMs: median(all.map((r) => r.cpuMs)), peakMiB: median(all.map((r) => r.peakMiB)) };
}

/** A template of `count` creators: the example template's defaults, its three creator shapes in turn. */
export function writeFleetTemplate(dir: string, count: number): string {
  const example = JSON.parse(fs.readFileSync(projectPath("examples", "creator-channel.template.json"), "utf8")) as Record<string, unknown>;
  const shapes = example.creators as Array<string | { id: string }>;
  const creators = Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % shapes.length];
    return typeof shape === "string" ? `creator${i}` : { ...shape, id: `creator${i}` };
  });
  const file = path.join(dir, `fleet${count}.template.json`);
  delete example.$schema;
  fs.writeFileSync(file, JSON.stringify({ ...example, template_id: `fleet${count}`, creators }, null, 2));
  return file;
}

const SERIAL_UNPATCHED = { BLACKWELL_SYNTH_WORKERS: "0", BLACKWELL_CDKTF_STACK_TRACES: "1" };

export function runFleetSynthBenchmark(print: (line: string) => void = console.log, creators = 500): void {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blackwell-bench-"));
  try {
    print(
      `synth scale: ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)}; medians of ${runs} runs`,
    );
    const one = projectPath("examples", "studio_live_feed.json");
    const oneNow = measure(one, path.join(dir, "one"), {}, runs);
    const oneBefore = measure(one, path.join(dir, "one"), SERIAL_UNPATCHED, runs);
    const oneRow = (label: string, r: Run) => `${label} ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${r.peakMiB.toFixed(0)} MiB`;
    print(`synth 1 pipeline (CLI, goal < 600 ms): ${oneRow("now", oneNow)}   | ${oneRow("unpatched", oneBefore)}`);
    print(`  floor: node start-up and loading CDKTF, the provider bindings and the generators take ${loadFloorCpuMs(runs)} ms CPU`);
    const template = writeFleetTemplate(dir, creators);
    const modules = creators + 1; // and the shared channel group
    const workers = renderWorkerCount(modules);
    const fleetNow = measure(template, path.join(dir, "fleet"), {}, runs);
    const fleetSerial = measure(template, path.join(dir, "fleet"), { BLACKWELL_SYNTH_WORKERS: "0" }, runs);
    const fleetBefore = measure(template, path.join(dir, "fleet"), SERIAL_UNPATCHED, runs);
    const row = (label: string, r: Run) => `${label} ${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${r.peakMiB.toFixed(0)} MiB`;
    print(
      `synth ${modules} modules (CLI, goal < 6 s, < 1 GiB): ${row(`${workers} workers`, fleetNow)}   | ${row("serial", fleetSerial)}   | ${row("serial unpatched", fleetBefore)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runFleetSynthBenchmark();
