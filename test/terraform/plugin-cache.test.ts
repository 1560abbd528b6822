/**
 * Concurrent `terraform init`s sharing a plugin cache: terraform races on an empty cache ("failed to
 * create directory ... file exists"), so inits take a machine-wide lock on the cache they use.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withFileLock } from "../../src/core/file-lock";
import { cliConfigFor, findProviderMirror } from "../../src/terraform/mirror";
import { pluginCacheDirIn } from "../../src/terraform/plugin-cache";
import { ensureInit } from "../../src/terraform/workflow";

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

test("the lock lets one holder in at a time, across async work in one process", async () => {
  const lockDir = path.join(tmp("bmf-lock-"), "lock");
  let inside = 0;
  let most = 0;
  const waits: string[] = [];
  const hold = () =>
    withFileLock(
      lockDir,
      async () => {
        most = Math.max(most, ++inside);
        await new Promise((resolve) => setTimeout(resolve, 40));
        inside--;
      },
      { pollMs: 5, onWait: (owner) => waits.push(owner) },
    );
  await Promise.all([hold(), hold(), hold()]);
  expect(most).toBe(1);
  expect(waits.length).toBe(2);
  expect(waits[0]).toMatch(new RegExp(`^${process.pid} `));
  expect(fs.existsSync(lockDir)).toBe(false);
});

test("a lock whose owner died is taken over; a failing holder still releases it", async () => {
  const lockDir = path.join(tmp("bmf-lock-"), "lock");
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => dead.on("close", resolve));
  fs.mkdirSync(lockDir);
  fs.writeFileSync(path.join(lockDir, "owner"), `${dead.pid} ${os.hostname()} 2026-01-01T00:00:00.000Z\n`);
  await expect(withFileLock(lockDir, () => Promise.resolve("taken"), { timeoutMs: 2_000 })).resolves.toBe("taken");

  await expect(withFileLock(lockDir, async () => Promise.reject(new Error("init failed")))).rejects.toThrow("init failed");
  expect(fs.existsSync(lockDir)).toBe(false);
});

test("a live owner is waited for until the timeout, which names the lock and its owner", async () => {
  const lockDir = path.join(tmp("bmf-lock-"), "lock");
  fs.mkdirSync(lockDir);
  fs.writeFileSync(path.join(lockDir, "owner"), `${process.ppid} ${os.hostname()} 2026-01-01T00:00:00.000Z\n`);
  await expect(withFileLock(lockDir, () => Promise.resolve("never"), { timeoutMs: 100, pollMs: 10 })).rejects.toThrow(
    new RegExp(`timed out waiting for the lock ${lockDir} held by ${process.ppid} `),
  );
});

test("the plugin cache in effect: TF_PLUGIN_CACHE_DIR, else the CLI configuration's plugin_cache_dir", () => {
  const dir = tmp("bmf-tfrc-");
  const config = path.join(dir, "cli.tfrc");
  fs.writeFileSync(config, 'disable_checkpoint = true\nplugin_cache_dir = "$HOME/.terraform.d/plugin-cache"\n');
  expect(pluginCacheDirIn({ TF_CLI_CONFIG_FILE: config, HOME: "/home/someone" })).toBe("/home/someone/.terraform.d/plugin-cache");
  expect(pluginCacheDirIn({ TF_CLI_CONFIG_FILE: config, TF_PLUGIN_CACHE_DIR: "/var/cache/tf" })).toBe("/var/cache/tf");
  fs.writeFileSync(config, "disable_checkpoint = true\n");
  expect(pluginCacheDirIn({ TF_CLI_CONFIG_FILE: config })).toBeUndefined();
  expect(pluginCacheDirIn({ TF_CLI_CONFIG_FILE: path.join(dir, "missing.tfrc") })).toBeUndefined();
});

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "three roots init at once into one empty plugin cache, with the real aws provider",
  async () => {
    const mirror = findProviderMirror();
    if (!mirror) throw new Error("no hashicorp/aws provider mirror found; set BLACKWELL_TF_PLUGIN_MIRROR or BLACKWELL_SKIP_TERRAFORM=1");
    const work = tmp("bmf-init-race-");
    const config = path.join(work, "cli.tfrc");
    fs.writeFileSync(config, `plugin_cache_dir = ${JSON.stringify(path.join(work, "empty-cache"))}\n${cliConfigFor(mirror)}`);
    fs.mkdirSync(path.join(work, "empty-cache"));
    const roots = ["a", "b", "c"].map((name) => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } } } }),
      );
      return { dir, env: { ...process.env, TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" }, needsInit: true, configHash: name };
    });
    await Promise.all(roots.map((root) => ensureInit(root, { json: true })));
    for (const root of roots)
      expect(fs.existsSync(path.join(root.dir, ".terraform", "providers", "registry.terraform.io", "hashicorp", "aws", "5.100.0"))).toBe(true);
  },
);
