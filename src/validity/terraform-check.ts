/**
 * Runs the real `terraform` with the real hashicorp/aws provider, offline, on generated modules:
 * a harness copy of each module replaces awscc resources (not installable here) and references to
 * them with variables, and one root module calls every copy with placeholder inputs, so that one
 * `init` serves `validate` and `plan` for all of them.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cliConfigFor } from "../terraform/mirror";

export { findProviderMirror } from "../terraform/mirror";
import { stubAwsccResources } from "../terraform/awscc-stub";
export { stubAwsccResources };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let publicKeyPem: string | undefined;

/** Placeholder values for a module's required inputs, shaped to pass its validation blocks. */
export function placeholderInputs(moduleDir: string): Json {
  const vars = (JSON.parse(fs.readFileSync(path.join(moduleDir, "variables.tf.json"), "utf8")).variable ?? {}) as Record<string, Json>;
  const args: Json = {};
  for (const [name, v] of Object.entries(vars)) {
    if (v.default !== undefined) continue;
    if (name.endsWith("_allowed_cidrs")) args[name] = ["203.0.113.0/24"];
    else if (name === "cloudfront_public_key_pem")
      args[name] = publicKeyPem ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    else if (name.endsWith("_input_device_id")) args[name] = "hd-0123456789abcdef01234567";
    else if (name.endsWith("_flow_arns")) args[name] = ["arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:studio"];
    else if (name.endsWith("_url")) args[name] = "https://origin.example.com/live/index.m3u8";
    else if (String(v.type).startsWith("list")) args[name] = [];
    else args[name] = `placeholder-${name}`;
  }
  return args;
}

export interface TerraformRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface HarnessResult {
  init: TerraformRun;
  validate: TerraformRun & { diagnostics: Array<{ severity: string; summary: string; detail?: string; range?: { filename: string } }> };
  plan?: TerraformRun & { resourcesToAdd: Record<string, number> };
  workDir: string;
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): TerraformRun {
  const r = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 2 ** 20 });
  if (r.error) throw new Error(`cannot run terraform: ${r.error.message}`);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Validates (and, when validation passes and `plan` is set, plans) the given modules in one root. */
export function checkModulesWithTerraform(modules: Array<{ name: string; dir: string; region: string }>, options: { mirror: string; plan: boolean; workDir?: string }): HarnessResult {
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bmf-terraform-"));
  const root: Json = { provider: { aws: [] }, module: {} };
  const regions = [...new Set(modules.map((m) => m.region))];
  for (const region of regions)
    root.provider.aws.push({
      alias: region.replace(/-/g, "_"),
      region,
      access_key: "harness-not-a-real-key",
      secret_key: "harness-not-a-real-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  for (const m of modules) {
    const copy = path.join(workDir, "modules", m.name);
    stubAwsccResources(m.dir, copy);
    root.module[m.name.replace(/-/g, "_")] = { source: `./modules/${m.name}`, providers: { aws: `aws.${m.region.replace(/-/g, "_")}` }, ...placeholderInputs(m.dir) };
  }
  fs.writeFileSync(path.join(workDir, "main.tf.json"), JSON.stringify(root, null, 2));
  fs.writeFileSync(path.join(workDir, "cli.tfrc"), cliConfigFor(options.mirror));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(workDir, "cli.tfrc"), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const init = terraform(["init", "-backend=false", "-input=false", "-no-color"], workDir, env);
  const validateRun = terraform(["validate", "-json", "-no-color"], workDir, env);
  let diagnostics: HarnessResult["validate"]["diagnostics"] = [];
  try {
    diagnostics = JSON.parse(validateRun.stdout).diagnostics ?? [];
  } catch {
    diagnostics = [{ severity: "error", summary: validateRun.stderr || validateRun.stdout }];
  }
  const result: HarnessResult = { init, validate: { ...validateRun, diagnostics }, workDir };
  if (options.plan && init.status === 0 && validateRun.status === 0) {
    const planRun = terraform(["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=harness.tfplan"], workDir, env);
    const resourcesToAdd: Record<string, number> = {};
    if (planRun.status === 0) {
      const shown = terraform(["show", "-json", "harness.tfplan"], workDir, env);
      for (const rc of JSON.parse(shown.stdout).resource_changes ?? []) {
        if (!rc.change.actions.includes("create")) continue;
        const module = String(rc.module_address ?? "").replace(/^module\./, "");
        resourcesToAdd[module] = (resourcesToAdd[module] ?? 0) + 1;
      }
    }
    result.plan = { ...planRun, resourcesToAdd };
  }
  return result;
}
