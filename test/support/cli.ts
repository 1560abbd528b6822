/** Runs the compiled CLI in a child process, as a user would, from whichever dist folder the tests were built into. */
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import * as path from "node:path";

export const CLI_ENTRY = path.resolve(__dirname, "..", "..", "src", "cli", "run.js");

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * No time limit: a command that runs terraform takes as long as the machine's load makes it, and a limit here
 * killed slow but healthy children. A child that dies by a signal says so in stderr.
 */
export function runCli(args: string[], options: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
    ...options,
    env: { ...process.env, NO_COLOR: "1", ...(options.env ?? {}) },
  });
  const stderr = String(r.stderr ?? "") + (r.error ? `\n[runCli] ${r.error.message}` : "") + (r.signal ? `\n[runCli] the CLI was killed by ${r.signal}` : "");
  return { status: r.status ?? -1, stdout: String(r.stdout ?? ""), stderr };
}

/** Like runCli, without blocking the test's event loop (for CLIs that talk to a server the test runs). */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require("node:child_process") as typeof import("node:child_process");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}
