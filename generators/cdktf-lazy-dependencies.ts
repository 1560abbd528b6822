/**
 * Defers two packages cdktf 0.21 requires eagerly but a module synth never calls: `archiver` (and its dozen
 * dependencies), required through cdktf/lib/terraform-asset -> lib/private/fs.js to zip a TerraformAsset, which modules
 * never have; and `semver` (45 files), required by lib/validations/validate-binary-version.js to check terraform's
 * version during App validation, which synth skips. Together about a fifth of a one-pipeline synth's start-up (issue 20).
 *
 * How: before cdktf is first loaded, the module cache gets, under each package's resolved path, a stand-in whose calls
 * and properties load the real package on first use. Nothing changes if cdktf resolves a package elsewhere (the real one
 * just loads as before). test/generators/cdktf-lazy-dependencies.test.ts pins cdktf's uses of both and checks the
 * stand-ins forward to the real modules.
 */
import Module from "node:module";
import * as path from "node:path";

/** Each deferred package and the cdktf file that requires it (the only one, as the test checks). */
export const DEFERRED_CDKTF_DEPENDENCIES = {
  archiver: "cdktf/lib/private/fs.js",
  semver: "cdktf/lib/validations/validate-binary-version.js",
} as const;

export type DeferredDependency = keyof typeof DEFERRED_CDKTF_DEPENDENCIES;

/** Where cdktf's `require(name)` resolves to, or undefined when it cannot be found from cdktf. */
export function deferredDependencyPath(name: DeferredDependency): string | undefined {
  try {
    return require.resolve(name, { paths: [path.dirname(require.resolve(DEFERRED_CDKTF_DEPENDENCIES[name]))] });
  } catch {
    return undefined;
  }
}

/** Installs the stand-ins for packages nothing loaded yet; returns the names it deferred. Call before cdktf loads. */
export function deferCdktfDependencies(): DeferredDependency[] {
  return (Object.keys(DEFERRED_CDKTF_DEPENDENCIES) as DeferredDependency[]).filter(defer);
}

function defer(name: DeferredDependency): boolean {
  const file = deferredDependencyPath(name);
  if (!file || require.cache[file]) return false;
  let real: unknown;
  const load = () => {
    if (real === undefined) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred load itself
      real = require(file);
    }
    return real as (...args: unknown[]) => unknown;
  };
  const standIn = new Proxy(function deferred() {}, {
    apply: (_target, thisArg, args: unknown[]) => Reflect.apply(load(), thisArg, args),
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
  });
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = standIn;
  require.cache[file] = entry;
  return true;
}
