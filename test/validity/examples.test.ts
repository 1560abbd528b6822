/**
 * Every generated module under modules/ is proven valid: every validity rule (AWS's specifications and
 * internal consistency), `terraform get` on a root calling it and on its shipped examples, and real
 * `terraform validate` + `terraform plan` with hashicorp/aws from the filesystem mirror (awscc stubbed).
 * Times are printed and written to test-artifacts/validity-terraform-timings.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { loadPipelines } from "../../src/core/definitions";
import { fleetModuleSpecs } from "../../src/synth/fleet-modules";
import { isModuleDir, loadModuleDir } from "../../src/validity/module-files";
import { checkModule, formatFindings } from "../../src/validity/rules";
import { mapConcurrently } from "../../src/core/concurrency";
import { checkModuleWithTerraform, checkModulesWithTerraform, errorsOf, requireProviderMirror, terraformGet } from "../../src/validity/terraform-check";

const modulesRoot = projectPath("modules");
const entries = fs.existsSync(modulesRoot) ? fs.readdirSync(modulesRoot, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
/**
 * A fleet dashboard module takes each creator's channel and distribution id (its creator module's outputs): a structured
 * input the placeholders cannot guess, and one its own validation holds to the template's creators.
 */
const fleetInputs = new Map(
  fleetModuleSpecs(loadPipelines([projectPath("examples")]).pipelines).map((spec) => [
    spec.moduleId,
    { creators: Object.fromEntries(spec.creators.map((c, i) => [c.id, { channel_id: String(1234567 + i), distribution_id: `E2EXAMPLE000${i}` }])) },
  ]),
);

const modules = entries
  .filter((e) => isModuleDir(path.join(modulesRoot, e.name)))
  .map((e) => {
    const dir = path.join(modulesRoot, e.name);
    const example = loadModuleDir(dir).examples.get("examples/basic/main.tf.json");
    const configurations = ([] as Array<{ region?: string; alias?: string }>).concat(example?.provider?.aws ?? []);
    const region = configurations[0]?.region ?? "us-east-1";
    // A module with a failover region takes aws.failover from its caller, as its example shows.
    const failoverRegion = configurations.find((c) => c.alias === "failover")?.region;
    const inputs = fleetInputs.get(e.name);
    return { name: e.name, dir, region, ...(failoverRegion ? { failoverRegion } : {}), ...(inputs ? { inputs } : {}) };
  });

/** aws_* resources a module declares, as plan addresses under module.<name>. */
function declaredAwsResources(m: (typeof modules)[number]): string[] {
  const module = loadModuleDir(m.dir);
  const key = m.name.replace(/[^A-Za-z0-9_]/g, "_");
  // `count = var.X ? 1 : 0` (the MediaLive log group) plans as NAME[0], or not at all, by the variable's default
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const docs = [...module.files.values()] as any[];
  const defaults = Object.assign(
    {},
    ...docs.map((d) => Object.fromEntries(Object.entries(d.variable ?? {}).map(([n, v]) => [n, (v as { default?: unknown }).default]))),
  );
  const countOf = (type: string, name: string): unknown => docs.map((d) => d.resource?.[type]?.[name]?.count).find((c) => c !== undefined);
  return [...module.declarations.resources]
    .filter(([type]) => type.startsWith("aws_"))
    .flatMap(([type, names]) =>
      [...names].flatMap((n) => {
        const count = countOf(type, n);
        if (count === undefined) return [`module.${key}.${type}.${n}`];
        const flag = typeof count === "string" ? /^\$\{var\.(\w+) \? 1 : 0\}$/.exec(count)?.[1] : undefined;
        if (!flag) throw new Error(`${type}.${n}: count ${JSON.stringify(count)} is not one this check understands`);
        return defaults[flag] ? [`module.${key}.${type}.${n}[0]`] : [];
      }),
    )
    .sort();
}

// An empty modules/ must fail, not pass with nothing checked: the example modules are committed.
test("modules/ holds the generated example modules", () => {
  if (modules.length === 0) throw new Error(`no generated module under ${modulesRoot}: nothing would be checked (npm run synth:examples writes them)`);
});

if (modules.length > 0) {
  test("every directory under modules/ is a module (no half-written output hiding from the checks)", () => {
    expect(entries.map((e) => e.name)).toEqual(modules.map((m) => m.name));
  });

  describe.each(modules)("module $name", (m) => {
    test("passes every validity rule", () => {
      const result = checkModule(m.dir);
      expect(formatFindings(result.findings)).toBe("");
      expect(result.unusedSuppressions).toEqual([]);
    });

    test("a root calling it, and its examples, pass terraform get", async () => {
      const get = await terraformGet(m);
      expect(get.runs.map((r) => ({ root: r.root, status: r.run.status, stderr: r.run.stderr.trim() }))).toEqual(
        get.runs.map((r) => ({ root: r.root, status: 0, stderr: "" })),
      );
      expect(get.runs.length).toBeGreaterThanOrEqual(2); // the harness root and at least one shipped example
    });
  });

  /**
   * By default all modules share one root (one init, one provider start-up: the CI mode). With
   * BLACKWELL_TERRAFORM_PER_MODULE=1 each module gets its own root, so init/validate/plan are timed per module.
   */
  describe("terraform validate and plan with the real hashicorp/aws provider", () => {
    const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
    const perModule = process.env.BLACKWELL_TERRAFORM_PER_MODULE === "1";
    const results = new Map<string, { errors: string[]; toCreate: string[] }>();

    beforeAll(async () => {
      const mirror = requireProviderMirror(); // throws loudly when missing, unless BLACKWELL_SKIP_TERRAFORM=1
      if (!mirror) return;
      let timings: Array<Record<string, string | number>>;
      if (perModule) {
        const checks = await mapConcurrently(modules, 1, (m) => checkModuleWithTerraform(m, { mirror, plan: true }));
        for (const c of checks) results.set(c.name, { errors: errorsOf(c), toCreate: c.plan?.toCreate ?? [] });
        timings = checks.map((c) => ({
          module: c.name,
          init_s: c.init.ms / 1000,
          validate_s: (c.validate?.ms ?? 0) / 1000,
          plan_s: (c.plan?.ms ?? 0) / 1000,
          resources_planned: c.plan?.toCreate.length ?? 0,
        }));
      } else {
        const run = await checkModulesWithTerraform(modules, { mirror, plan: true });
        for (const m of run.modules) results.set(m.name, m);
        timings = [
          {
            module: `all ${modules.length} in one root`,
            init_s: run.init.ms / 1000,
            validate_s: (run.validate?.ms ?? 0) / 1000,
            plan_s: (run.plan?.ms ?? 0) / 1000,
            resources_planned: run.plan?.toCreate.length ?? 0,
          },
        ];
      }
      fs.mkdirSync(projectPath("test-artifacts"), { recursive: true });
      fs.writeFileSync(projectPath("test-artifacts", "validity-terraform-timings.json"), JSON.stringify(timings, null, 2));
      console.log(
        `terraform init/validate/plan:\n${timings.map((t) => `  ${t.module}: init ${t.init_s}s, validate ${t.validate_s}s, plan ${t.plan_s}s, ${t.resources_planned} resources`).join("\n")}`,
      );
    });

    (skip ? test.skip : test).each(modules)("$name validates and plans every hashicorp/aws resource", (m) => {
      const result = results.get(m.name)!;
      expect({ module: m.name, errors: result.errors }).toEqual({ module: m.name, errors: [] });
      // the harness's own stand-ins for awscc (terraform_data) are not the module's resources
      expect(result.toCreate.filter((a) => /^module\.[^.]+\.aws_/.test(a)).sort()).toEqual(declaredAwsResources(m));
    });
  });
}
