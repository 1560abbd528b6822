/**
 * Terraform's provider plugin cache is not safe for concurrent `terraform init`: two inits filling an empty
 * cache race on the same directory ("failed to create directory ... file exists"). Fleets and parallel
 * test workers init several roots at once, so every init that uses a cache takes a machine-wide lock on it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withFileLock } from "../core/file-lock";

/** The plugin cache directory an init with this environment would use, if any. */
export function pluginCacheDirIn(env: NodeJS.ProcessEnv): string | undefined {
  if (env.TF_PLUGIN_CACHE_DIR) return path.resolve(env.TF_PLUGIN_CACHE_DIR);
  const configFile = env.TF_CLI_CONFIG_FILE ?? env.TERRAFORM_CONFIG ?? path.join(os.homedir(), ".terraformrc");
  let text: string;
  try {
    text = fs.readFileSync(configFile, "utf8");
  } catch {
    return undefined;
  }
  const setting = /^\s*plugin_cache_dir\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(text);
  if (!setting) return undefined;
  const dir = JSON.parse(`"${setting[1]}"`) as string;
  // terraform expands environment variables in this setting ("$HOME/.terraform.d/plugin-cache")
  const expanded = dir.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => env[braced ?? bare] ?? "");
  return path.resolve(expanded.replace(/^~(?=$|\/)/, os.homedir()));
}

/** Runs an init under the lock of the plugin cache it uses; without a cache there is nothing to share. */
export function withPluginCacheLock<T>(env: NodeJS.ProcessEnv, init: () => Promise<T>, onWait?: (cacheDir: string) => void): Promise<T> {
  const cacheDir = pluginCacheDirIn(env);
  if (!cacheDir) return init();
  const key = createHash("sha256").update(cacheDir).digest("hex").slice(0, 16);
  return withFileLock(path.join(os.tmpdir(), `blackwell-terraform-init-${key}.lock`), init, { onWait: () => onWait?.(cacheDir) });
}
