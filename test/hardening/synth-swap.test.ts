/**
 * Issue 15, output integrity: the module set is staged and swapped in whole. A synth killed at a random moment of its
 * write window leaves the old set or the new one; leftovers are finished or removed by the next run, --check reports
 * them, and module folders holding files synth did not write are refused unless --force.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readDirectoryFiles } from "../../src/core/atomic-write";
import { recoverModuleSets } from "../../src/synth/module-set";
import { CLI_ENTRY, runCli } from "../support/cli";

const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "examples");
const PICKED = ["studio_live_feed.json", "vod-library.json", "product-demos.yaml"];

/** A definitions folder with the picked examples, titles changed so every module differs between "old" and "new". */
function definitions(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bmf-swap-${label}-`));
  for (const name of PICKED) {
    const text = fs.readFileSync(path.join(EXAMPLES, name), "utf8");
    const titled = name.endsWith(".json")
      ? JSON.stringify({ ...JSON.parse(text), title: `${label} set` })
      : text.replace(/^title: .*$/m, `title: ${label} set`);
    fs.writeFileSync(path.join(dir, name), titled);
  }
  return dir;
}

const snapshot = (dir: string) =>
  new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, [...readDirectoryFiles(path.join(dir, name))].join("\n")]),
  );

function synthInto(defs: string, out: string): void {
  const r = runCli(["media", "synth", defs, "--out", out]);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
}

let oldDefs: string, newDefs: string, oldSet: Map<string, string>, newSet: Map<string, string>, oldOut: string;

beforeAll(() => {
  oldDefs = definitions("old");
  newDefs = definitions("new");
  oldOut = path.join(oldDefs, "out");
  const newOut = path.join(newDefs, "out");
  synthInto(oldDefs, oldOut);
  synthInto(newDefs, newOut);
  oldSet = snapshot(oldOut);
  newSet = snapshot(newOut);
  expect([...oldSet.keys()]).toEqual([...newSet.keys()]);
  for (const id of oldSet.keys()) expect(oldSet.get(id)).not.toEqual(newSet.get(id));
});

/**
 * Runs synth of the new set over a copy of the old one and SIGKILLs it `delayMs` after it starts writing (its first
 * progress line). The write window ends with the summary line on stdout.
 */
function killedSynth(out: string, delayMs: number): Promise<{ killed: boolean; windowMs: number; stagedMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_ENTRY, "media", "synth", newDefs, "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    let writingSince = 0;
    let windowMs = 0;
    let stagedMs = 0;
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (!writingSince && text.includes("[1/")) {
        writingSince = Date.now();
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
      if (writingSince && /\[(\d+)\/\1\]/.test(text)) stagedMs = Date.now() - writingSince;
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("modules in")) windowMs = Date.now() - writingSince;
    });
    child.on("exit", (_code, signal) => resolve({ killed: signal === "SIGKILL", windowMs, stagedMs }));
  });
}

test("a synth killed at random moments of its write window leaves all-old or all-new, and the next run leaves no strays", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-kill-"));
  // The write window: from the first staged module to the end of the process, measured on an uninterrupted run.
  const measured = path.join(work, "measured");
  fs.cpSync(oldOut, measured, { recursive: true });
  const { windowMs, stagedMs } = await killedSynth(measured, 60_000);
  expect(snapshot(measured)).toEqual(newSet);
  const outcomes = { old: 0, new: 0, committedMidSwap: 0, killed: 0 };
  for (let run = 0; run < 6; run++) {
    const out = path.join(work, `run-${run}`);
    fs.cpSync(oldOut, out, { recursive: true });
    // Even runs aim at staging (before the commit point), odd ones at the commit and the swap after it.
    const delay = run % 2 === 0 ? Math.random() * stagedMs : stagedMs + Math.random() * (windowMs - stagedMs + 2);
    const { killed } = await killedSynth(out, delay);
    if (killed) outcomes.killed++;
    const strays = fs.readdirSync(out).filter((n) => n.startsWith("."));
    const modules = new Map([...snapshot(out)].filter(([name]) => !name.startsWith(".")));
    const state = sameSet(modules, oldSet) ? "old" : sameSet(modules, newSet) ? "new" : "mixed";
    // Mixed is only possible after the commit point, and then the staged copy completes it.
    const committed = strays.some((s) => fs.existsSync(path.join(out, s, "commit.json")));
    expect({ run, state: state === "mixed" && committed ? "committed" : state }).toEqual({ run, state: expect.stringMatching(/^(old|new|committed)$/) });
    if (state === "mixed") outcomes.committedMidSwap++;
    else outcomes[state]++;
    recoverModuleSets(out); // what the next synth does first
    expect(fs.readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
    const after = snapshot(out);
    expect(sameSet(after, oldSet) || sameSet(after, newSet)).toBe(true);
    if (committed) expect(sameSet(after, newSet)).toBe(true);
  }
  console.log(`kill-during-synth: write window ${windowMs} ms (staging ${stagedMs} ms), outcomes ${JSON.stringify(outcomes)}`);
  expect(outcomes.killed).toBeGreaterThan(0);
});

const sameSet = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

test("--check reports strays left by killed synths (this and earlier versions); the next synth removes them", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-strays-")), "out");
  fs.cpSync(oldOut, out, { recursive: true });
  const deadPid = 2 ** 22 + 1; // above pid_max's default: no such process
  fs.mkdirSync(path.join(out, `.blackwell-synth-${deadPid}-0`, "new", "studio_live_feed"), { recursive: true });
  fs.mkdirSync(path.join(out, `.studio_live_feed.new-${deadPid}-1700000000000`));
  fs.mkdirSync(path.join(out, `.vod-library.old-${deadPid}-1700000000000`));
  const check = runCli(["media", "synth", oldDefs, "--out", out, "--check"]);
  expect(check.status).toBe(1);
  expect(check.stderr).toMatch(/^error: stray folders: run blackwell media synth/m);
  for (const name of [`.blackwell-synth-${deadPid}-0`, `.studio_live_feed.new-${deadPid}-1700000000000`, `.vod-library.old-${deadPid}-1700000000000`])
    expect(check.stderr).toContain(`${out}/${name}: left by an interrupted synth`);
  synthInto(oldDefs, out);
  expect(fs.readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  expect(snapshot(out)).toEqual(oldSet);
  expect(runCli(["media", "synth", oldDefs, "--out", out, "--check"]).status).toBe(0);
});

test("module folders holding files synth did not write are refused, naming them, unless --force", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-foreign-")), "out");
  fs.cpSync(oldOut, out, { recursive: true });
  const module = path.join(out, "studio_live_feed");
  fs.writeFileSync(path.join(module, "terraform.tfstate"), "{}");
  fs.writeFileSync(path.join(module, "override.tf"), "");
  fs.mkdirSync(path.join(module, ".terraform", "providers"), { recursive: true });
  const before = snapshot(out);
  const r = runCli(["media", "synth", newDefs, "--out", out]);
  expect(r.status).toBe(1);
  for (const f of [".terraform/", "override.tf", "terraform.tfstate"]) expect(r.stderr).toContain(path.join(module, f));
  expect(r.stderr).toMatch(/or pass --force/);
  expect(snapshot(out)).toEqual(before); // nothing replaced
  expect(runCli(["media", "synth", newDefs, "--out", out, "--force"]).status).toBe(0);
  expect(snapshot(out)).toEqual(newSet);
});
