/**
 * Definitions in, module directories out. Loads the generators lazily: they pull in CDKTF and the
 * provider bindings, which only synthesizing commands should pay for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDirectoryFiles } from "../core/atomic-write";
import type { LoadedPipeline } from "../core/definitions";

export interface SynthResult {
  pipeline_id: string;
  dir: string;
  files: string[];
  /** With check: true, the files that differ from (or are missing in) the directory on disk. */
  stale?: string[];
  ms: number;
}

export interface SynthOptions {
  outDir: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  onProgress?: (done: number, total: number, pipelineId: string) => void;
}

export async function synthesizeModules(pipelines: LoadedPipeline[], options: SynthOptions): Promise<SynthResult[]> {
  const { writeModule } = await import("./module-writer");
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
  rendered.forEach(({ module, ms }, i) => {
    const dir = path.join(options.outDir, module.pipelineId);
    const files = [...module.files.keys()];
    if (options.check) {
      const onDisk = readDirectoryFiles(dir);
      const stale = [...new Set([...files, ...onDisk.keys()])].filter((f) => module.files.get(f) !== onDisk.get(f)).sort();
      results.push({ pipeline_id: module.pipelineId, dir, files, stale, ms });
    } else {
      writeModule(module, options.outDir);
      results.push({ pipeline_id: module.pipelineId, dir, files, ms });
    }
    options.onProgress?.(i + 1, rendered.length, module.pipelineId);
  });
  return results;
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
