/** Runs terraform with its output streaming through; a failure keeps terraform's exit code. */
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
  const child = spawn(terraformBinary(options.env), args, { cwd: options.cwd, env: options.env, stdio: ["inherit", options.stream === false ? "pipe" : options.stdoutToStderr ? 2 : "inherit", "inherit"] });
  const code: number = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new TerraformFailed(args, code);
}

export function captureTerraform(args: string[], options: RunOptions): string {
  const r = spawnSync(terraformBinary(options.env), args, { cwd: options.cwd, env: options.env, encoding: "utf8", maxBuffer: 512 * 2 ** 20 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new TerraformFailed(args, r.status ?? 1);
  }
  return r.stdout;
}
