/**
 * The one place that starts terraform: streaming its output through (workflow commands, a failure keeps
 * terraform's exit code), or capturing it (JSON commands, the validity harness, reading outputs).
 */
import { spawn, spawnSync } from "node:child_process";
import { terraformBinary } from "./binary";

export class TerraformFailed extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number,
  ) {
    super(`terraform ${args[0]} failed with exit code ${exitCode}`);
    this.name = "TerraformFailed";
  }
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Stream terraform's output to ours (default); false captures it (JSON commands). */
  stream?: boolean;
  /** Send terraform's progress to our stderr, keeping our stdout for JSON. */
  stdoutToStderr?: boolean;
}

export async function runTerraform(args: string[], options: RunOptions): Promise<void> {
  const child = spawn(terraformBinary(options.env), args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["inherit", options.stream === false ? "pipe" : options.stdoutToStderr ? 2 : "inherit", "inherit"],
  });
  const code: number = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new TerraformFailed(args, code);
}

/** stdout of a terraform command that must succeed; on failure its stderr goes to ours and TerraformFailed is thrown. */
export function captureTerraform(args: string[], options: RunOptions): string {
  const r = execTerraformSync(args, options);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new TerraformFailed(args, r.status === -1 ? 1 : r.status);
  }
  return r.stdout;
}

/** A finished terraform command with its output captured. */
export interface TerraformRun {
  args: string[];
  /** terraform's exit code (-1 when it was killed by a signal) */
  status: number;
  stdout: string;
  stderr: string;
  /** Wall time of the command. */
  ms: number;
}

const MAX_CAPTURED_BYTES = 512 * 2 ** 20; // `terraform show -json` of a large plan

/** Runs terraform with its output captured; a non-zero exit is a result, not an error. Rejects when terraform cannot be started. */
export function execTerraform(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<TerraformRun> {
  const started = Date.now();
  const binary = terraformBinary(options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => reject(new Error(`cannot run terraform (${binary}): ${e.message}`)));
    child.on("close", (code) => resolve({ args, status: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

/** The same, blocking; `error` (with its errno code) when terraform cannot be started. */
export function execTerraformSync(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): TerraformRun & { error?: NodeJS.ErrnoException } {
  const started = Date.now();
  const r = spawnSync(terraformBinary(options.env), args, { cwd: options.cwd, env: options.env, encoding: "utf8", maxBuffer: MAX_CAPTURED_BYTES });
  return { args, status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms: Date.now() - started, ...(r.error ? { error: r.error } : {}) };
}
