/**
 * Runs one step per creator with bounded concurrency. Each creator has its own module and state
 * (a failure stays with its creator); results are recorded so a rerun resumes with the ones that
 * did not succeed, or whose inputs changed since they did.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";
import { mapConcurrently } from "../core/concurrency";
import type { LoadedPipeline } from "../core/definitions";
import { parseDocumentText } from "../core/parse-document";
import { UserError } from "../core/problems";
import { validateAgainstSchema } from "../core/schema-validation";
import type { CreatorRecord, FleetRecord } from "../types/fleet-record.generated";
import type { BackendConfig } from "../core/project-config";

export interface FleetResult {
  creator: string;
  /** planned and timed_out come from remote runs: planned waits for confirmation (or was plan-only), timed_out is still going. */
  status: "succeeded" | "failed" | "skipped" | "planned" | "timed_out";
  ms: number;
  detail?: string;
  /** The remote run a planned or timed-out result waits on. */
  run?: string;
}

export type { CreatorRecord };

export type FleetState = FleetRecord;

/**
 * The record of a template's batches. Review runs (plan only) keep their own, so a reviewed creator is never
 * skipped by the apply that follows.
 */
export function fleetStateFile(templateId: string, stateDir = path.join(".blackwell", "fleet"), o: { review?: boolean } = {}): string {
  return path.join(stateDir, `${templateId}${o.review ? ".review" : ""}.json`);
}

/** The recorded batches, or an empty record when there is none; a corrupt record is one error saying how to recover. */
export function readFleetState(file: string | undefined): FleetState {
  if (!file || !fs.existsSync(file)) return { creators: {} };
  const recover = `delete or move it to start over (the next deploy-template redoes every creator; terraform state keeps what exists)`;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read the fleet record ${file}: ${code === "EISDIR" ? "a folder is in its place" : (code ?? (err as Error).message)}; ${recover}`,
    );
  }
  if (!text.trim()) throw new UserError(`the fleet record ${file} is corrupt (empty); ${recover}`);
  let data: unknown;
  try {
    data = parseDocumentText(file, text).data;
  } catch (err) {
    const why = err instanceof UserError && err.problems[0] ? err.problems[0].message : (err as Error).message;
    throw new UserError(`the fleet record ${file} is corrupt (${why}); ${recover}`);
  }
  const problems = validateAgainstSchema("fleet-record", data, file);
  if (problems.length) throw new UserError(`the fleet record ${file} is not a fleet record (${problems[0].path}: ${problems[0].message}); ${recover}`);
  return data as FleetState;
}

export function writeFleetState(file: string, state: FleetState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(state, null, 2) + "\n");
}

/** Drops creators from a recorded batch (they were destroyed), so the next run deploys them again. */
export function forgetCreators(file: string, creators: string[]): void {
  if (!fs.existsSync(file) || creators.length === 0) return;
  const state = readFleetState(file);
  for (const c of creators) delete state.creators[c];
  writeFleetState(file, state);
}

/** What deploy-template and destroy-template both take: the template, the creators chosen, where things live. */
export interface TemplateFleetOptions {
  /** Every pipeline of the template; `creators` picks the ones to work on. */
  pipelines: LoadedPipeline[];
  creators: string[];
  concurrency: number;
  modulesDir: string;
  /** Working roots, one per module (state is local there). */
  workDir: string;
  /** Folder of <pipeline_id>.tfvars.json module inputs. */
  varFileDir?: string;
  /** Where deploy-template records its batches (default .blackwell/fleet). */
  stateDir?: string;
  /** Tags for every resource (each creator's root adds Creator). */
  defaultTags?: Record<string, string>;
  /** Remote state of a module (by module id), from the project configuration; local state without. */
  backendFor?: (moduleId: string) => BackendConfig | undefined;
  onProgress?: (done: number, total: number, result: FleetResult) => void;
}

/** What a step returns when the creator needed nothing (e.g. nothing left to destroy). */
export interface StepSkipped {
  skipped: string;
}

/** What a step returns when its remote run has not finished: it waits for confirmation, or outlived the wait. */
export interface StepPending {
  status: "planned" | "timed_out";
  detail: string;
  run: string;
}

export interface FleetOptions {
  creators: string[];
  concurrency: number;
  /** Where results are recorded for a rerun to resume from; without one every run does every creator. */
  stateFile?: string;
  /** Run creators that already succeeded too. */
  rerunAll?: boolean;
  /** What a creator's success depends on (its module and inputs): a success with another fingerprint is redone. */
  fingerprint?: (creator: string) => string;
  /** One creator's work; `previous` is its recorded result (a remote step picks its unfinished run up from there). */
  step: (creator: string, previous?: CreatorRecord) => Promise<void | StepSkipped | StepPending>;
  /** Recorded results that count as done and are skipped while the fingerprint holds (default succeeded; a plan-only remote batch adds planned). */
  settled?: CreatorRecord["status"][];
  onProgress?: (done: number, total: number, result: FleetResult) => void;
  now?: () => Date;
}

export async function runFleet(o: FleetOptions): Promise<FleetResult[]> {
  const state = readFleetState(o.stateFile);
  const results = new Map<string, FleetResult>();
  const fingerprints = new Map(o.creators.map((c) => [c, o.fingerprint?.(c)]));
  const todo = o.creators.filter((c) => {
    const before = state.creators[c];
    if (!o.rerunAll && before && (o.settled ?? ["succeeded"]).includes(before.status) && before.fingerprint === fingerprints.get(c)) {
      results.set(c, { creator: c, status: "skipped", ms: 0, detail: `${before.status} in an earlier run` });
      return false;
    }
    return true;
  });
  let done = o.creators.length - todo.length;
  await mapConcurrently(todo, o.concurrency, async (creator) => {
    const started = Date.now();
    let result: FleetResult;
    try {
      const outcome = await o.step(creator, state.creators[creator]);
      result = !outcome
        ? { creator, status: "succeeded", ms: Date.now() - started }
        : "skipped" in outcome
          ? { creator, status: "skipped", ms: Date.now() - started, detail: outcome.skipped }
          : { creator, ms: Date.now() - started, ...outcome };
    } catch (err) {
      result = { creator, status: "failed", ms: Date.now() - started, detail: (err as Error).message };
    }
    results.set(creator, result);
    if (o.stateFile && result.status !== "skipped") {
      const fingerprint = fingerprints.get(creator);
      state.creators[creator] = {
        status: result.status,
        at: (o.now?.() ?? new Date()).toISOString(),
        ...(result.detail ? { detail: result.detail } : {}),
        ...(result.run ? { run: result.run } : {}),
        ...(fingerprint ? { fingerprint } : {}),
      };
      writeFleetState(o.stateFile, state); // after every creator, so an interrupted batch resumes where it stopped
    }
    o.onProgress?.(++done, o.creators.length, result);
  });
  return o.creators.map((c) => results.get(c)!);
}
