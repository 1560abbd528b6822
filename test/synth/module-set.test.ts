/**
 * Modules are staged as they are rendered (the writing overlaps the rendering) and swapped in only when all rendered:
 * a render failure after some modules were staged leaves the previous set and no staging folder (and no output folder
 * when there was none); files synth did not write are refused at the commit, listed in module order.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readDirectoryFiles } from "../../src/core/atomic-write";
import { loadPipelines, type LoadedPipeline } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { ModuleSetStaging } from "../../src/synth/module-set";
import { synthesizeModuleSet } from "../../src/synth/synth";

const pipelines = loadPipelines(["studio_live_feed.json", "vod-library.json", "product-demos.yaml"].map((f) => projectPath("examples", f))).pipelines;
/** A pipeline whose rendering throws (its outputs are gone), as a generator bug would. */
const broken = (p: LoadedPipeline): LoadedPipeline => ({
  ...p,
  resolved: { ...p.resolved, outputs: null as unknown as LoadedPipeline["resolved"]["outputs"] },
});

const snapshot = (dir: string) => new Map(fs.readdirSync(dir).map((name) => [name, [...readDirectoryFiles(path.join(dir, name))].join("\n")]));
let work: string;
beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-module-set-"))));
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

test("modules are written as they render, and the set lands whole", async () => {
  const out = path.join(work, "out");
  const events: string[] = [];
  const run = await synthesizeModuleSet(pipelines, {
    outDir: out,
    onRendered: (_d, _t, id) => events.push(`rendered ${id}`),
    onProgress: (done, total, id) => events.push(`wrote ${done}/${total} ${id}`),
  });
  expect(events).toEqual([
    "wrote 1/3 studio_live_feed",
    "rendered studio_live_feed",
    "wrote 2/3 vod-library",
    "rendered vod-library",
    "wrote 3/3 product-demos",
    "rendered product-demos",
  ]);
  expect(fs.readdirSync(out).sort()).toEqual(["product-demos", "studio_live_feed", "vod-library"]);
  expect(run.modules.map((m) => m.pipeline_id)).toEqual(["studio_live_feed", "vod-library", "product-demos"]);
});

test("NEGATIVE: a render failure after two modules were staged leaves the previous set and no staging folder", async () => {
  const out = path.join(work, "out");
  await synthesizeModuleSet(pipelines, { outDir: out });
  const before = snapshot(out);
  const retitled = pipelines.map((p) => ({ ...p, resolved: { ...p.resolved, title: "new title" } }));
  const staged: string[] = [];
  await expect(
    synthesizeModuleSet([retitled[0], retitled[1], broken(retitled[2])], { outDir: out, onProgress: (_d, _t, id) => staged.push(id) }),
  ).rejects.toThrow(/null/);
  expect(staged).toEqual(["studio_live_feed", "vod-library"]);
  expect(snapshot(out)).toEqual(before);
  expect(fs.readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
});

test("NEGATIVE: a failed first synth leaves no output folder behind", async () => {
  const out = path.join(work, "fresh");
  await expect(synthesizeModuleSet([pipelines[0], broken(pipelines[2])], { outDir: out })).rejects.toThrow();
  expect(fs.existsSync(out)).toBe(false);
});

test("NEGATIVE: files synth did not write are refused at the commit, in module order, whatever order modules were staged in", () => {
  const out = path.join(work, "out");
  for (const id of ["a", "b"]) fs.mkdirSync(path.join(out, id), { recursive: true });
  fs.writeFileSync(path.join(out, "a", "terraform.tfstate"), "{}");
  fs.writeFileSync(path.join(out, "b", "override.tf"), "");
  const set = new ModuleSetStaging(out);
  set.stage({ pipelineId: "b", files: new Map([["main.tf.json", "{}"]]) });
  set.stage({ pipelineId: "a", files: new Map([["main.tf.json", "{}"]]) });
  expect(() => set.commit(["a", "b"])).toThrow(
    `module folders hold files synth did not write, which replacing them would delete: ${path.join(out, "a", "terraform.tfstate")}, ${path.join(out, "b", "override.tf")}`,
  );
  expect(fs.readdirSync(out).sort()).toEqual(["a", "b"]);
  expect(fs.readdirSync(path.join(out, "a"))).toEqual(["terraform.tfstate"]);
});

test("NEGATIVE: a module path outside its folder is refused before anything is written there", () => {
  const out = path.join(work, "out");
  fs.mkdirSync(out);
  const set = new ModuleSetStaging(out);
  expect(() => set.stage({ pipelineId: "a", files: new Map([["../escape.tf.json", "{}"]]) })).toThrow("unsafe path in module: ../escape.tf.json");
  set.abandon();
  expect(fs.readdirSync(out)).toEqual([]);
});
