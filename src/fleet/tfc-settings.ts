/**
 * Where --remote tfc runs go: the flags first, then terraform.tfc of the project configuration, then the
 * organization, workspace and hostname of terraform.backend.cloud (the state backend of local runs), then defaults.
 */
import type { ProjectConfig } from "../core/project-config";
import { UserError } from "../core/problems";

export interface TfcFlags {
  "tfc-hostname"?: string;
  "tfc-organization"?: string;
  "tfc-workspace"?: string;
  "tfc-project"?: string;
  "run-timeout"?: number;
}

export interface TfcTarget {
  hostname: string;
  organization: string;
  /** Workspace name with {pipeline} for the module id. */
  workspaceName: string;
  project?: string;
  /** How long one run may take before it is recorded as timed out. */
  runTimeoutMs: number;
}

export const DEFAULT_TFC_HOSTNAME = "app.terraform.io";
/** An hour: applies of MediaLive channels and CloudFront distributions take minutes each, queues on busy agents more. */
export const DEFAULT_RUN_TIMEOUT_SECONDS = 3600;

export function tfcTarget(flags: TfcFlags, config: ProjectConfig): TfcTarget {
  const tfc = config.terraform?.tfc;
  const cloud = config.terraform?.backend?.cloud;
  const organization = flags["tfc-organization"] ?? tfc?.organization ?? cloud?.organization;
  if (!organization)
    throw new UserError("--remote tfc needs an organization: pass --tfc-organization, or set terraform.tfc.organization in blackwell.config.json");
  const workspaceName = flags["tfc-workspace"] ?? tfc?.workspace ?? cloud?.workspace ?? "{pipeline}";
  if (!workspaceName.includes("{pipeline}"))
    throw new UserError(`--tfc-workspace needs {pipeline} with --remote tfc (one workspace per module), e.g. media-{pipeline}`);
  const seconds = flags["run-timeout"] ?? tfc?.run_timeout ?? DEFAULT_RUN_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UserError(`--run-timeout takes seconds > 0; got ${flags["run-timeout"]}`);
  const project = flags["tfc-project"] ?? tfc?.project;
  return {
    hostname: flags["tfc-hostname"] ?? tfc?.hostname ?? cloud?.hostname ?? DEFAULT_TFC_HOSTNAME,
    organization,
    workspaceName,
    ...(project ? { project } : {}),
    runTimeoutMs: seconds * 1000,
  };
}
