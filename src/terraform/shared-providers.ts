/**
 * One provider installation for every working root of a fleet run, instead of one per root.
 *
 * Why this is safe with roots initialized and planned at once:
 * - Providers are installed once, by a seed init in a folder of its own that requires exactly what the roots require.
 *   Its lock file is copied into each new root, so a root's init finds every locked package already installed and only
 *   links it (terraform 1.4+ installs a provider missing from the lock file from its origin again, cache or not).
 * - Online, the packages land in a plugin cache: the user's own (TF_PLUGIN_CACHE_DIR or plugin_cache_dir of their CLI
 *   configuration, which stays in effect: credentials, mirrors), else one beside the roots, given through the
 *   environment so the user's CLI configuration file is still the one read. Every init that uses a cache holds the
 *   machine-wide lock on it (withPluginCacheLock), so the seed fills it alone and roots' inits never write it
 *   concurrently; plans only execute the linked binaries.
 * - Offline, the machine's unpacked filesystem mirror is the installation: terraform links it into each root read-only,
 *   so no cache is added (a cache would be a second copy of 700 MB).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginCacheDirIn } from "./plugin-cache";
import { ensureInit } from "./workflow";
import { WorkingRoot } from "./working-root";

export const LOCK_FILE = ".terraform.lock.hcl";

export class SharedProviders {
  private readonly seeds = new Map<string, Promise<string | undefined>>();

  /** `workDir`: the folder of the fleet's working roots; its .providers holds the seed roots and the fleet's cache. */
  constructor(
    private readonly workDir: string,
    private readonly o: { offline: boolean; json?: boolean },
  ) {}

  /** The fleet's plugin cache, used online when the user has none. */
  get cacheDir(): string {
    return path.join(path.resolve(this.workDir), ".providers", "cache");
  }

  /** Before a root's init: point it at the shared installation and give it the seed's lock file. */
  async prepare(root: WorkingRoot): Promise<void> {
    if (!root.needsInit) return;
    if (!this.o.offline && !pluginCacheDirIn(root.env)) {
      fs.mkdirSync(this.cacheDir, { recursive: true });
      root.env.TF_PLUGIN_CACHE_DIR = this.cacheDir;
    }
    const requirements = requiredProviders(root.dir);
    if (!requirements) return;
    const key = createHash("sha256")
      .update(requirements)
      .update("\0")
      .update(pluginCacheDirIn(root.env) ?? "")
      .update("\0")
      .update(cliConfigText(root.env))
      .digest("hex")
      .slice(0, 16);
    if (!this.seeds.has(key)) this.seeds.set(key, this.seed(key, requirements, root.env));
    const lock = await this.seeds.get(key)!;
    const rootLock = path.join(root.dir, LOCK_FILE);
    if (lock && !fs.existsSync(rootLock)) fs.copyFileSync(lock, rootLock);
  }

  /** Installs what the roots require once; the seed's lock file, or undefined when it failed (each root's init then reports why). */
  private async seed(key: string, requirements: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
    const dir = path.join(path.resolve(this.workDir), ".providers", `seed-${key}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: JSON.parse(requirements) } }, null, 2) + "\n");
    const hashFile = path.join(dir, ".blackwell-config-hash");
    const lock = path.join(dir, LOCK_FILE);
    const initialized = fs.existsSync(lock) && fs.existsSync(hashFile) && fs.readFileSync(hashFile, "utf8") === key;
    try {
      await ensureInit({ dir, env: { ...env }, needsInit: !initialized, configHash: key }, { json: this.o.json });
    } catch {
      return undefined;
    }
    return fs.existsSync(lock) ? lock : undefined;
  }
}

/** The providers a working root requires, as canonical JSON (undefined for a root without any). */
function requiredProviders(rootDir: string): string | undefined {
  const file = path.join(rootDir, "main.tf.json");
  if (!fs.existsSync(file)) return undefined;
  const required = JSON.parse(fs.readFileSync(file, "utf8")).terraform?.required_providers as Record<string, unknown> | undefined;
  if (!required || Object.keys(required).length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(Object.entries(required).sort(([a], [b]) => a.localeCompare(b))));
}

/** The CLI configuration a root's terraform reads (where providers come from), or "" without one. */
function cliConfigText(env: NodeJS.ProcessEnv): string {
  const file = env.TF_CLI_CONFIG_FILE ?? env.TERRAFORM_CONFIG;
  try {
    return file ? fs.readFileSync(file, "utf8") : "";
  } catch {
    return "";
  }
}
