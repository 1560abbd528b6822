/**
 * A lock shared by every process on this machine: a directory created with mkdir (atomic), holding the
 * owner's pid. A lock whose owner died is taken over; a live owner is waited for.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface FileLockOptions {
  /** Called once, when the lock is first found held by someone else. */
  onWait?: (owner: string) => void;
  pollMs?: number;
  timeoutMs?: number;
}

/** A lock directory without an owner file is being created; after this long it is an abandoned one. */
const OWNERLESS_GRACE_MS = 30_000;

export async function withFileLock<T>(lockDir: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const ownerFile = path.join(lockDir, "owner");
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, `${process.pid} ${os.hostname()} ${new Date().toISOString()}\n`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = readOwner(ownerFile);
    if (isAbandoned(lockDir, owner)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      options.onWait?.(owner ?? "a process that is starting");
      announced = true;
    }
    if (Date.now() - started > (options.timeoutMs ?? 15 * 60_000))
      throw new Error(`timed out waiting for the lock ${lockDir} held by ${owner ?? "an unknown process"}; remove it if no such process runs`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 150));
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function readOwner(ownerFile: string): string | undefined {
  try {
    return fs.readFileSync(ownerFile, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function isAbandoned(lockDir: string, owner: string | undefined): boolean {
  if (owner === undefined) {
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs > OWNERLESS_GRACE_MS;
    } catch {
      return false; // released meanwhile: the next mkdir decides
    }
  }
  const [pid, host] = owner.split(" ");
  if (host !== os.hostname()) return false; // another machine sharing the folder: only it can tell
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
