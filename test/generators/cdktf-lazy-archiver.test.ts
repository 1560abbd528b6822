/**
 * The deferred archiver (generators/cdktf-lazy-archiver.ts): cdktf still uses archiver only where audited, a module
 * renders without loading it, with the committed bytes, and the stand-in gives the real archiver when called.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";

const cdktfLib = path.dirname(require.resolve("cdktf/lib/index.js"));

test("cdktf requires archiver in one file and only calls it there (a cdktf upgrade that changes this must re-audit the deferral)", () => {
  const requiring: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js") && /require\("archiver"\)/.test(fs.readFileSync(full, "utf8"))) requiring.push(path.relative(cdktfLib, full));
    }
  };
  walk(cdktfLib);
  expect(requiring).toEqual(["private/fs.js"]);
  const uses = fs
    .readFileSync(path.join(cdktfLib, "private", "fs.js"), "utf8")
    .split("\n")
    .filter((line) => /\barchiver\b/.test(line) && !line.startsWith("//# sourceMappingURL"))
    .map((line) => line.trim());
  expect(uses).toEqual(['const archiver = require("archiver");', 'const archive = archiver("zip", {']);
});

test("a module renders without loading archiver, with the committed bytes; the stand-in then gives the real archiver", () => {
  const probe = `
    const { loadPipelines } = require(${JSON.stringify(projectPath("dist", "src", "core", "definitions.js"))});
    const { renderJob } = require(${JSON.stringify(projectPath("dist", "src", "synth", "render-job.js"))});
    const { archiverPath } = require(${JSON.stringify(projectPath("dist", "generators", "cdktf-lazy-archiver.js"))});
    const realLoaded = () => Object.keys(require.cache).some((f) => f.includes("/archiver/lib/"));
    const pipeline = loadPipelines([${JSON.stringify(projectPath("examples", "studio_live_feed.json"))}]).pipelines[0].resolved;
    renderJob({ kind: "pipeline", pipeline }).then(({ module }) => {
      const afterRender = realLoaded();
      const zip = require(archiverPath())("zip");
      console.log(JSON.stringify({ afterRender, afterCall: realLoaded(), canAppend: typeof zip.append, files: Object.fromEntries(module.files) }));
    });`;
  const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as { afterRender: boolean; afterCall: boolean; canAppend: string; files: Record<string, string> };
  expect({ afterRender: out.afterRender, afterCall: out.afterCall, canAppend: out.canAppend }).toEqual({
    afterRender: false,
    afterCall: true,
    canAppend: "function",
  });
  for (const [file, content] of Object.entries(out.files))
    expect({ file, same: content === fs.readFileSync(projectPath("modules", "studio_live_feed", file), "utf8") }).toEqual({ file, same: true });
});
