/**
 * A working root per pipeline (.blackwell/work/<pipeline_id>/) that calls the generated module with
 * provider configuration, optional backend, and the module's variables passed through; init runs
 * only when this configuration changed.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../core/problems";
import { writeFileAtomic } from "../core/atomic-write";
import type { BackendConfig } from "../core/project-config";
import { stubAwsccResources } from "./awscc-stub";
import { cliConfigFor, findProviderMirror } from "./mirror";
import { sweepReviewPlans } from "./saved-plans";

import type { Json } from "../types/json";

export interface WorkingRootOptions {
  pipelineId: string;
  moduleDir: string;
  region: string;
  /** Root folder for working roots (default .blackwell/work). */
  workDir?: string;
  defaultTags?: Record<string, string>;
  backend?: BackendConfig;
  /** Plan without AWS credentials: local provider mirror, placeholder credentials, awscc resources stubbed. */
  offline?: boolean;
  /** Region of the provider configurations a module with a failover region declares (aws.failover, awscc.failover). */
  failoverRegion?: string;
}

export interface WorkingRoot {
  dir: string;
  env: NodeJS.ProcessEnv;
  needsInit: boolean;
  configHash: string;
}

function readJson(file: string): Json {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
}

/** Declarations of a Terraform JSON module, from all its files (generated modules keep them in separate files, hand-written ones may not). */
function moduleDeclarations(moduleDir: string) {
  const docs = fs
    .readdirSync(moduleDir)
    .filter((f) => f.endsWith(".tf.json"))
    .sort()
    .map((f) => readJson(path.join(moduleDir, f)));
  return {
    providers: Object.assign({}, ...docs.map((d) => d.terraform?.required_providers ?? {})) as Json,
    variables: Object.assign({}, ...docs.map((d) => d.variable ?? {})) as Record<string, Json>,
    outputs: Object.assign({}, ...docs.map((d) => d.output ?? {})) as Record<string, Json>,
  };
}

/**
 * The region of a module's provider alias: `failover` is the pipeline's failover region; an alias that spells a region
 * with underscores (`us_east_1`, for resources AWS creates in one region only) is that region.
 */
export function providerAliasRegion(alias: string, failoverRegion: string | undefined): string | undefined {
  if (alias === "failover") return failoverRegion;
  return /^[a-z]{2}(_[a-z]+)+_\d+$/.test(alias) ? alias.replace(/_/g, "-") : undefined;
}

export function rootConfig(moduleSource: string, moduleDir: string, o: WorkingRootOptions): Json {
  const { providers, variables, outputs } = moduleDeclarations(moduleDir);
  // The root configures what the module's configuration_aliases name; the declaration itself belongs to the module.
  const terraform: Json = {
    required_providers: Object.fromEntries(Object.entries(providers).map(([name, { configuration_aliases: _aliases, ...requirement }]) => [name, requirement])),
  };
  if (o.backend?.s3)
    terraform.backend = {
      s3: {
        bucket: o.backend.s3.bucket,
        key: o.backend.s3.key ?? `blackwell/${o.pipelineId}/terraform.tfstate`,
        region: o.backend.s3.region ?? o.region,
        use_lockfile: true,
        encrypt: true,
      },
    };
  if (o.backend?.cloud)
    terraform.cloud = { organization: o.backend.cloud.organization, hostname: o.backend.cloud.hostname, workspaces: { name: o.backend.cloud.workspace } };
  const provider: Json = {};
  // A module's configuration_aliases (aws.failover, aws.us_east_1) are configured here, each in its region, and passed in by name.
  const aliasesOf = (name: string): string[] => providers[name]?.configuration_aliases ?? [];
  const aliasRegion = (ref: string) => {
    const region = providerAliasRegion(ref.split(".")[1], o.failoverRegion);
    if (!region)
      throw new UserError(
        `${o.moduleDir} needs the provider configuration ${ref}, which this pipeline's definition does not give a region for; synthesize it again`,
      );
    return region;
  };
  if (providers.aws) {
    const aws: Json = { region: o.region, default_tags: [{ tags: { ManagedBy: "blackwell-media-factory", ...(o.defaultTags ?? {}) } }] };
    if (o.offline)
      Object.assign(aws, {
        access_key: "offline-placeholder",
        secret_key: "offline-placeholder",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      });
    provider.aws = [aws, ...aliasesOf("aws").map((ref) => ({ ...aws, alias: ref.split(".")[1], region: aliasRegion(ref) }))];
  }
  if (providers.awscc && !o.offline)
    provider.awscc = [{ region: o.region }, ...aliasesOf("awscc").map((ref) => ({ alias: ref.split(".")[1], region: aliasRegion(ref) }))];
  const aliased = Object.keys(provider).flatMap(aliasesOf);
  const root: Json = {
    terraform,
    module: {
      pipeline: {
        source: moduleSource,
        ...(aliased.length ? { providers: Object.fromEntries([...Object.keys(provider).map((n) => [n, n]), ...aliased.map((ref) => [ref, ref])]) } : {}),
        ...Object.fromEntries(Object.keys(variables).map((v) => [v, `\${var.${v}}`])),
      },
    },
  };
  if (Object.keys(provider).length) root.provider = provider;
  if (Object.keys(variables).length)
    root.variable = Object.fromEntries(
      Object.entries(variables).map(([name, v]) => [
        name,
        { type: v.type, description: v.description, sensitive: v.sensitive, nullable: v.nullable, ...(v.default !== undefined ? { default: v.default } : {}) },
      ]),
    );
  if (Object.keys(outputs).length)
    root.output = Object.fromEntries(
      Object.entries(outputs).map(([name, out]) => [name, { value: `\${module.pipeline.${name}}`, description: out.description, sensitive: out.sensitive }]),
    );
  return root;
}

export function prepareWorkingRoot(o: WorkingRootOptions): WorkingRoot {
  if (!fs.readdirSync(o.moduleDir).some((f) => f.endsWith(".tf.json")))
    throw new UserError(`${o.moduleDir} is not a Terraform module; run blackwell media synth first`);
  const workDir = path.resolve(o.workDir ?? path.join(".blackwell", "work"));
  const dir = path.join(workDir, o.pipelineId);
  // State and saved plans in a root hold the stream keys: owner-only.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  sweepReviewPlans(workDir);
  let moduleDir = path.resolve(o.moduleDir);
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  if (o.offline) {
    const mirror = findProviderMirror();
    if (!mirror)
      throw new UserError(
        "offline planning needs a local provider mirror (a folder holding registry.terraform.io/hashicorp/aws); set BLACKWELL_TF_PLUGIN_MIRROR",
      );
    moduleDir = path.join(dir, "offline-module");
    stubAwsccResources(path.resolve(o.moduleDir), moduleDir);
    writeFileAtomic(path.join(dir, "offline.tfrc"), cliConfigFor(mirror));
    env.TF_CLI_CONFIG_FILE = path.join(dir, "offline.tfrc");
    // Offline plans use placeholder keys; a profile from the environment would make the provider look for it.
    delete env.AWS_PROFILE;
    delete env.AWS_DEFAULT_PROFILE;
  }
  const source = path.relative(dir, moduleDir).split(path.sep).join("/");
  const config = rootConfig(source.startsWith(".") ? source : `./${source}`, moduleDir, o);
  const text = JSON.stringify(config, null, 2) + "\n";
  writeFileAtomic(path.join(dir, "main.tf.json"), text);
  const configHash = createHash("sha256").update(text).update(moduleFingerprint(moduleDir)).digest("hex");
  const hashFile = path.join(dir, ".blackwell-config-hash");
  const needsInit = !fs.existsSync(path.join(dir, ".terraform")) || !fs.existsSync(hashFile) || fs.readFileSync(hashFile, "utf8") !== configHash;
  return { dir, env, needsInit, configHash };
}

/** Module files that change what init installs (providers, module sources). */
function moduleFingerprint(moduleDir: string): string {
  const versions = path.join(moduleDir, "versions.tf.json");
  return fs.existsSync(versions) ? fs.readFileSync(versions, "utf8") : "";
}

export function recordInit(root: WorkingRoot): void {
  writeFileAtomic(path.join(root.dir, ".blackwell-config-hash"), root.configHash);
}
