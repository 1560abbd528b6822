/**
 * Definitions in, module directories out. Loads the generators lazily: they pull in CDKTF and the
 * provider bindings, which only synthesizing commands should pay for (and, with many modules, only the render workers).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDirectoryFiles } from "../core/atomic-write";
import type { LoadedPipeline } from "../core/definitions";
import { ensureDirectory, fsFailure } from "../core/fs-errors";
import { ModuleSetStaging, strayEntries } from "./module-set";
import { renderModules } from "./render-pool";
import type { RenderJob, RenderedModule } from "./render-job";
import { sharedModuleSpecs } from "./shared-modules";
import { fleetModuleSpecs } from "./fleet-modules";

export interface SynthResult {
  pipeline_id: string;
  dir: string;
  files: string[];
  /** With check: true, the files that differ from (or are missing in) the directory on disk. */
  stale?: string[];
  ms: number;
}

export interface SynthRun {
  modules: SynthResult[];
  /** With check: true, leftovers of interrupted synths in the output folder (the next synth removes them). */
  strays: string[];
}

export interface SynthOptions {
  outDir: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  /** Replace module folders that hold files synth did not write (terraform.tfstate, override.tf, .terraform/). */
  force?: boolean;
  /** After each module is written (staged, as it is rendered: in the order they finish) or, with check, compared. */
  onProgress?: (done: number, total: number, pipelineId: string) => void;
  /** After each module is rendered, in the order they finish. */
  onRendered?: (done: number, total: number, pipelineId: string) => void;
  /** Render worker threads; default: from the cores, free memory and number of modules (render-pool.ts). */
  workers?: number;
}

export async function synthesizeModules(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthResult[]> {
  return (await synthesizeModuleSet(pipelines, options)).modules;
}

export async function synthesizeModuleSet(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthRun> {
  const jobs = [
    ...pipelines.map((p): RenderJob => ({ kind: "pipeline", pipeline: p.resolved })),
    ...sharedModuleSpecs(pipelines.map((p) => p.resolved)).map((spec): RenderJob => ({ kind: "shared", spec })),
    ...fleetModuleSpecs(pipelines).map((spec): RenderJob => ({ kind: "fleet", spec })),
  ];
  if (options.check) return checkModuleSet(await renderModules(jobs, { workers: options.workers, onRendered: options.onRendered }), options);
  // Each module is staged as it is rendered, so the writing overlaps the rendering; the set is swapped in only when every
  // module rendered and staged: a failure anywhere, or a kill, leaves every module as it was.
  const outDirExisted = fs.existsSync(options.outDir);
  const staging = withFsFailure(options.outDir, () => {
    ensureDirectory(options.outDir);
    return new ModuleSetStaging(options.outDir, options.force);
  });
  let stageFailure: { error: unknown } | undefined;
  let staged = 0;
  let rendered: RenderedModule[];
  try {
    rendered = await renderModules(jobs, {
      workers: options.workers,
      onRendered: options.onRendered,
      stopped: () => stageFailure !== undefined, // a module could not be written: render no more
      onModule: ({ module }) => {
        if (stageFailure) return;
        try {
          staging.stage(module);
          options.onProgress?.(++staged, jobs.length, module.pipelineId);
        } catch (err) {
          stageFailure = { error: fsFailure(err, `write modules to ${options.outDir}`) };
        }
      },
    });
    if (stageFailure) throw stageFailure.error;
  } catch (err) {
    staging.abandon();
    if (!outDirExisted) removeIfEmpty(options.outDir); // made for this run: leave no trace of a failed one
    throw err;
  }
  const ids = rendered.map((r) => r.module.pipelineId);
  withFsFailure(options.outDir, () => staging.commit(ids));
  return { modules: rendered.map((r) => synthResult(r, options.outDir)), strays: [] };
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty (someone else wrote there meanwhile), or already gone: leave it
  }
}

function withFsFailure<T>(outDir: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw fsFailure(err, `write modules to ${outDir}`);
  }
}

function synthResult({ module, ms }: RenderedModule, outDir: string): SynthResult {
  return { pipeline_id: module.pipelineId, dir: path.join(outDir, module.pipelineId), files: [...module.files.keys()], ms };
}

/** --check: each rendered module against the folder on disk, file by file. */
function checkModuleSet(rendered: RenderedModule[], options: SynthOptions): SynthRun {
  const results = rendered.map((r, i) => {
    const result = synthResult(r, options.outDir);
    const onDisk = readDirectoryFiles(result.dir);
    result.stale = [...new Set([...result.files, ...onDisk.keys()])].filter((f) => r.module.files.get(f) !== onDisk.get(f)).sort();
    options.onProgress?.(i + 1, rendered.length, r.module.pipelineId);
    return result;
  });
  return { modules: results, strays: strayEntries(options.outDir) };
}

/** Module folders in `outDir` that none of `generated` wrote (a module's folder holds *.tf.json files); hidden folders are not modules. */
export function extraModuleDirs(outDir: string, generated: string[]): string[] {
  if (!fs.existsSync(outDir)) return [];
  const known = new Set(generated);
  return fs
    .readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !known.has(e.name))
    .filter((e) => fs.readdirSync(path.join(outDir, e.name)).some((f) => f.endsWith(".tf.json")))
    .map((e) => e.name)
    .sort();
}
