/**
 * The project configuration (blackwell.config.json, or --config): terraform settings every command that
 * makes or reads a working root shares, so plan, apply, status, archive and the fleets all find the same
 * state without repeating flags. Flags win over it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProjectConfig } from "../types/config.generated";
import { readDocument } from "./parse-document";
import { UserError } from "./problems";
import { validateAgainstSchema } from "./schema-validation";

export type { ProjectConfig };

export const PROJECT_CONFIG_FILES = ["blackwell.config.json", "blackwell.config.yaml", "blackwell.config.yml"];
export const DEFAULT_WORK_DIR = path.join(".blackwell", "work");
const PIPELINE_PLACEHOLDER = "{pipeline}";

/** The configuration given with --config (which must exist), else the one in `cwd`, else none. */
export function loadProjectConfig(explicit?: string, cwd = process.cwd()): { file?: string; config: ProjectConfig } {
  const file = explicit ?? PROJECT_CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => fs.existsSync(f));
  if (!file) return { config: {} };
  const { data } = readDocument(file);
  const problems = validateAgainstSchema("config", data, file);
  if (problems.length) throw new UserError(`${file} is not a valid blackwell configuration`, problems);
  return { file, config: data as ProjectConfig };
}

/** Remote state of one working root: S3 (key default blackwell/<module>/terraform.tfstate) or Terraform Cloud. */
export interface BackendConfig {
  s3?: { bucket: string; key?: string; region?: string };
  cloud?: { organization: string; workspace: string; hostname?: string };
}

/** The configured backend for one module, {pipeline} replaced by the module id. */
export function backendOf(config: ProjectConfig, moduleId: string): BackendConfig | undefined {
  const backend = config.terraform?.backend;
  if (backend?.s3)
    return { s3: { ...backend.s3, key: (backend.s3.key ?? `blackwell/${PIPELINE_PLACEHOLDER}/terraform.tfstate`).replace(PIPELINE_PLACEHOLDER, moduleId) } };
  if (backend?.cloud) return { cloud: { ...backend.cloud, workspace: backend.cloud.workspace.replace(PIPELINE_PLACEHOLDER, moduleId) } };
  return undefined;
}
