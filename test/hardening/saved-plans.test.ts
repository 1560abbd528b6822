/**
 * Issue 15, secrets at rest: working roots are 0700 and saved plans 0600 (they hold the stream keys); a review-only
 * (offline) plan cannot be applied, is deleted when a newer plan supersedes it, and is swept once a day old.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { prepareWorkingRoot } from "../../src/terraform/working-root";
import { runCli } from "../support/cli";

const fixtures = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "terraform");
const env = {
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  AWS_CONFIG_FILE: "/nonexistent/config",
  AWS_PROFILE: "blackwell-test-no-such-profile",
};
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

test("plans are 0600 in 0700 roots; an offline plan is review-only: apply refuses it, a newer plan replaces it, a day-old one is swept", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-plans-"));
  fs.writeFileSync(path.join(cwd, "vars.json"), JSON.stringify({ show_name: "demo" }));
  const run = (args: string[]) =>
    runCli(["media", ...args, "--dir", path.join(fixtures, "definitions"), "--modules", path.join(fixtures, "modules")], { cwd, env });
  const root = path.join(cwd, ".blackwell", "work", "fixture_show");
  const plan = path.join(root, "blackwell.tfplan");

  const review = run(["plan", "fixture_show", "--var-file", "vars.json", "--no-price", "--offline"]);
  expect({ status: review.status, stdout: review.stdout }).toEqual({ status: 0, stdout: expect.stringContaining("Review-only plan:") });
  expect({ root: mode(root), plan: mode(plan) }).toEqual({ root: "700", plan: "600" });
  const refused = run(["apply", "fixture_show"]);
  expect({ status: refused.status, stderr: refused.stderr }).toEqual({
    status: 1,
    stderr: expect.stringMatching(/^error: the saved plan in .* was made for review only/),
  });

  // A plan to apply supersedes the review plan (and is not review-only).
  expect(run(["plan", "fixture_show", "--var-file", "vars.json", "--no-price"]).status).toBe(0);
  expect(fs.existsSync(path.join(root, "blackwell.tfplan.review-only"))).toBe(false);
  expect(mode(plan)).toBe("600");

  // A day-old review plan is swept by the next command that prepares any working root there.
  expect(run(["plan", "fixture_show", "--var-file", "vars.json", "--no-price", "--offline"]).status).toBe(0);
  const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
  fs.utimesSync(path.join(root, "blackwell.tfplan.review-only"), dayAgo, dayAgo);
  const other = path.join(cwd, "other-module");
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, "main.tf.json"), "{}");
  fs.chmodSync(root, 0o755); // an older root made before this change is tightened too
  const prepared = prepareWorkingRoot({ pipelineId: "other", moduleDir: other, region: "us-east-1", workDir: path.join(cwd, ".blackwell", "work") });
  expect(mode(prepared.dir)).toBe("700");
  expect(fs.existsSync(plan)).toBe(false);
  expect(fs.existsSync(path.join(root, "blackwell.tfplan.review-only"))).toBe(false);
  prepareWorkingRoot({
    pipelineId: "fixture_show",
    moduleDir: path.join(fixtures, "modules", "fixture_show"),
    region: "us-east-1",
    workDir: path.join(cwd, ".blackwell", "work"),
  });
  expect(mode(root)).toBe("700");
});

test("module READMEs with RTMP push outputs say that state holds the keys and why MediaLive cannot look them up", () => {
  const modules = path.resolve(__dirname, "..", "..", "..", "modules");
  const studio = fs.readFileSync(path.join(modules, "studio_live_feed", "README.md"), "utf8");
  expect(studio).toContain("## Stream keys and state");
  expect(studio).toMatch(
    /The RTMP stream keys \(outputs `youtube`\) are marked sensitive[\s\S]*Terraform state holds them in plain text[\s\S]*`password_param`[\s\S]*encrypted remote backend/,
  );
  expect(fs.readFileSync(path.join(modules, "vod-library", "README.md"), "utf8")).not.toContain("## Stream keys and state");
});
