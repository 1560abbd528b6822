/**
 * Renders many modules on worker threads, one module at a time per worker, with the serial path's results: the same
 * modules in the same order, and on failure the error of the first module (in order) that fails, as rendering them one
 * by one in this thread would throw. Few modules render in this thread: starting a worker loads CDKTF and the provider
 * bindings again, which only pays off over many modules.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { RenderJob, RenderedModule, deserializeError, renderJob } from "./render-job";
import type { JobMessage, ResultMessage } from "./render-worker";

/** Below this many modules, render in this thread. */
export const PARALLEL_MIN_MODULES = 24;
/** Each worker should get at least this many modules to repay its start-up (loading CDKTF and the provider bindings). */
export const MIN_MODULES_PER_WORKER = 12;
/** Peak memory of one render worker (measured: about 250 MB at 500 modules), with headroom. */
export const WORKER_MEMORY_BYTES = 400 * 2 ** 20;

export interface Machine {
  cores: number;
  freeMemoryBytes: number;
}

const thisMachine = (): Machine => ({ cores: os.availableParallelism(), freeMemoryBytes: os.freemem() });

/**
 * How many worker threads to render `modules` modules with; 0 means in this thread. One per core, as many as half the free
 * memory holds (the machine is shared), none when there are too few modules. BLACKWELL_SYNTH_WORKERS=N overrides it (0: serial).
 */
export function renderWorkerCount(modules: number, machine: Machine = thisMachine(), env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.BLACKWELL_SYNTH_WORKERS;
  if (asked !== undefined && asked !== "") {
    if (!/^\d+$/.test(asked)) throw new Error(`BLACKWELL_SYNTH_WORKERS must be a whole number (0 renders without workers); got '${asked}'`);
    return Math.min(Number(asked), modules) >= 2 ? Math.min(Number(asked), modules) : 0;
  }
  if (modules < PARALLEL_MIN_MODULES) return 0;
  const byMemory = Math.floor(machine.freeMemoryBytes / 2 / WORKER_MEMORY_BYTES);
  const count = Math.min(machine.cores, byMemory, Math.floor(modules / MIN_MODULES_PER_WORKER));
  return count >= 2 ? count : 0;
}

export interface RenderOptions {
  /** Worker threads (0 or 1: this thread); default renderWorkerCount(jobs.length). */
  workers?: number;
  /** After each module, in the order they finish. */
  onRendered?: (done: number, total: number, pipelineId: string) => void;
  /** Each module as soon as it is rendered, in the order they finish (to write it while the rest render); must not throw. */
  onModule?: (rendered: RenderedModule) => void;
  /** Asked before each module starts: once true, no further module starts and the caller gets what was rendered. */
  stopped?: () => boolean;
}

export async function renderModules(jobs: RenderJob[], o: RenderOptions = {}): Promise<RenderedModule[]> {
  const workers = o.workers ?? renderWorkerCount(jobs.length);
  if (workers < 2) {
    const results: RenderedModule[] = [];
    for (const job of jobs) {
      if (o.stopped?.()) break;
      const rendered = await renderJob(job);
      results.push(rendered);
      o.onModule?.(rendered);
      o.onRendered?.(results.length, jobs.length, rendered.module.pipelineId);
    }
    return results;
  }
  return renderOnWorkers(jobs, Math.min(workers, jobs.length), o);
}

const WORKER_FILE = path.join(__dirname, "render-worker.js");

function renderOnWorkers(jobs: RenderJob[], count: number, { onRendered, onModule, stopped }: RenderOptions): Promise<RenderedModule[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<RenderedModule>(jobs.length);
    const pool: Worker[] = [];
    let next = 0;
    let inFlight = 0;
    let done = 0;
    let failed: { index: number; error: Error } | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      // Settle once every worker has stopped, so their memory is free when the caller goes on.
      void Promise.allSettled(pool.map((w) => w.terminate())).then(outcome);
    };
    const feed = (worker: Worker) => {
      // After a failure, nothing further is started: every module before it is already in flight or done.
      if (failed || next >= jobs.length || stopped?.()) {
        if (inFlight === 0) finish(() => (failed ? reject(failed.error) : resolve(results)));
        return;
      }
      inFlight++;
      worker.postMessage({ index: next, job: jobs[next] } satisfies JobMessage);
      next++;
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_FILE);
      pool.push(worker);
      worker.on("message", (m: ResultMessage) => {
        inFlight--;
        if (m.ok) {
          results[m.index] = { module: { pipelineId: m.pipelineId, files: new Map(m.files) }, ms: m.ms };
          onModule?.(results[m.index]);
          onRendered?.(++done, jobs.length, m.pipelineId);
        } else if (!failed || m.index < failed.index) failed = { index: m.index, error: deserializeError(m.error) };
        feed(worker);
      });
      // A worker that dies (out of memory, a crash while loading) is our failure, not a module's.
      worker.on("error", (err) => finish(() => reject(err)));
      worker.on("exit", (code) => finish(() => reject(new Error(`a synth render worker stopped unexpectedly (exit code ${code})`))));
      feed(worker);
    }
  });
}
