/**
 * A fleet run installs providers once and every root links them, with the real terraform: a provider from a packed
 * filesystem mirror (the user's own CLI configuration) is unpacked into one cache by a seed init, and three roots
 * initialized at once link it instead of unpacking a copy each. And a root's first plan skips the refresh walk only
 * while nothing is applied in it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LOCK_FILE, SharedProviders } from "../../src/terraform/shared-providers";
import { applyRoot, ensureInit, savePlan } from "../../src/terraform/workflow";
import { prepareWorkingRoot } from "../../src/terraform/working-root";

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const fixtures = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "terraform", "modules");
const PLATFORM = `${os.platform()}_${os.arch() === "x64" ? "amd64" : os.arch()}`;
const INSTALLED = path.join(".terraform", "providers", "registry.terraform.io", "example", "fake", "1.0.0", PLATFORM);

/** A packed mirror holding example/fake 1.0.0 (never run: init only installs), and a CLI configuration that installs from it. */
function userConfigWithPackedMirror(work: string): string {
  const build = path.join(work, "build");
  fs.mkdirSync(build);
  fs.writeFileSync(path.join(build, "terraform-provider-fake_v1.0.0"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  const mirror = path.join(work, "mirror", "registry.terraform.io", "example", "fake");
  fs.mkdirSync(mirror, { recursive: true });
  const zip = spawnSync("zip", ["-q", path.join(mirror, `terraform-provider-fake_1.0.0_${PLATFORM}.zip`), "terraform-provider-fake_v1.0.0"], {
    cwd: build,
    encoding: "utf8",
  });
  if (zip.error || zip.status !== 0) throw new Error(`zip is needed to build the test's provider package: ${zip.error?.message ?? zip.stderr}`);
  const config = path.join(work, "user.tfrc");
  fs.writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(path.join(work, "mirror"))}\n  }\n}\n`);
  return config;
}

function moduleRequiringFake(work: string): string {
  const dir = path.join(work, "module");
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "versions.tf.json"),
    JSON.stringify({ terraform: { required_providers: { fake: { source: "example/fake", version: "1.0.0" } } } }),
  );
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { x: { input: "x" } } } }));
  return dir;
}

function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  };
  set(vars);
  return work().finally(() => set(before));
}

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "three roots initialized at once link one installation; without sharing each root unpacks its own copy",
  async () => {
    const work = tmp("bmf-shared-providers-");
    const config = userConfigWithPackedMirror(work);
    const moduleDir = moduleRequiringFake(work);
    await withEnv({ TF_CLI_CONFIG_FILE: config, TF_PLUGIN_CACHE_DIR: undefined }, async () => {
      const workDir = path.join(work, "roots");
      const providers = new SharedProviders(workDir, { offline: false, json: true });
      const roots = ["a", "b", "c"].map((id) => prepareWorkingRoot({ pipelineId: `creator-${id}`, moduleDir, region: "us-east-1", workDir }));
      await Promise.all(roots.map(async (root) => (await providers.prepare(root), ensureInit(root, { json: true }))));

      const cached = path.join(providers.cacheDir, "registry.terraform.io", "example", "fake", "1.0.0", PLATFORM);
      expect(fs.readdirSync(cached)).toEqual(["terraform-provider-fake_v1.0.0"]);
      const seeds = fs.readdirSync(path.join(workDir, ".providers")).filter((d) => d.startsWith("seed-"));
      expect(seeds).toHaveLength(1);
      const seedLock = fs.readFileSync(path.join(workDir, ".providers", seeds[0], LOCK_FILE), "utf8");
      expect(seedLock).toMatch(/provider "registry.terraform.io\/example\/fake"/);
      for (const root of roots) {
        const installed = path.join(root.dir, INSTALLED);
        expect(fs.lstatSync(installed).isSymbolicLink()).toBe(true); // linked, not unpacked again
        expect(fs.realpathSync(installed)).toBe(fs.realpathSync(cached));
        expect(fs.readFileSync(path.join(root.dir, LOCK_FILE), "utf8")).toBe(seedLock);
        expect(root.env.TF_CLI_CONFIG_FILE).toBe(config); // the user's configuration is still the one terraform reads
      }

      // The same root without the shared installation: terraform unpacks the package into it.
      const alone = prepareWorkingRoot({ pipelineId: "alone", moduleDir, region: "us-east-1", workDir: path.join(work, "other") });
      await ensureInit(alone, { json: true });
      expect(fs.lstatSync(path.join(alone.dir, INSTALLED)).isDirectory()).toBe(true);
    });
  },
);

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "the user's own plugin cache is the one filled and linked; no cache of ours is made",
  async () => {
    const work = tmp("bmf-shared-providers-");
    const config = userConfigWithPackedMirror(work);
    const moduleDir = moduleRequiringFake(work);
    const userCache = path.join(work, "user-cache");
    fs.mkdirSync(userCache);
    await withEnv({ TF_CLI_CONFIG_FILE: config, TF_PLUGIN_CACHE_DIR: userCache }, async () => {
      const workDir = path.join(work, "roots");
      const providers = new SharedProviders(workDir, { offline: false, json: true });
      const roots = ["a", "b"].map((id) => prepareWorkingRoot({ pipelineId: `creator-${id}`, moduleDir, region: "us-east-1", workDir }));
      await Promise.all(roots.map(async (root) => (await providers.prepare(root), ensureInit(root, { json: true }))));
      expect(fs.existsSync(providers.cacheDir)).toBe(false);
      for (const root of roots)
        expect(fs.realpathSync(path.join(root.dir, INSTALLED))).toBe(
          fs.realpathSync(path.join(userCache, "registry.terraform.io", "example", "fake", "1.0.0", PLATFORM)),
        );
    });
  },
);

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "a root's plan skips the refresh while nothing is applied in it, and refreshes once something is",
  async () => {
    const work = tmp("bmf-refresh-");
    const log = path.join(work, "terraform-args.log");
    const wrapper = path.join(work, "terraform");
    const real = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`, { mode: 0o755 });
    const varFile = path.join(work, "vars.json");
    fs.writeFileSync(varFile, JSON.stringify({ show_name: "refresh" }));
    await withEnv({ BLACKWELL_TERRAFORM: wrapper }, async () => {
      const root = prepareWorkingRoot({ pipelineId: "creator-1", moduleDir: path.join(fixtures, "fixture_show"), region: "us-east-1", workDir: work });
      const plans = () =>
        fs
          .readFileSync(log, "utf8")
          .split("\n")
          .filter((l) => l.startsWith("plan "));
      await savePlan(root, { varFile, json: true });
      expect(plans()[0]).toMatch(/ -refresh=false( |$)/); // never applied
      await applyRoot(root);
      await savePlan(root, { varFile, json: true });
      expect(plans()).toHaveLength(2);
      expect(plans()[1]).not.toMatch(/-refresh=false/); // its resource is in state now
    });
  },
);
