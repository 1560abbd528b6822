/** synth --check fails on a module folder that no checked definition generates (a walkthrough's leftover), not only on changed ones. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { runCli } from "../support/cli";

test("an extra module in --out fails synth --check and is named; hidden folders and plain folders are not modules", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-check-"));
  const studio = projectPath("examples", "studio_live_feed.json");
  expect(runCli(["media", "synth", studio, projectPath("examples", "vod-library.json"), "--out", out]).status).toBe(0);
  fs.mkdirSync(path.join(out, ".cache"));
  fs.mkdirSync(path.join(out, "notes"));
  fs.writeFileSync(path.join(out, "notes", "todo.md"), "x");
  const r = runCli(["media", "synth", studio, "--out", out, "--check"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`error: modules no definition in ${studio} generates: ${out}/vod-library; remove them`);
  expect(r.stderr).not.toMatch(/notes|\.cache/);
  fs.rmSync(path.join(out, "vod-library"), { recursive: true });
  const clean = runCli(["media", "synth", studio, "--out", out, "--check"]);
  expect(clean.status).toBe(0);
  expect(clean.stdout).toContain("1 modules up to date");
});
