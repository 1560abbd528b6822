/**
 * Filesystem faults as one line a user can act on (exit 1), instead of a stack trace: the path, what was
 * being done, and why it failed in words.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "./problems";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted (immutable, or a system folder such as /proc or /sys)",
  EROFS: "read-only file system",
  ENOTDIR: "a file is in the way where a folder is needed",
  EISDIR: "a folder is in the way where a file is needed",
  EEXIST: "something else already exists there",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOENT: "no such file or folder, and it cannot be created there",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many symbolic links",
};

export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string" && (err as NodeJS.ErrnoException).syscall !== undefined;
}

/** A UserError for a filesystem error, or the error itself when it is not one. */
export function fsFailure(err: unknown, action: string): unknown {
  if (!isFsError(err)) return err;
  const where = err.path ?? "";
  return new UserError(`cannot ${action}: ${where ? `${where}: ` : ""}${REASONS[err.code!] ?? err.code}`);
}

/**
 * Creates `dir` and its missing parents one level at a time. `mkdir -p` semantics, but never
 * `fs.mkdirSync(recursive)`, which loops forever under /proc (mkdir there says ENOENT for a parent that exists).
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: "ENOTDIR", syscall: "mkdir", path: at });
      break;
    }
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !fs.statSync(d).isDirectory()) throw err;
    }
  }
}
