/**
 * Definitions in, module directories out. Loads the generators lazily: they pull in CDKTF and the
 * provider bindings, which only synthesizing commands should pay for (and, with many modules, only the render workers).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDirectoryFiles } from "../core/atomic-write";
import type { LoadedPipeline } from "../core/definitions";
import { ensureDirectory, fsFailure } from "../core/fs-errors";
import { strayEntries, writeModuleSet } from "./module-set";
import { renderModules } from "./render-pool";
import type { RenderJob } from "./render-job";
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
  onProgress?: (done: number, total: number, pipelineId: string) => void;
  /** After each module is rendered (before any is written or checked), in the order they finish. */
  onRendered?: (done: number, total: number, pipelineId: string) => void;
  /** Render worker threads; default: from the cores, free memory and number of modules (render-pool.ts). */
  workers?: number;
}

export async function synthesizeModules(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthResult[]> {
  return (await synthesizeModuleSet(pipelines, options)).modules;
}

export async function synthesizeModuleSet(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthRun> {
  const results: SynthResult[] = [];
  // Render everything before writing anything: a failure in one pipeline leaves every module as it was.
  const rendered = await renderModules(
    [
      ...pipelines.map((p): RenderJob => ({ kind: "pipeline", pipeline: p.resolved })),
      ...sharedModuleSpecs(pipelines.map((p) => p.resolved)).map((spec): RenderJob => ({ kind: "shared", spec })),
      ...fleetModuleSpecs(pipelines).map((spec): RenderJob => ({ kind: "fleet", spec })),
    ],
    { workers: options.workers, onRendered: options.onRendered },
  );
  const resultOf = ({ module, ms }: (typeof rendered)[number]): SynthResult => ({
    pipeline_id: module.pipelineId,
    dir: path.join(options.outDir, module.pipelineId),
    files: [...module.files.keys()],
    ms,
  });
  if (options.check) {
    rendered.forEach((r, i) => {
      const result = resultOf(r);
      const onDisk = readDirectoryFiles(result.dir);
      result.stale = [...new Set([...result.files, ...onDisk.keys()])].filter((f) => r.module.files.get(f) !== onDisk.get(f)).sort();
      results.push(result);
      options.onProgress?.(i + 1, rendered.length, r.module.pipelineId);
    });
    return { modules: results, strays: strayEntries(options.outDir) };
  }
  try {
    ensureDirectory(options.outDir);
    // The whole set is staged, then swapped in: a kill or a failure leaves the previous set or this one.
    writeModuleSet(
      options.outDir,
      rendered.map((r) => r.module),
      { force: options.force, onStaged: options.onProgress },
    );
  } catch (err) {
    throw fsFailure(err, `write modules to ${options.outDir}`);
  }
  return { modules: rendered.map(resultOf), strays: [] };
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
