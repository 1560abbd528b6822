/**
 * Rendering on worker threads gives what rendering in this thread gives: the same bytes in the same order, and on
 * failure the same error (the first failing module's, in order). The worker count follows cores, memory and the
 * number of modules.
 */
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import type { ResolvedPipeline } from "../../src/core/resolve";
import { RenderJob, deserializeError, serializeError } from "../../src/synth/render-job";
import { MIN_MODULES_PER_WORKER, PARALLEL_MIN_MODULES, WORKER_MEMORY_BYTES, renderModules, renderWorkerCount } from "../../src/synth/render-pool";
import { sharedModuleSpecs } from "../../src/synth/shared-modules";

const GiB = 2 ** 30;
const twoCores = { cores: 2, freeMemoryBytes: 20 * GiB };

test("the worker count follows the number of modules, the cores and the free memory", () => {
  expect(renderWorkerCount(PARALLEL_MIN_MODULES - 1, twoCores, {})).toBe(0);
  expect(renderWorkerCount(500, twoCores, {})).toBe(2);
  expect(renderWorkerCount(500, { cores: 1, freeMemoryBytes: 20 * GiB }, {})).toBe(0);
  expect(renderWorkerCount(500, { cores: 16, freeMemoryBytes: 20 * GiB }, {})).toBe(16);
  expect(renderWorkerCount(100, { cores: 16, freeMemoryBytes: 20 * GiB }, {})).toBe(Math.floor(100 / MIN_MODULES_PER_WORKER));
  // Half the free memory is ours to take on a shared machine.
  expect(renderWorkerCount(500, { cores: 16, freeMemoryBytes: 6 * WORKER_MEMORY_BYTES }, {})).toBe(3);
  expect(renderWorkerCount(500, { cores: 16, freeMemoryBytes: 3 * WORKER_MEMORY_BYTES }, {})).toBe(0);
});

test("BLACKWELL_SYNTH_WORKERS overrides the choice; 0 or 1 renders in this thread; nonsense is refused", () => {
  expect(renderWorkerCount(500, twoCores, { BLACKWELL_SYNTH_WORKERS: "3" })).toBe(3);
  expect(renderWorkerCount(2, twoCores, { BLACKWELL_SYNTH_WORKERS: "4" })).toBe(2);
  expect(renderWorkerCount(500, twoCores, { BLACKWELL_SYNTH_WORKERS: "1" })).toBe(0);
  expect(renderWorkerCount(500, twoCores, { BLACKWELL_SYNTH_WORKERS: "0" })).toBe(0);
  expect(() => renderWorkerCount(500, twoCores, { BLACKWELL_SYNTH_WORKERS: "many" })).toThrow(/BLACKWELL_SYNTH_WORKERS must be a whole number/);
});

/** The examples and 24 creators of the example template (the shared module last), as synth renders them. */
function jobs(): RenderJob[] {
  const examples = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
  const creators = loadPipelines([projectPath("examples")])
    .pipelines.filter((p) => p.template)
    .map((p) => p.resolved);
  const many: ResolvedPipeline[] = [...examples];
  for (let i = 0; many.length < examples.length + 24; i++) {
    const c = structuredClone(creators[i % creators.length]);
    c.pipeline_id = `${c.pipeline_id}-copy${i}`;
    many.push(c);
  }
  return [
    ...many.map((pipeline): RenderJob => ({ kind: "pipeline", pipeline })),
    ...sharedModuleSpecs(many).map((spec): RenderJob => ({ kind: "shared", spec })),
  ];
}

const bytes = (modules: Awaited<ReturnType<typeof renderModules>>) => modules.map((m) => [m.module.pipelineId, [...m.module.files.entries()]]);

test("two workers render the same modules, byte for byte and in the same order, as this thread does; progress counts every module", async () => {
  const all = jobs();
  const progress: number[] = [];
  const parallel = await renderModules(all, { workers: 2, onRendered: (done, total) => progress.push(done, total) });
  const serial = await renderModules(all, { workers: 0 });
  expect(bytes(parallel)).toEqual(bytes(serial));
  expect(parallel.length).toBe(all.length);
  expect(progress.filter((_, i) => i % 2 === 0)).toEqual(all.map((_, i) => i + 1));
  expect(new Set(progress.filter((_, i) => i % 2 === 1))).toEqual(new Set([all.length]));
});

test("once stopped() says so, no further module starts, on either path; each module reaches onModule as it is rendered", async () => {
  const all = jobs().slice(0, 30);
  for (const workers of [0, 2]) {
    const handed: string[] = [];
    const rendered = await renderModules(all, { workers, onModule: (r) => handed.push(r.module.pipelineId), stopped: () => handed.length >= 3 });
    const done = rendered.filter(Boolean);
    // Workers may finish what was already in flight (one per worker) after the third module.
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThanOrEqual(3 + workers);
    expect(handed.sort()).toEqual(done.map((r) => r.module.pipelineId).sort());
  }
});

test("NEGATIVE: on failure both paths throw the error of the first module (in order) that fails", async () => {
  const all = jobs().slice(0, 10);
  const broken = (at: number, kind: string) => {
    const job = all[at] as Extract<RenderJob, { kind: "pipeline" }>;
    const pipeline = structuredClone(job.pipeline);
    pipeline.sources[0].kind = kind as never;
    all[at] = { kind: "pipeline", pipeline };
  };
  broken(3, "carrier_pigeon");
  broken(7, "smoke_signal");
  const failure = async (workers: number) => {
    const err = (await renderModules(all, { workers }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    return { type: err?.constructor.name, name: err?.name, message: err?.message };
  };
  const serial = await failure(0);
  expect(serial).toEqual({ type: "Error", name: "Error", message: "generator bug: 'carrier_pigeon' is not a MediaLive input this generator supports" });
  expect(await failure(2)).toEqual(serial);
});

test("a UserError crosses from a worker as a UserError with its problems; other errors keep name, message, stack and codes", () => {
  const problem = { file: "a.json", path: "$.sources[0]", message: "nope", severity: "error" as const, rule: "schema" };
  const user = deserializeError(structuredClone(serializeError(new UserError("bad input", [problem]))));
  expect(user).toBeInstanceOf(UserError);
  expect({ message: user.message, problems: (user as UserError).problems, exitCode: (user as UserError).exitCode }).toEqual({
    message: "bad input",
    problems: [problem],
    exitCode: 1,
  });
  const original = Object.assign(new TypeError("x is undefined"), { code: "ERR_X" });
  const crossed = deserializeError(structuredClone(serializeError(original)));
  expect({ name: crossed.name, message: crossed.message, stack: crossed.stack, code: (crossed as Error & { code: string }).code }).toEqual({
    name: "TypeError",
    message: "x is undefined",
    stack: original.stack,
    code: "ERR_X",
  });
});
