/**
 * Where working roots live and how they keep state: flags (--work-dir, --tag, backend flags) over the
 * project configuration (blackwell.config.json or --config). Every command that makes or reads a working
 * root goes through here, so they all find the same state.
 */
import type { Argv } from "yargs";
import type { BackendConfig } from "../core/project-config";

export interface RootArgs {
  config?: string;
  "work-dir"?: string;
  tag?: string[];
  "backend-s3-bucket"?: string;
  "backend-s3-key"?: string;
  "tfc-organization"?: string;
  "tfc-workspace"?: string;
}

export interface RootSettings {
  workDir: string;
  defaultTags: Record<string, string>;
  /** The remote state of a module, if any. */
  backendFor: (moduleId: string) => BackendConfig | undefined;
}

/** --config and --work-dir, for every command with working roots. */
export function rootOptions<T>(y: Argv<T>) {
  return y
    .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" })
    .option("work-dir", { type: "string", describe: "Working roots, one per module (default .blackwell/work, or terraform.work_dir of the configuration)" });
}

/** --tag, for the commands that write working roots. */
export function tagOption<T>(y: Argv<T>) {
  return y.option("tag", {
    type: "string",
    array: true,
    default: [] as string[],
    describe: "Default tag key=value for every resource (beside the configuration's default_tags)",
  });
}

/** --tag and the backend flags, for the commands that write one module's working root. */
export function stateOptions<T>(y: Argv<T>) {
  return tagOption(y)
    .option("backend-s3-bucket", { type: "string", describe: "Keep state in this S3 bucket (native S3 locking); overrides the configuration's backend" })
    .option("backend-s3-key", { type: "string", describe: "State object key (default blackwell/<pipeline>/terraform.tfstate)" })
    .option("tfc-organization", { type: "string", describe: "Keep state in Terraform Cloud: organization" })
    .option("tfc-workspace", { type: "string", describe: "Terraform Cloud workspace" });
}

export async function rootSettings(args: RootArgs): Promise<RootSettings> {
  const { loadProjectConfig, backendOf, DEFAULT_WORK_DIR } = await import("../core/project-config");
  const { UserError } = await import("../core/problems");
  const { config } = loadProjectConfig(args.config);
  const flagTags = Object.fromEntries(
    (args.tag ?? []).map((t) => {
      const [k, ...v] = t.split("=");
      if (!k || v.length === 0) throw new UserError(`--tag takes key=value; got ${JSON.stringify(t)}`);
      return [k, v.join("=")];
    }),
  );
  const bucket = args["backend-s3-bucket"];
  const organization = args["tfc-organization"];
  const workspace = args["tfc-workspace"];
  if (Boolean(organization) !== Boolean(workspace)) throw new UserError("--tfc-organization and --tfc-workspace go together");
  return {
    workDir: args["work-dir"] ?? config.terraform?.work_dir ?? DEFAULT_WORK_DIR,
    defaultTags: { ...(config.terraform?.default_tags ?? {}), ...flagTags },
    backendFor: (moduleId) =>
      bucket
        ? { s3: { bucket, key: args["backend-s3-key"] } }
        : organization && workspace
          ? { cloud: { organization, workspace } }
          : backendOf(config, moduleId),
  };
}
