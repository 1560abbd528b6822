/**
 * Runs one step per creator with bounded concurrency. Each creator has its own module and state
 * (a failure stays with its creator); results are recorded so a rerun resumes with the ones that
 * did not succeed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";

export interface FleetResult {
  creator: string;
  status: "succeeded" | "failed" | "skipped";
  ms: number;
  detail?: string;
}

export interface FleetState {
  creators: Record<string, { status: "succeeded" | "failed"; at: string; detail?: string }>;
}

export function readFleetState(file: string): FleetState {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { creators: {} };
}

export interface FleetOptions {
  creators: string[];
  concurrency: number;
  stateFile: string;
  /** Run creators that already succeeded too. */
  rerunAll?: boolean;
  step: (creator: string) => Promise<void>;
  onProgress?: (done: number, total: number, result: FleetResult) => void;
  now?: () => Date;
}

export async function runFleet(o: FleetOptions): Promise<FleetResult[]> {
  const state = readFleetState(o.stateFile);
  const results = new Map<string, FleetResult>();
  const todo = o.creators.filter((c) => {
    if (!o.rerunAll && state.creators[c]?.status === "succeeded") {
      results.set(c, { creator: c, status: "skipped", ms: 0, detail: "succeeded in an earlier run" });
      return false;
    }
    return true;
  });
  let done = o.creators.length - todo.length;
  const save = () => {
    fs.mkdirSync(path.dirname(o.stateFile), { recursive: true });
    writeFileAtomic(o.stateFile, JSON.stringify(state, null, 2) + "\n");
  };
  const queue = [...todo];
  const worker = async () => {
    for (let creator = queue.shift(); creator !== undefined; creator = queue.shift()) {
      const started = Date.now();
      let result: FleetResult;
      try {
        await o.step(creator);
        result = { creator, status: "succeeded", ms: Date.now() - started };
      } catch (err) {
        result = { creator, status: "failed", ms: Date.now() - started, detail: (err as Error).message };
      }
      results.set(creator, result);
      state.creators[creator] = { status: result.status as "succeeded" | "failed", at: (o.now?.() ?? new Date()).toISOString(), ...(result.detail ? { detail: result.detail } : {}) };
      save(); // after every creator, so an interrupted batch resumes where it stopped
      o.onProgress?.(++done, o.creators.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, todo.length)) }, worker));
  return o.creators.map((c) => results.get(c)!);
}
