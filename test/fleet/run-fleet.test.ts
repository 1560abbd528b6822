/**
 * A three-creator batch with the real terraform: bounded concurrency, one injected failure reported
 * without stopping the others, and a rerun that resumes with the failed creator only.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runFleet } from "../../src/fleet/run-fleet";
import { prepareWorkingRoot } from "../../src/terraform/working-root";
import { applyRoot, planRoot } from "../../src/terraform/workflow";

const fixtures = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "terraform", "modules");

test("one creator's failure is reported, the others deploy, and a rerun resumes with the failed one", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fleet-"));
  const varFile = path.join(work, "vars.json");
  fs.writeFileSync(varFile, JSON.stringify({ show_name: "fleet" }));
  const broken = new Set(["creator2"]);
  let running = 0;
  let maxRunning = 0;
  const step = async (creator: string) => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    try {
      const moduleDir = path.join(fixtures, broken.has(creator) ? "failing_show" : "fixture_show");
      const root = prepareWorkingRoot({ pipelineId: `creator-channel-${creator}`, moduleDir, region: "us-east-1", workDir: path.join(work, "roots") });
      await planRoot(root, { varFile: broken.has(creator) ? undefined : varFile, json: true });
      await applyRoot(root);
    } finally {
      running--;
    }
  };
  const stateFile = path.join(work, "fleet", "creator-channel.json");
  const progress: string[] = [];
  const first = await runFleet({
    creators: ["creator1", "creator2", "creator3"],
    concurrency: 2,
    stateFile,
    step,
    onProgress: (d, t, r) => progress.push(`${d}/${t} ${r.creator} ${r.status}`),
  });
  expect(first.map((r) => [r.creator, r.status])).toEqual([
    ["creator1", "succeeded"],
    ["creator2", "failed"],
    ["creator3", "succeeded"],
  ]);
  expect(first[1].detail).toMatch(/terraform plan failed with exit code 1/);
  expect(maxRunning).toBe(2);
  expect(progress).toHaveLength(3);
  expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).creators.creator2.status).toBe("failed");
  for (const c of ["creator1", "creator3"]) expect(fs.existsSync(path.join(work, "roots", `creator-channel-${c}`, "terraform.tfstate"))).toBe(true);

  broken.clear();
  const second = await runFleet({ creators: ["creator1", "creator2", "creator3"], concurrency: 2, stateFile, step });
  expect(second.map((r) => [r.creator, r.status])).toEqual([
    ["creator1", "skipped"],
    ["creator2", "succeeded"],
    ["creator3", "skipped"],
  ]);
});
