/**
 * deploy-template says how many creators it runs at once before any terraform starts: what the machine's cores and
 * free memory allow by default, --concurrency when given; a count that is not a whole number of at least 1 is refused.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { localConcurrency, thisMachine } from "../../src/fleet/local-concurrency";
import { runCli } from "../support/cli";

// Without --var-file-dir the creators' inputs are missing: the run stops after synth, before terraform, with one error.
const deploy = (...extra: string[]) =>
  runCli(["media", "deploy-template", "creator-channel", "--dir", projectPath("examples"), "--modules", "modules", "--batch", "--offline", ...extra], {
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fleet-concurrency-")),
  });

test("the default follows the machine's cores and free memory, and is printed", () => {
  const r = deploy();
  expect(r.stderr).toMatch(/module inputs missing before terraform can plan/);
  const said = /^concurrency: (\d+) creators at once \((\d+) cores, ([\d.]+) GiB free; --concurrency to change\)$/m.exec(r.stderr);
  expect(said).not.toBeNull();
  expect(Number(said![2])).toBe(os.availableParallelism());
  // Free memory moves between the run and this check; the figure is the function's for what the run saw.
  expect(Number(said![1])).toBe(localConcurrency({ cores: Number(said![2]), freeMemoryBytes: Number(said![3]) * 2 ** 30 }));
  expect(Number(said![1])).toBeLessThanOrEqual(thisMachine().cores);
});

test("--concurrency overrides it; zero or a fraction is refused in one line", () => {
  expect(deploy("--concurrency", "3").stderr).toMatch(/^concurrency: 3 creators at once \(--concurrency\)$/m);
  for (const bad of ["0", "1.5"]) {
    const r = deploy("--concurrency", bad);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`error: --concurrency must be a whole number of at least 1, not ${bad}`);
  }
});
