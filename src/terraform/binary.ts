/** Finds the terraform binary and checks its version before any workflow command runs. */
import { spawnSync } from "node:child_process";
import { UserError } from "../core/problems";

export const MINIMUM_TERRAFORM = [1, 5, 0] as const;
const INSTALL_HINT =
  "install Terraform 1.5 or newer (https://developer.hashicorp.com/terraform/install) and make sure `terraform` is on PATH, or set BLACKWELL_TERRAFORM to its path";

export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.BLACKWELL_TERRAFORM ?? "terraform";
}

export function checkTerraform(env: NodeJS.ProcessEnv = process.env): { binary: string; version: string } {
  const binary = terraformBinary(env);
  const r = spawnSync(binary, ["version", "-json"], { encoding: "utf8", env });
  if (r.error) throw new UserError(`terraform not found (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): ${INSTALL_HINT}`);
  let version: string;
  try {
    version = JSON.parse(r.stdout).terraform_version;
  } catch {
    throw new UserError(`could not read the version of ${binary}: ${INSTALL_HINT}`);
  }
  const parts = version.split(".").map(Number);
  const tooOld = parts[0] < MINIMUM_TERRAFORM[0] || (parts[0] === MINIMUM_TERRAFORM[0] && parts[1] < MINIMUM_TERRAFORM[1]);
  if (tooOld) throw new UserError(`terraform ${version} is too old: ${INSTALL_HINT}`);
  return { binary, version };
}
