/**
 * Atomic file and directory writes: readers (and a failed run) see either the old content or the
 * new content, never a half-written mix.
 */
import * as fs from "node:fs";
import * as path from "node:path";

function tempSibling(target: string, tag: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}-${process.pid}-${Date.now()}`);
}

export function writeFileAtomic(target: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target, "tmp");
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes `files` (relative path -> content) as the whole new content of directory `target`. */
export function replaceDirectoryAtomic(target: string, files: ReadonlyMap<string, string | Buffer>): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = tempSibling(target, "new");
  const retired = tempSibling(target, "old");
  try {
    for (const [rel, content] of files) {
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes("..")) throw new Error(`unsafe path in module: ${rel}`);
      const file = path.join(staging, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    const existed = fs.existsSync(target);
    if (existed) fs.renameSync(target, retired);
    try {
      fs.renameSync(staging, target);
    } catch (err) {
      if (existed) fs.renameSync(retired, target);
      throw err;
    }
    fs.rmSync(retired, { recursive: true, force: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Reads a directory back as relative path -> content (sorted), for comparisons and staleness checks. */
export function readDirectoryFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(dir, child), "utf8"));
    }
  };
  if (fs.existsSync(dir)) walk("");
  return out;
}
