/**
 * Packages a generated module as registries expect: the standard module structure (root module,
 * README, examples/, LICENSE when given) in <namespace>-<name>-<provider>-<version>.tar.gz.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tar from "tar";
import { UserError } from "../core/problems";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const REGISTRY_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface ModuleCoordinates {
  namespace: string;
  name: string;
  provider: string;
  version: string;
}

export function checkCoordinates(c: ModuleCoordinates): void {
  if (!SEMVER.test(c.version)) throw new UserError(`--version must be a semantic version like 1.2.0; got ${JSON.stringify(c.version)}`);
  for (const [what, value] of [
    ["namespace", c.namespace],
    ["module name", c.name],
    ["provider", c.provider],
  ] as const)
    if (!REGISTRY_NAME.test(value)) throw new UserError(`${what} must be lower-case letters, digits and hyphens; got ${JSON.stringify(value)}`);
}

/** Registry module names allow hyphens, not underscores: studio_live_feed -> studio-live-feed. */
export function registryName(pipelineId: string): string {
  return pipelineId.replace(/_/g, "-");
}

export function tarballName(c: ModuleCoordinates): string {
  return `${c.namespace}-${c.name}-${c.provider}-${c.version}.tar.gz`;
}

/** Writes the tarball into `outDir` and returns its path. Files are added in sorted order with fixed mtimes, so identical modules give identical bytes. */
export async function packModule(moduleDir: string, c: ModuleCoordinates, outDir: string, licenseFile?: string): Promise<string> {
  checkCoordinates(c);
  if (!fs.existsSync(path.join(moduleDir, "versions.tf.json")))
    throw new UserError(`${moduleDir} is not a generated module (no versions.tf.json); run blackwell media synth first`);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-pack-"));
  try {
    fs.cpSync(moduleDir, staging, { recursive: true });
    if (licenseFile) fs.copyFileSync(licenseFile, path.join(staging, "LICENSE"));
    const files: string[] = [];
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(staging, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(child);
        else files.push(child);
      }
    };
    walk("");
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, tarballName(c));
    await tar.create({ gzip: true, file: out, cwd: staging, portable: true, mtime: new Date("2000-01-01T00:00:00Z") }, files);
    return out;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
