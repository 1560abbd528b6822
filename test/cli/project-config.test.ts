/**
 * blackwell.config.json: terraform settings (working roots, default tags, remote state) shared by every command
 * that makes or reads a working root, flags winning over it, and refused with the file and JSON path when wrong.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { backendOf, loadProjectConfig } from "../../src/core/project-config";
import { UserError } from "../../src/core/problems";
import { projectPath } from "../../src/core/project-paths";
import { runCli } from "../support/cli";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bmf-config-"));
const where = ["--dir", projectPath("examples"), "--modules", projectPath("modules")];

function refusal(file: string): UserError {
  try {
    loadProjectConfig(file);
  } catch (err) {
    return err as UserError;
  }
  throw new Error("expected the configuration to be refused");
}

test("the backend gives every module its own state through {pipeline}", () => {
  expect(backendOf({ terraform: { backend: { s3: { bucket: "acme-tf-state" } } } }, "studio_live_feed")).toEqual({
    s3: { bucket: "acme-tf-state", key: "blackwell/studio_live_feed/terraform.tfstate" },
  });
  expect(backendOf({ terraform: { backend: { s3: { bucket: "acme-tf-state", key: "media/{pipeline}.tfstate", region: "eu-west-1" } } } }, "x")).toEqual({
    s3: { bucket: "acme-tf-state", key: "media/x.tfstate", region: "eu-west-1" },
  });
  expect(backendOf({ terraform: { backend: { cloud: { organization: "acme", workspace: "media-{pipeline}" } } } }, "creator-channel-shared")).toEqual({
    cloud: { organization: "acme", workspace: "media-creator-channel-shared" },
  });
  expect(backendOf({}, "x")).toBeUndefined();
});

test("a configuration that would share one state, names two backends or misspells a key is refused where it is written", () => {
  const dir = tmp();
  const write = (name: string, config: unknown) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(config, null, 2));
    return path.join(dir, name);
  };
  const shared = refusal(write("a.json", { terraform: { backend: { s3: { bucket: "acme-tf-state", key: "one/terraform.tfstate" } } } }));
  expect(shared.problems.map((p) => [p.file, p.path])).toEqual([[path.join(dir, "a.json"), "$.terraform.backend.s3.key"]]);
  const both = refusal(
    write("b.json", { terraform: { backend: { s3: { bucket: "acme-tf-state" }, cloud: { organization: "acme", workspace: "m-{pipeline}" } } } }),
  );
  expect(both.problems.map((p) => p.path)).toEqual(["$.terraform.backend"]);
  const typo = refusal(write("c.json", { terraform: { workdir: "x" } }));
  expect(typo.problems[0].path).toBe("$.terraform.workdir");
  expect(typo.problems[0].message).toMatch(/work_dir/); // the suggestion
  expect(refusal(path.join(dir, "missing.json")).message).toMatch(/cannot read .*missing\.json/);
  fs.writeFileSync(path.join(dir, "blackwell.config.yaml"), "terraform:\n  work_dir: roots\n");
  expect(loadProjectConfig(undefined, dir)).toEqual({ file: path.join(dir, "blackwell.config.yaml"), config: { terraform: { work_dir: "roots" } } });
});

test("plan/status roots follow the configuration in the folder they run from; flags win over it", () => {
  const cwd = tmp();
  fs.writeFileSync(
    path.join(cwd, "blackwell.config.json"),
    JSON.stringify({
      terraform: {
        work_dir: "state/roots",
        default_tags: { Team: "video", CostCenter: "cc-1" },
        backend: { s3: { bucket: "acme-tf-state", region: "us-east-1" } },
      },
    }),
  );
  const status = runCli(["media", "status", "studio_live_feed", "--no-live", "--json", "--tag", "CostCenter=cc-2", ...where], { cwd });
  expect(status.stderr).toBe("");
  expect(JSON.parse(status.stdout)).toMatchObject({ pipeline_id: "studio_live_feed", deployed: false });
  const root = JSON.parse(fs.readFileSync(path.join(cwd, "state", "roots", "studio_live_feed", "main.tf.json"), "utf8"));
  expect(root.terraform.backend.s3).toEqual({
    bucket: "acme-tf-state",
    key: "blackwell/studio_live_feed/terraform.tfstate",
    region: "us-east-1",
    use_lockfile: true,
    encrypt: true,
  });
  expect(root.provider.aws[0].default_tags[0].tags).toEqual({ ManagedBy: "blackwell-media-factory", Team: "video", CostCenter: "cc-2" });

  const flags = runCli(
    ["media", "status", "studio_live_feed", "--no-live", "--json", "--backend-s3-bucket", "other-state", "--work-dir", "elsewhere", ...where],
    { cwd },
  );
  expect(flags.status).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(cwd, "elsewhere", "studio_live_feed", "main.tf.json"), "utf8")).terraform.backend.s3.bucket).toBe("other-state");

  // The fleets and archive read the same configuration.
  const destroy = runCli(["media", "destroy-template", "creator-channel", "--yes", "--json", ...where], { cwd });
  expect(JSON.parse(destroy.stdout).results[0].detail).toBe("never deployed from state/roots");
  const archive = runCli(["media", "archive", "--pipeline", "studio_live_feed", ...where.slice(0, 2)], { cwd });
  expect(archive.stderr).toMatch(/no applied outputs in .*state\/roots\/studio_live_feed/);
});

test("a broken configuration stops the command with the file and JSON path, before terraform runs", () => {
  const cwd = tmp();
  fs.writeFileSync(path.join(cwd, "blackwell.config.json"), '{"terraform": {"backend": {"cloud": {"organization": "acme", "workspace": "media"}}}}');
  const r = runCli(["media", "plan", "studio_live_feed", ...where], { cwd });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/blackwell\.config\.json: \$\.terraform\.backend\.cloud\.workspace: error: "media" does not match .*one workspace per module/);
  expect(fs.existsSync(path.join(cwd, ".blackwell"))).toBe(false);
});

test("the README's example configuration is valid", () => {
  const readme = fs.readFileSync(projectPath("README.md"), "utf8");
  const example = /```json\n(\{\n {2}"\$schema": "\.\/schemas\/config\.schema\.json"[\s\S]*?)```/.exec(readme);
  expect(example).not.toBeNull();
  const file = path.join(tmp(), "blackwell.config.json");
  fs.writeFileSync(file, example![1]);
  expect(backendOf(loadProjectConfig(file).config, "studio_live_feed")).toEqual({
    s3: { bucket: "acme-terraform-state", key: "media/studio_live_feed/terraform.tfstate" },
  });
});
