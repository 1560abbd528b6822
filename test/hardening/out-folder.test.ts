/**
 * Issue 15: --out problems are one clear line and exit 1 (never a stack trace or exit 2), and --out under /proc no
 * longer hangs in a recursive mkdir.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI_ENTRY, CliResult, runCli } from "../support/cli";
import { SEED_DEFINITION } from "../support/seed-definition";

const seed = SEED_DEFINITION;

/** A world-readable folder holding one definition, so another user can read it too. */
function definitions(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-out-"));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "p.json"), JSON.stringify(seed));
  return dir;
}

function expectOneLine(r: CliResult, message: RegExp) {
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(message) });
  expect(
    r.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("[")),
  ).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

test("--out that is a file", () => {
  const dir = definitions();
  const file = path.join(dir, "not-a-folder");
  fs.writeFileSync(file, "x");
  expectOneLine(runCli(["media", "synth", dir, "--out", file]), new RegExp(`^error: cannot write modules to ${file}: ${file}: a file is in the way`));
  expectOneLine(runCli(["media", "synth", dir, "--out", path.join(file, "below")]), /a file is in the way/);
});

test("--out under /sys and /proc: one line, exit 1, and /proc no longer hangs", () => {
  const dir = definitions();
  expectOneLine(
    runCli(["media", "synth", dir, "--out", "/sys/blackwell-modules"]),
    /^error: cannot write modules to \/sys\/blackwell-modules: .*(not permitted|permission denied|read-only)/,
  );
  const started = Date.now();
  const r = runCli(["media", "synth", dir, "--out", "/proc/x/modules"], { timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(30_000);
  expectOneLine(r, /^error: cannot write modules to \/proc\/x\/modules: /);
});

test("an immutable --out folder", () => {
  const dir = definitions();
  const out = path.join(dir, "immutable");
  fs.mkdirSync(out);
  const chattr = spawnSync("chattr", ["+i", out], { encoding: "utf8" });
  if (chattr.status !== 0) {
    console.warn(`SKIPPED (loudly): chattr +i is not possible here: ${chattr.stderr || chattr.error}`);
    return;
  }
  try {
    expectOneLine(runCli(["media", "synth", dir, "--out", out]), /^error: cannot write modules to .*immutable: .*operation not permitted/);
  } finally {
    spawnSync("chattr", ["-i", out]);
  }
});

test("a read-only folder, and a root-owned folder written as another user (nobody, through setpriv)", () => {
  const dir = definitions();
  const rootOwned = path.join(dir, "root-owned");
  const readOnly = path.join(dir, "read-only");
  fs.mkdirSync(rootOwned, { mode: 0o755 });
  fs.mkdirSync(readOnly);
  fs.chmodSync(readOnly, 0o555);
  const asNobody = (out: string) => {
    const r = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI_ENTRY, "media", "synth", dir, "--out", out], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir },
    });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, error: r.error };
  };
  const probe = asNobody(path.join(dir, "probe-not-created"));
  // A checkout below a private folder (a mktemp -d clone is 0700) keeps the CLI itself from another user.
  const cliUnreadable = probe.stderr.includes(`Cannot find module '${CLI_ENTRY}'`);
  if (process.getuid?.() !== 0 || probe.error || /setpriv/.test(probe.stderr) || cliUnreadable) {
    console.warn(`SKIPPED (loudly): cannot run the CLI as another user here (uid ${process.getuid?.()}): ${probe.error ?? probe.stderr}`);
    return;
  }
  for (const out of [rootOwned, readOnly]) {
    const r = asNobody(out);
    expectOneLine(r, new RegExp(`^error: cannot write modules to ${out}: .*permission denied`));
    expect(fs.readdirSync(out)).toEqual([]);
  }
});
