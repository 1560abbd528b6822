/**
 * Writes a whole set of generated modules so that a synth killed or failing at any point leaves the previous set or
 * the new one, never a mix:
 *   1. every module is staged under <out>/.blackwell-synth-<pid>-<n>/new/<id>/ (the old set is untouched);
 *   2. writing commit.json there (an atomic rename) is the commit point: from then on the new set is the result;
 *   3. each <out>/<id> is swapped for its staged copy, the old one parked under old/<id>, and the staging folder removed.
 * A run that finds a dead run's staging folder finishes it if it was committed (roll forward, idempotent) and removes
 * it otherwise; `synth --check` reports such leftovers as strays.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";
import { UserError } from "../core/problems";

export interface ModuleSetEntry {
  pipelineId: string;
  files: ReadonlyMap<string, string | Buffer>;
}

const STAGING_PREFIX = ".blackwell-synth-";
const COMMIT_FILE = "commit.json";
/** Folders the writer of earlier versions left when killed: .<id>.new-<pid>-<ms> and .<id>.old-<pid>-<ms>. */
const LEGACY_LEFTOVER = /^\.(.+)\.(new|old)-(\d+)-\d+$/;

/** Files synth writes into a module: Terraform JSON (not override files), the README and the usage example. */
export function isGeneratedModuleFile(rel: string): boolean {
  if (rel === "README.md" || rel === "examples/basic/main.tf.json") return true;
  return !rel.includes("/") && /^[a-z0-9_-]+\.tf\.json$/.test(rel) && !/(^|_)override\.tf\.json$/.test(rel);
}

/** Relative paths in an existing module folder that synth did not write (state, overrides, .terraform/); folders end in /. */
export function foreignFiles(moduleDir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(moduleDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && (child === "examples" || child === "examples/basic")) walk(child);
      else if (entry.isDirectory()) found.push(child + "/");
      else if (!isGeneratedModuleFile(child)) found.push(child);
    }
  };
  if (fs.existsSync(moduleDir) && fs.statSync(moduleDir).isDirectory()) walk("");
  return found.sort();
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return false; // ours would not exist yet: a leftover from an earlier process with our pid
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const stagingPid = (name: string) => Number(/^\.blackwell-synth-(\d+)-/.exec(name)?.[1] ?? NaN);

/** Leftovers of interrupted synths in `outDir` (names), those of runs still going excluded. */
export function strayEntries(outDir: string): string[] {
  if (!fs.existsSync(outDir)) return [];
  return fs
    .readdirSync(outDir)
    .filter(
      (name) =>
        (name.startsWith(STAGING_PREFIX) && !pidAlive(stagingPid(name))) || (LEGACY_LEFTOVER.test(name) && !pidAlive(Number(LEGACY_LEFTOVER.exec(name)![3]))),
    )
    .sort();
}

/** Swaps the staged modules of a committed staging folder into `outDir`; safe to run again after an interruption. */
function applyCommitted(outDir: string, staging: string): void {
  const { ids } = JSON.parse(fs.readFileSync(path.join(staging, COMMIT_FILE), "utf8")) as { ids: string[] };
  fs.mkdirSync(path.join(staging, "old"), { recursive: true });
  for (const id of ids) {
    const staged = path.join(staging, "new", id);
    if (!fs.existsSync(staged)) continue; // already swapped in
    const target = path.join(outDir, id);
    const parked = path.join(staging, "old", id);
    if (fs.existsSync(target) && !fs.existsSync(parked)) fs.renameSync(target, parked);
    else if (fs.existsSync(target)) fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staged, target);
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Finishes or removes what interrupted synths left in `outDir`; returns the names it dealt with. */
export function recoverModuleSets(outDir: string): string[] {
  const strays = strayEntries(outDir);
  for (const name of strays) {
    const full = path.join(outDir, name);
    const legacy = LEGACY_LEFTOVER.exec(name);
    if (legacy?.[2] === "old" && !fs.existsSync(path.join(outDir, legacy[1])))
      fs.renameSync(full, path.join(outDir, legacy[1])); // killed mid-swap: put the old module back
    else if (!legacy && fs.existsSync(path.join(full, COMMIT_FILE))) applyCommitted(outDir, full);
    else fs.rmSync(full, { recursive: true, force: true });
  }
  return strays;
}

let stagingCounter = 0;

/**
 * One module set on its way in: modules are staged one by one (as they are rendered, so the writing overlaps the
 * rendering of the rest), and nothing in `outDir` changes until commit(). abandon() removes what was staged.
 */
export class ModuleSetStaging {
  private readonly staging: string;
  private readonly madeDirs = new Set<string>();
  /** Files synth did not write in each module's current folder (checked as the module is staged, reported at commit). */
  private readonly foreign = new Map<string, string[]>();

  /** force: replace module folders even when they hold files synth did not write (those files are deleted). */
  constructor(
    private readonly outDir: string,
    private readonly force = false,
  ) {
    recoverModuleSets(outDir);
    this.staging = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${stagingCounter++}`);
  }

  stage(m: ModuleSetEntry): void {
    if (!this.force) {
      const found = foreignFiles(path.join(this.outDir, m.pipelineId));
      if (found.length) this.foreign.set(m.pipelineId, found);
    }
    for (const [rel, content] of m.files) {
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes("..")) throw new Error(`unsafe path in module: ${rel}`);
      const file = path.join(this.staging, "new", m.pipelineId, rel);
      const dir = path.dirname(file);
      if (!this.madeDirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.madeDirs.add(dir);
      }
      fs.writeFileSync(file, content);
    }
  }

  /** Every module of `ids` (in this order) must have been staged. The commit point, then the swap. */
  commit(ids: string[]): void {
    try {
      const foreign = ids.flatMap((id) => (this.foreign.get(id) ?? []).map((f) => path.join(this.outDir, id, f)));
      if (foreign.length)
        throw new UserError(
          `module folders hold files synth did not write, which replacing them would delete: ${foreign.join(", ")}; move them out (run terraform in a working root, not in the module), or pass --force`,
        );
      writeFileAtomic(path.join(this.staging, COMMIT_FILE), JSON.stringify({ ids }) + "\n");
    } catch (err) {
      this.abandon();
      throw err;
    }
    applyCommitted(this.outDir, this.staging);
  }

  abandon(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}
