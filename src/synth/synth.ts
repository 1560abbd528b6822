/**
 * Definitions in, module directories out. Loads the generators lazily: they pull in CDKTF and the
 * provider bindings, which only synthesizing commands should pay for.
 */
import * as path from "node:path";
import { readDirectoryFiles } from "../core/atomic-write";
import type { LoadedPipeline } from "../core/definitions";
import { ensureDirectory, fsFailure } from "../core/fs-errors";
import { strayEntries, writeModuleSet } from "./module-set";

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
}

export async function synthesizeModules(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthResult[]> {
  return (await synthesizeModuleSet(pipelines, options)).modules;
}

export async function synthesizeModuleSet(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthRun> {
  const { renderPipelineModule, renderSharedModule, sharedModuleSpecs } = await import("./module-render");
  const results: SynthResult[] = [];
  const timed = <T>(render: () => T) => {
    const started = performance.now();
    const module = render();
    return { module, ms: performance.now() - started };
  };
  // Render everything before writing anything: a failure in one pipeline leaves every module as it was.
  const rendered = [
    ...pipelines.map((p) => timed(() => renderPipelineModule(p.resolved))),
    ...sharedModuleSpecs(pipelines.map((p) => p.resolved)).map((spec) => timed(() => renderSharedModule(spec))),
  ];
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
