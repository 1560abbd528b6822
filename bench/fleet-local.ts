/**
 * Local fleet runs at platform scale (issue 20): `deploy-template --offline` of BENCH_FLEET_CREATORS creators (default
 * 100) through the CLI as a user runs it, then the path before shared providers (BLACKWELL_FLEET_PER_ROOT=1: every root
 * installs its own providers, refreshes and reads its plan back) on BENCH_FLEET_BASELINE_CREATORS of them (default 10;
 * the old path takes about twice as long). Prints each path's per-creator median (a creator's init and plan), its
 * whole-run wall time per creator (synth included) and the machine's load; the goal (< 5 s per creator on 2 cores) is
 * printed beside the figures, never asserted. With GNU time, the CPU time per creator too (terraform and providers included). BENCH_FLEET_CREATORS=0 skips it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findProviderMirror } from "../src/terraform/mirror";
import { writeFleetTemplate } from "./fleet-synth";

const CLI = path.resolve(__dirname, "..", "src", "cli", "run.js");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface FleetRun {
  creators: number;
  concurrency: string;
  wallMs: number;
  medianMs: number;
  /** CPU time of the run and every terraform and provider process it waited for (GNU time), when available. */
  cpuMs?: number;
  failed: number;
}

// CPU time says more than wall time about the work done per creator on a machine shared with others.
const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((f) => fs.existsSync(f));

/** Every creator's inputs in `dir/vars`, as a user writes them for --var-file-dir. */
function writeInputs(cwd: string, templateId: string, count: number): void {
  fs.mkdirSync(path.join(cwd, "vars"), { recursive: true });
  for (let i = 0; i < count; i++)
    fs.writeFileSync(
      path.join(cwd, "vars", `${templateId}-creator${i}.tfvars.json`),
      // The example's third creator shape has no YouTube output, so no stream key.
      JSON.stringify({ rtmp_allowed_cidrs: ["203.0.113.0/24"], ...(i % 3 === 2 ? {} : { youtube_stream_key: "bench-only-key" }) }),
    );
}

function deployOffline(dir: string, count: number, env: NodeJS.ProcessEnv, extra: string[]): FleetRun {
  const cwd = fs.mkdtempSync(path.join(dir, "run-"));
  const template = writeFleetTemplate(cwd, count);
  writeInputs(cwd, `fleet${count}`, count);
  const started = performance.now();
  const command = [
    process.execPath,
    CLI,
    "media",
    "deploy-template",
    template,
    "--modules",
    "modules",
    "--var-file-dir",
    "vars",
    "--batch",
    "--offline",
    "--json",
    ...extra,
  ];
  const [file, ...args] = GNU_TIME ? [GNU_TIME, "-f", "BENCH_CPU_S=%U+%S", ...command] : command;
  const r = spawnSync(file, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 512 * 2 ** 20 });
  const wallMs = performance.now() - started;
  let results: Array<{ status: string; ms: number }>;
  try {
    results = JSON.parse(r.stdout).results;
  } catch {
    throw new Error(`deploy-template --offline of ${count} creators failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
  const concurrency = /^concurrency: (\d+)/m.exec(r.stderr)?.[1] ?? "?";
  const cpu = /BENCH_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  fs.rmSync(cwd, { recursive: true, force: true });
  const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined;
  return {
    creators: count,
    concurrency,
    wallMs,
    cpuMs,
    medianMs: median(results.map((x) => x.ms)),
    failed: results.filter((x) => x.status === "failed").length,
  };
}

export function runFleetLocalBenchmark(print: (line: string) => void = console.log): void {
  const creators = Number(process.env.BENCH_FLEET_CREATORS ?? 100);
  const baseline = Math.min(creators, Number(process.env.BENCH_FLEET_BASELINE_CREATORS ?? 10));
  if (creators === 0) return;
  if (!findProviderMirror()) {
    print("fleet local: skipped (no hashicorp/aws provider mirror; set BLACKWELL_TF_PLUGIN_MIRROR)");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blackwell-bench-fleet-"));
  const row = (label: string, r: FleetRun) =>
    `${label}: ${r.creators} creators, ${r.concurrency} at once: median ${(r.medianMs / 1000).toFixed(1)} s per creator, ` +
    `${(r.wallMs / 1000).toFixed(0)} s in all (${(r.wallMs / 1000 / r.creators).toFixed(1)} s per creator)` +
    `${r.cpuMs !== undefined ? `, CPU ${(r.cpuMs / 1000 / r.creators).toFixed(1)} s per creator` : ""}${r.failed ? `, ${r.failed} FAILED` : ""}`;
  try {
    print(`fleet local (deploy-template --offline, goal < 5 s per creator on 2 cores): ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}`);
    const now = deployOffline(dir, creators, {}, []);
    print(`  ${row("shared providers", now)}; load ${os.loadavg()[0].toFixed(1)}`);
    if (baseline > 0) {
      const before = deployOffline(dir, baseline, { BLACKWELL_FLEET_PER_ROOT: "1" }, ["--concurrency", "2"]);
      print(`  ${row("per root (before)", before)}; load ${os.loadavg()[0].toFixed(1)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runFleetLocalBenchmark();
