/**
 * The README's walkthrough, executed top to bottom as a user would type it (bash, the alias, ~/studio), from
 * a fresh home folder, offline and without AWS: create -> validate -> cost -> synth -> plan --offline all find
 * the same definition, and nothing lands in this repository's modules/ (which the committed-modules test checks).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { CLI_ENTRY } from "../support/cli";

const readme = fs.readFileSync(projectPath("README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Five-minute walkthrough"), readme.indexOf("\n## ", readme.indexOf("## Five-minute walkthrough") + 1));
const block = section.match(/```sh\n([\s\S]*?)```/)![1];

test("the walkthrough block is the one a user reads: build, alias, a project folder, create, validate, cost, synth, plan --offline", () => {
  const lines = block.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  expect(lines[0]).toBe("npm install && npm run build");
  expect(lines[1]).toBe('alias blackwell="node $PWD/bin/blackwell.js"');
  expect(block).toMatch(/blackwell media create studio-live /);
  expect(block).toMatch(/blackwell media plan studio-live --offline --var-file studio-live.tfvars.json/);
  expect(block).not.toMatch(/--dir/); // the walkthrough needs no flag it does not show
});

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
if (skip) console.warn("SKIPPED: the README walkthrough runs terraform plan --offline (BLACKWELL_SKIP_TERRAFORM=1)");
(skip ? test.skip : test)(
  "the README walkthrough runs top to bottom from a fresh folder, offline, and leaves this repository's modules/ alone",
  () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-walkthrough-"));
    const before = fs.readdirSync(projectPath("modules")).sort();
    // The build is this test's precondition; the alias points at the CLI these tests were compiled into.
    const script = block
      .replace("npm install && npm run build\n", "")
      .replace('alias blackwell="node $PWD/bin/blackwell.js"', `alias blackwell="node ${CLI_ENTRY}"`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
    const r = spawnSync("bash", ["-c", `shopt -s expand_aliases\nset -euo pipefail\n${script}`], {
      cwd: projectPath(),
      encoding: "utf8",
      timeout: 600_000,
      env: { ...env, HOME: home, NO_COLOR: "1", AWS_EC2_METADATA_DISABLED: "true" },
    });
    expect(r.stderr).not.toMatch(/^Error:|internal error/m);
    expect(r.status).toBe(0);
    const project = path.join(home, "studio");
    expect(fs.existsSync(path.join(project, "pipelines", "studio-live.json"))).toBe(true);
    expect(fs.readdirSync(path.join(project, "modules", "studio-live"))).toContain("medialive.tf.json");
    expect(r.stdout).toMatch(/studio-live \(us-east-1, tier development/); // cost estimate found the new definition
    expect(r.stdout).toMatch(/Review-only plan: .*\(offline, placeholder credentials/);
    expect(fs.readdirSync(projectPath("modules")).sort()).toEqual(before);
  },
  600_000,
);
