/**
 * Runs the real `terraform` with the real hashicorp/aws provider, offline, on generated modules.
 *
 * hashicorp/awscc cannot be installed here, so a harness copy of each module replaces its awscc resources,
 * and every reference to them, with stand-ins (src/terraform/awscc-stub.ts, shared with the offline review
 * plan: terraform_data resources whose output is unknown until apply, like the real attributes); everything
 * hashicorp/aws is then validated and planned for real. A root calls the
 * copy with placeholder inputs shaped to pass the module's variable validations, configures the aws
 * provider with dummy keys and the skip_* settings, and installs providers only from the filesystem mirror.
 */
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { restoreAwsccResources, stubAwsccResources } from "../terraform/awscc-stub";
import { cliConfigFor, findProviderMirror } from "../terraform/mirror";
import { withPluginCacheLock } from "../terraform/plugin-cache";
import { TerraformRun, execTerraform } from "../terraform/runner";
import { providerAliasRegion } from "../terraform/working-root";

export { findProviderMirror, stubAwsccResources };
export type { TerraformRun };

import type { Json } from "../types/json";

export const MIRROR_MISSING_MESSAGE =
  "No hashicorp/aws provider mirror found (a folder holding registry.terraform.io/hashicorp/aws/<version>; searched " +
  "BLACKWELL_TF_PLUGIN_MIRROR, /opt, /usr/share, /usr/local/share, /usr/local/lib, ~). Terraform validity checks " +
  "cannot run. Set BLACKWELL_TF_PLUGIN_MIRROR to the mirror, or BLACKWELL_SKIP_TERRAFORM=1 to skip them knowingly.";

/** The mirror, or undefined when BLACKWELL_SKIP_TERRAFORM=1 says to skip; throws loudly when it is missing otherwise. */
export function requireProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BLACKWELL_SKIP_TERRAFORM === "1") return undefined;
  const mirror = findProviderMirror(env);
  if (!mirror) throw new Error(MIRROR_MISSING_MESSAGE);
  return mirror;
}

let publicKeyPem: string | undefined;
/** A real throwaway RSA public key, for variables that must hold a PEM public key. */
export function throwawayPublicKeyPem(): string {
  publicKeyPem ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
  return publicKeyPem;
}

/** The RE2 patterns a variable's validation conditions test it with: regex("^hd-[a-z0-9]+$", var.x). */
function validationPatterns(decl: Json): RegExp[] {
  const patterns: RegExp[] = [];
  for (const v of ([] as Json[]).concat(decl.validation ?? []))
    for (const m of String(v.condition ?? "").matchAll(/regex\("((?:[^"\\]|\\.)*)"/g)) {
      try {
        patterns.push(new RegExp(JSON.parse(`"${m[1]}"`)));
      } catch {
        /* not expressible in JavaScript; terraform will judge the placeholder */
      }
    }
  return patterns;
}

/** A placeholder for one required variable: by type, by name, and passing the validation's regex where it has one. */
export function placeholderFor(name: string, decl: Json): unknown {
  const type = String(decl.type ?? "string").replace(/\s/g, "");
  const conditions = ([] as Json[])
    .concat(decl.validation ?? [])
    .map((v) => String(v.condition ?? ""))
    .join("\n");
  if (/^(list|set)\(/.test(type)) {
    if (/cidr/.test(name) || /cidrhost|cidrnetmask/.test(conditions)) return ["203.0.113.0/24"];
    if (/_flow_arns$/.test(name)) return ["arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abcdefghijklmnop-0123456789ab:studio"];
    if (/_arns$/.test(name)) return ["arn:aws:sns:us-east-1:111122223333:placeholder"];
    return [];
  }
  if (/^(map|object)\(/.test(type)) return {};
  if (type === "number") return 1;
  if (type === "bool") return false;
  const candidates: string[] = [];
  if (/public_key|_pem$/.test(name) || /BEGIN PUBLIC KEY/.test(conditions)) candidates.push(throwawayPublicKeyPem());
  if (/device_id$/.test(name)) candidates.push("hd-0123456789abcdef01234567");
  if (/secret_arn$/.test(name)) candidates.push("arn:aws:secretsmanager:us-east-1:111122223333:secret:placeholder-AbCdEf");
  if (/kms_key_arn$/.test(name)) candidates.push("arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000");
  if (/_arn$/.test(name)) candidates.push("arn:aws:iam::111122223333:role/placeholder");
  if (/_url$/.test(name)) candidates.push("https://origin.example.com/live/index.m3u8", "rtmps://origin.example.com/live/stream", "srt://203.0.113.10:7001");
  if (/cidr/.test(name)) candidates.push("203.0.113.0/24");
  if (/egress_domain$/.test(name)) candidates.push("placeholder.egress.example.mediapackagev2.us-east-1.amazonaws.com");
  candidates.push(
    `placeholder-${name.replace(/_/g, "-")}`,
    "placeholder",
    "hd-0123456789abcdef01234567",
    "https://origin.example.com/live/index.m3u8",
    "203.0.113.0/24",
    "a1",
  );
  const patterns = validationPatterns(decl);
  return candidates.find((c) => patterns.every((p) => p.test(c.trim()))) ?? candidates[0];
}

/** Placeholder values for a module's required inputs (variables without a default). */
export function placeholderInputs(moduleDir: string): Json {
  const vars: Record<string, Json> = {};
  for (const f of fs.readdirSync(moduleDir).filter((x) => x.endsWith(".tf.json")))
    Object.assign(vars, JSON.parse(fs.readFileSync(path.join(moduleDir, f), "utf8")).variable ?? {});
  const args: Json = {};
  for (const [name, v] of Object.entries(vars)) if (v.default === undefined) args[name] = placeholderFor(name, v);
  return args;
}

export interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start?: { line: number } };
}

export interface ModuleCheck {
  name: string;
  workDir: string;
  /** awscc attributes replaced by stand-ins in the harness copy */
  stubs: string[];
  init: TerraformRun;
  validate?: TerraformRun & { valid: boolean; diagnostics: Diagnostic[] };
  plan?: TerraformRun & { toCreate: string[] };
  /** true when init, validate and (if asked) plan all succeeded */
  ok: boolean;
}

export interface HarnessModule {
  name: string;
  dir: string;
  region: string;
  /** Region of the module's aws.failover configuration (a module with a failover_region declares it in configuration_aliases). */
  failoverRegion?: string;
  /** Input values given instead of placeholders (a structured input whose shape the placeholders cannot guess). */
  inputs?: Json;
}

const terraform = (args: string[], cwd: string, env: NodeJS.ProcessEnv) => execTerraform(args, { cwd, env });

function terraformEnv(workDir: string, mirror: string): NodeJS.ProcessEnv {
  fs.writeFileSync(path.join(workDir, "cli.tfrc"), cliConfigFor(mirror));
  return { ...process.env, TF_CLI_CONFIG_FILE: path.join(workDir, "cli.tfrc"), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_LOG: "" };
}

/** awscc references the stub left behind (it would leave, e.g., bare depends_on entries); the harness refuses such a copy. */
function leftoverAwsccReferences(dir: string): string[] {
  const left: string[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".tf.json"))) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of text.matchAll(/awscc_[a-z0-9_]+\.[a-z0-9_]+(\.[a-z0-9_]+)?/g)) left.push(`${f}: ${m[0]}`);
  }
  return left;
}

/** The module block name of a module in the harness root. */
export const moduleKey = (name: string) => name.replace(/[^A-Za-z0-9_]/g, "_");
const providerAlias = (region: string) => region.replace(/-/g, "_");

/**
 * Harness copies of the modules under workDir/modules/<name>, awscc stubbed, and one root calling them all
 * (one aws provider configuration per region), so one init and one provider start-up serve every module.
 */
export function prepareHarness(
  modules: HarnessModule[],
  workDir: string,
  options: { sfnEndpoint?: string; keepAwsccConfiguration?: boolean } = {},
): { stubs: Record<string, string[]> } {
  const stubs: Record<string, string[]> = {};
  const root: Json = { terraform: { required_providers: { aws: { source: "hashicorp/aws" } } }, provider: { aws: [] }, module: {} };
  for (const region of new Set(modules.flatMap((m) => [m.region, ...Object.values(aliasRegions(m, m.dir))])))
    root.provider.aws.push({
      alias: providerAlias(region),
      region,
      access_key: "harness-not-a-real-key",
      secret_key: "harness-not-a-real-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      ...(options.sfnEndpoint ? { endpoints: [{ sfn: options.sfnEndpoint }] } : {}),
    });
  for (const m of modules) {
    const copy = path.join(workDir, "modules", m.name);
    stubs[m.name] = stubAwsccResources(m.dir, copy, { keepConfiguration: options.keepAwsccConfiguration });
    const left = leftoverAwsccReferences(copy);
    if (left.length)
      throw new Error(`the awscc stub (src/terraform/awscc-stub.ts) left references to awscc resources in the harness copy of ${m.name}: ${left.join("; ")}`);
    root.module[moduleKey(m.name)] = { source: `./modules/${m.name}`, providers: harnessProviders(m, copy), ...placeholderInputs(m.dir), ...(m.inputs ?? {}) };
  }
  fs.writeFileSync(path.join(workDir, "main.tf.json"), JSON.stringify(root, null, 2));
  return { stubs };
}

/** Each configuration alias the module declares (aws.failover, aws.us_east_1) and the region it is configured in. */
function aliasRegions(m: HarnessModule, moduleDir: string): Record<string, string> {
  return Object.fromEntries(
    configurationAliases(moduleDir, "aws").map((alias) => {
      const region = providerAliasRegion(alias.split(".")[1], m.failoverRegion);
      if (!region) throw new Error(`${m.name} declares the provider configuration ${alias}; give the harness its region (failoverRegion)`);
      return [alias, region];
    }),
  );
}

/** The module's aws configurations: its region's, and each configuration alias it declares mapped to that region's. */
function harnessProviders(m: HarnessModule, copy: string): Record<string, string> {
  const providers: Record<string, string> = { aws: `aws.${providerAlias(m.region)}` };
  for (const [alias, region] of Object.entries(aliasRegions(m, copy))) providers[alias] = `aws.${providerAlias(region)}`;
  return providers;
}

/** configuration_aliases a module declares for one provider (`aws.failover`), from its files' required_providers. */
export function configurationAliases(moduleDir: string, provider: string): string[] {
  const aliases = new Set<string>();
  for (const f of fs.readdirSync(moduleDir).filter((x) => x.endsWith(".tf.json")))
    for (const a of JSON.parse(fs.readFileSync(path.join(moduleDir, f), "utf8")).terraform?.required_providers?.[provider]?.configuration_aliases ?? [])
      aliases.add(String(a));
  return [...aliases].sort();
}

export interface HarnessRun {
  workDir: string;
  init: TerraformRun;
  validate?: TerraformRun & { valid: boolean; diagnostics: Diagnostic[] };
  plan?: TerraformRun & { toCreate: string[] };
  /** `terraform show -json` of the plan (awscc stand-ins restored to their awscc types), when it succeeded. */
  planJson?: Record<string, unknown>;
  /** Per module: its stubs, the errors attributable to it, and what the plan creates in it. */
  modules: Array<{ name: string; stubs: string[]; errors: string[]; toCreate: string[] }>;
  ok: boolean;
}

const errorLines = (s: string) =>
  s
    .split("\n")
    .filter((l) => /^\s*(Error:|with |on )/.test(l))
    .map((l) => l.trim());

/**
 * init, validate and (with plan, after a clean validate) plan the given modules in one root. Errors are
 * attributed to a module by the file or address they point at; errors pointing at no module count for all.
 */
/**
 * hashicorp/aws (5.x) plans an aws_sfn_state_machine whose definition is fully known by calling Step Functions'
 * ValidateStateMachineDefinition, which needs the network. The harness points the provider's sfn endpoint at
 * this local stand-in, which answers every call with a valid result: the definition's Amazon States Language is
 * NOT validated offline (terraform validate still checks the resource's schema), everything else plans for real.
 */
async function startSfnStandIn(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      calls++;
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ result: "OK", diagnostics: [], truncated: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls: () => calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface HarnessOptions {
  mirror: string;
  plan: boolean;
  workDir?: string;
  /** Keep each awscc resource's configuration as a stand-in (awscc-stub keepConfiguration); the run's planJson shows them as awscc resources. */
  keepAwsccConfiguration?: boolean;
}

export async function checkModulesWithTerraform(modules: HarnessModule[], options: HarnessOptions): Promise<HarnessRun> {
  const sfn = await startSfnStandIn();
  try {
    return await runHarness(modules, options, sfn.url);
  } finally {
    await sfn.close();
  }
}

async function runHarness(modules: HarnessModule[], options: HarnessOptions, sfnEndpoint: string): Promise<HarnessRun> {
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bmf-terraform-"));
  const { stubs } = prepareHarness(modules, workDir, { sfnEndpoint, keepAwsccConfiguration: options.keepAwsccConfiguration });
  const env = terraformEnv(workDir, options.mirror);
  const run: HarnessRun = {
    workDir,
    init: await withPluginCacheLock(env, () => terraform(["init", "-backend=false", "-input=false", "-no-color"], workDir, env)),
    modules: modules.map((m) => ({ name: m.name, stubs: stubs[m.name], errors: [], toCreate: [] })),
    ok: false,
  };
  const attribute = (error: string, where: string) => {
    const owners = run.modules.filter(
      (m) => where.includes(`modules/${m.name}/`) || where.includes(`module.${moduleKey(m.name)}.`) || where.includes(`module.${moduleKey(m.name)} `),
    );
    for (const m of owners.length ? owners : run.modules) m.errors.push(error);
  };
  if (run.init.status !== 0) {
    for (const line of ["init failed", ...errorLines(run.init.stderr)]) attribute(line, "");
    return run;
  }
  const validate = await terraform(["validate", "-json", "-no-color"], workDir, env);
  let parsed: { valid?: boolean; diagnostics?: Diagnostic[] } = {};
  try {
    parsed = JSON.parse(validate.stdout);
  } catch {
    parsed = { valid: false, diagnostics: [{ severity: "error", summary: validate.stderr || validate.stdout }] };
  }
  run.validate = { ...validate, valid: parsed.valid === true && validate.status === 0, diagnostics: parsed.diagnostics ?? [] };
  for (const d of run.validate.diagnostics.filter((x) => x.severity === "error"))
    attribute(`${d.address ?? d.range?.filename ?? ""}: ${d.summary}${d.detail ? ` — ${d.detail}` : ""}`, `${d.range?.filename ?? ""} ${d.address ?? ""}`);
  if (!run.validate.valid) return run;
  if (options.plan) {
    const plan = await terraform(["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=harness.tfplan"], workDir, env);
    const toCreate: string[] = [];
    if (plan.status === 0) {
      const shown = await terraform(["show", "-json", "harness.tfplan"], workDir, env);
      const planJson = JSON.parse(shown.stdout);
      run.planJson = restoreAwsccResources(planJson);
      // terraform_data stand-ins for awscc attributes (src/terraform/awscc-stub.ts) are the harness's, not the module's.
      for (const rc of planJson.resource_changes ?? [])
        if (rc.change.actions.includes("create") && !(rc.type === "terraform_data" && (rc.name.startsWith("stub_") || rc.name.startsWith("awscc__"))))
          toCreate.push(rc.address);
    } else {
      // terraform prints "Error: ..." then "  with module.<key>.<resource>," for each error
      const lines = plan.stderr.split("\n");
      lines.forEach((l, i) => {
        if (/^\s*│?\s*Error:/.test(l)) attribute(l.replace(/^[\s│]*/, ""), lines.slice(i, i + 6).join(" "));
      });
    }
    run.plan = { ...plan, toCreate };
    // one root: when its plan fails, modules without an error of their own have no plan result either; say why
    if (plan.status !== 0) {
      const failing = run.modules.filter((m) => m.errors.length).map((m) => m.name);
      for (const m of run.modules)
        if (!m.errors.length) m.errors.push(`no plan result: the shared root's plan failed${failing.length ? ` because of ${failing.join(", ")}` : ""}`);
    }
    for (const m of run.modules) m.toCreate = toCreate.filter((a) => a.startsWith(`module.${moduleKey(m.name)}.`));
  }
  run.ok = run.validate.valid && (!options.plan || run.plan?.status === 0);
  return run;
}

/** One module in its own root: init, validate and (with plan) plan, each timed for this module alone. */
export async function checkModuleWithTerraform(module: HarnessModule, options: HarnessOptions): Promise<ModuleCheck> {
  const run = await checkModulesWithTerraform([module], options);
  return { name: module.name, workDir: run.workDir, stubs: run.modules[0].stubs, init: run.init, validate: run.validate, plan: run.plan, ok: run.ok };
}

/** Terraform's errors in a single-module check, one line each, without echoed source: for assertion messages. */
export function errorsOf(check: ModuleCheck): string[] {
  if (check.init.status !== 0) return ["init failed", ...errorLines(check.init.stderr)];
  if (check.validate && !check.validate.valid)
    return check.validate.diagnostics
      .filter((x) => x.severity === "error")
      .map((d) => `${d.address ?? d.range?.filename ?? ""}: ${d.summary}${d.detail ? ` — ${d.detail}` : ""}`);
  if (check.plan && check.plan.status !== 0) return ["plan failed", ...errorLines(check.plan.stderr)];
  return [];
}

export interface GetCheck {
  /** root -> result: the harness root calling the module, and each shipped example */
  runs: Array<{ root: string; run: TerraformRun }>;
  ok: boolean;
}

/**
 * `terraform get` on a root calling the module as generated (awscc and all; get installs modules, not
 * providers) and on each of its shipped examples, in a scratch copy so nothing is written into modules/.
 */
export async function terraformGet(module: { name: string; dir: string }, options: { workDir?: string } = {}): Promise<GetCheck> {
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `bmf-get-${module.name}-`));
  const copy = path.join(workDir, "module");
  fs.cpSync(module.dir, copy, { recursive: true, filter: (src) => !src.split(path.sep).includes(".terraform") });
  const rootDir = path.join(workDir, "root");
  fs.mkdirSync(rootDir, { recursive: true });
  fs.writeFileSync(
    path.join(rootDir, "main.tf.json"),
    JSON.stringify({ module: { [moduleKey(module.name)]: { source: "../module", ...placeholderInputs(module.dir) } } }, null, 2),
  );
  // get installs modules, not providers: an empty CLI configuration, so the machine's (possibly missing) one plays no part
  fs.writeFileSync(path.join(workDir, "cli.tfrc"), "");
  const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(workDir, "cli.tfrc"), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const roots = [rootDir];
  const examples = path.join(copy, "examples");
  if (fs.existsSync(examples)) for (const e of fs.readdirSync(examples, { withFileTypes: true })) if (e.isDirectory()) roots.push(path.join(examples, e.name));
  const runs: GetCheck["runs"] = [];
  for (const root of roots) runs.push({ root: path.relative(workDir, root), run: await terraform(["get", "-no-color"], root, env) });
  return { runs, ok: runs.every((r) => r.run.status === 0) };
}
