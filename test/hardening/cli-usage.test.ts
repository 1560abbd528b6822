/** Issue 15: unknown commands exit 1 with a did-you-mean (with or without --help); --json errors are JSON on stderr; an unbuilt bin says so. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { runCli } from "../support/cli";

test.each([
  [["media", "broadcast", "start", "--help"], /^error: unknown command 'broadcast' for 'blackwell media'; (did you mean '\w+'\? )?commands: validate, /],
  [["media", "broadcast", "start"], /^error: unknown command 'broadcast' for 'blackwell media'/],
  [["media", "stream", "strat", "--help"], /^error: unknown command 'strat' for 'blackwell media stream'; did you mean 'start'\?/],
  [["cost", "estimat"], /^error: unknown command 'estimat' for 'blackwell cost'; did you mean 'estimate'\?/],
  [["media", "synht", "--help"], /^error: unknown command 'synht' for 'blackwell media'; did you mean 'synth'\?/],
  [["media", "cost", "estimat", "--help"], /^error: unknown command 'estimat' for 'blackwell media cost'; did you mean 'estimate'\?/],
  [["media", "template", "sav"], /^error: unknown command 'sav' for 'blackwell media template'; did you mean 'save'\?/],
  [["medai", "--help"], /^error: unknown command 'medai' for 'blackwell'; did you mean 'media'\?/],
])("%j exits 1 with a did-you-mean", (args, message) => {
  const r = runCli(args);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: "" });
  expect(r.stderr).toMatch(message);
});

test("known commands still show their help and exit 0", () => {
  for (const args of [
    ["media", "synth", "--help"],
    ["media", "cost", "estimate", "--help"],
    ["--help"],
    ["media", "--help"],
    ["media", "stream", "start", "--help"],
    ["cost", "estimate", "--help"],
    ["doctor", "--help"],
  ])
    expect(runCli(args).status).toBe(0);
});

test("with --json every failure is one JSON document on stderr: user errors, usage errors, unknown commands", () => {
  const cases: Array<[string[], string]> = [
    [["media", "synth", "no-such-folder", "--json"], "user"],
    [["media", "cost", "estimate", "--pipeline", "nope", "--dir", "examples", "--json"], "user"],
    [["media", "list-pipelines", "--bogus-flag", "--json"], "usage"],
    [["media", "broadcast", "start", "--json"], "usage"],
    [["media", "stream", "start", "--json"], "usage"], // no pipeline named
  ];
  for (const [args, kind] of cases) {
    const r = runCli(args);
    expect({ args, status: r.status }).toEqual({ args, status: 1 });
    const doc = JSON.parse(r.stderr);
    expect(doc).toEqual({ error: expect.objectContaining({ kind, exit_code: 1, message: expect.any(String) }) });
  }
});

test("the bin run before a build says to build, not a module-not-found stack trace", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-unbuilt-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.copyFileSync(path.resolve(__dirname, "..", "..", "..", "bin", "blackwell.js"), path.join(dir, "bin", "blackwell.js"));
  const r = spawnSync(process.execPath, [path.join(dir, "bin", "blackwell.js"), "media", "--help"], { encoding: "utf8" });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: `error: blackwell is not built yet: run npm run build in ${dir}\n` });
});
