/**
 * Defers loading `archiver` (and its dozen dependencies) that cdktf 0.21 requires eagerly through
 * cdktf/lib/terraform-asset -> lib/private/fs.js, although it only calls it to zip a TerraformAsset, which modules never
 * have. It was about a sixth of a one-pipeline synth's start-up (issue 20).
 *
 * How: before cdktf is first loaded, the module cache gets, under archiver's resolved path, a stand-in whose calls and
 * properties load the real archiver on first use. Nothing changes if cdktf resolves archiver elsewhere (the real one
 * just loads as before). test/generators/cdktf-lazy-archiver.test.ts pins cdktf's uses of archiver and checks the
 * stand-in forwards to the real module.
 */
import Module from "node:module";
import * as path from "node:path";

/** Where cdktf's `require("archiver")` resolves to, or undefined when it cannot be found from cdktf. */
export function archiverPath(): string | undefined {
  try {
    return require.resolve("archiver", { paths: [path.dirname(require.resolve("cdktf/lib/private/fs.js"))] });
  } catch {
    return undefined;
  }
}

/** Installs the stand-in unless cdktf (or anything) already loaded archiver; returns whether it did. Call before cdktf loads. */
export function deferArchiver(): boolean {
  const file = archiverPath();
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
  const standIn = new Proxy(function archiver() {}, {
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
