/**
 * The deferred cdktf dependencies (generators/cdktf-lazy-dependencies.ts): cdktf still uses archiver and semver only
 * where audited, a module renders without loading either, with the committed bytes, and each stand-in gives the real
 * package when used.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { DEFERRED_CDKTF_DEPENDENCIES } from "../../generators/cdktf-lazy-dependencies";

const cdktfLib = path.dirname(require.resolve("cdktf/lib/index.js"));

/** Each cdktf file that requires `name`, relative to lib/. */
function requiring(name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js") && fs.readFileSync(full, "utf8").includes(`require("${name}")`)) found.push(path.relative(cdktfLib, full));
    }
  };
  walk(cdktfLib);
  return found;
}

const usesIn = (file: string, name: string) =>
  fs
    .readFileSync(path.join(cdktfLib, file), "utf8")
    .split("\n")
    .filter((line) => new RegExp(`\\b${name}\\b`).test(line) && !line.startsWith("//# sourceMappingURL"))
    .map((line) => line.trim());

test("cdktf requires each deferred package in one file and only calls it there (a cdktf upgrade that changes this must re-audit the deferral)", () => {
  expect(DEFERRED_CDKTF_DEPENDENCIES).toEqual({ archiver: "cdktf/lib/private/fs.js", semver: "cdktf/lib/validations/validate-binary-version.js" });
  expect(requiring("archiver")).toEqual(["private/fs.js"]);
  expect(usesIn("private/fs.js", "archiver")).toEqual(['const archiver = require("archiver");', 'const archive = archiver("zip", {']);
  expect(requiring("semver")).toEqual(["validations/validate-binary-version.js"]);
  expect(usesIn("validations/validate-binary-version.js", "semver")).toEqual([
    'const semver = require("semver");',
    "if (!semver.satisfies(version[0], this.versionConstraint)) {",
  ]);
});

test("a module renders without loading archiver or semver, with the committed bytes; the stand-ins then give the real packages", () => {
  const probe = `
    const { loadPipelines } = require(${JSON.stringify(projectPath("dist", "src", "core", "definitions.js"))});
    const { renderJob } = require(${JSON.stringify(projectPath("dist", "src", "synth", "render-job.js"))});
    const { deferredDependencyPath } = require(${JSON.stringify(projectPath("dist", "generators", "cdktf-lazy-dependencies.js"))});
    const loaded = (dir) => Object.keys(require.cache).some((f) => f.includes(dir));
    const pipeline = loadPipelines([${JSON.stringify(projectPath("examples", "studio_live_feed.json"))}]).pipelines[0].resolved;
    renderJob({ kind: "pipeline", pipeline }).then(({ module }) => {
      const afterRender = { archiver: loaded("/archiver/lib/"), semver: loaded("/semver/functions/") };
      const zip = require(deferredDependencyPath("archiver"))("zip");
      const satisfies = require(deferredDependencyPath("semver")).satisfies("1.11.0", ">= 1.5");
      const afterUse = { archiver: loaded("/archiver/lib/"), semver: loaded("/semver/functions/") };
      console.log(JSON.stringify({ afterRender, afterUse, canAppend: typeof zip.append, satisfies, files: Object.fromEntries(module.files) }));
    });`;
  const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as { files: Record<string, string> } & Record<string, unknown>;
  expect({ afterRender: out.afterRender, afterUse: out.afterUse, canAppend: out.canAppend, satisfies: out.satisfies }).toEqual({
    afterRender: { archiver: false, semver: false },
    afterUse: { archiver: true, semver: true },
    canAppend: "function",
    satisfies: true,
  });
  for (const [file, content] of Object.entries(out.files))
    expect({ file, same: content === fs.readFileSync(projectPath("modules", "studio_live_feed", file), "utf8") }).toEqual({ file, same: true });
});
