/** blackwell media doctor (and blackwell doctor --media-check): checks with pass/warn/fail and a fix each; exit 1 when one fails. */
import type { Argv, CommandModule } from "yargs";

export interface DoctorArgs {
  dir?: string;
  config?: string;
  modules: string;
  "work-dir"?: string;
  aws: boolean;
  json: boolean;
}

export function doctorOptions<T>(y: Argv<T>) {
  return y
    .option("dir", {
      type: "string",
      describe: "Folder of pipeline definitions (default: definitions_dir of blackwell.config.json, else pipelines/, then the shipped examples)",
    })
    .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" })
    .option("modules", { type: "string", default: "modules", describe: "Where synthesized modules live (checked for staleness)" })
    .option("work-dir", { type: "string", describe: "Working roots (default .blackwell/work, or terraform.work_dir of the configuration)" })
    .option("aws", { type: "boolean", default: true, describe: "Check AWS credentials and service quotas (--no-aws skips every AWS call)" })
    .option("json", { type: "boolean", default: false, describe: "Print the checks as JSON" });
}

export async function runDoctor(args: DoctorArgs): Promise<void> {
  const fs = await import("node:fs");
  const checks = await import("../../doctor/checks");
  const { definitionDirs } = await import("../definition-dirs");
  const { rootSettings } = await import("../root-settings");
  const { PLAN_FILE } = await import("../../terraform/workflow");
  const { UserError, formatProblem } = await import("../../core/problems");
  const results: import("../../doctor/checks").CheckResult[] = [checks.checkNode(), await checks.checkTerraformInstalled(), await checks.checkProvider()];

  const dirs = await definitionDirs(args);
  const pipelines: import("../../core/definitions").LoadedPipeline[] = [];
  try {
    const { loadPipelines } = await import("../../core/definitions");
    // Folder by folder, like the lookups: your definition of an id stands in for an example's.
    for (const dir of dirs) {
      const ids = new Set(pipelines.map((p) => p.resolved.pipeline_id));
      pipelines.push(...loadPipelines([dir]).pipelines.filter((p) => !ids.has(p.resolved.pipeline_id)));
    }
    results.push({ id: "definitions", status: "pass", message: `${pipelines.length} pipelines valid in ${dirs.join(", ") || "(no definitions folder)"}` });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const first = err.problems.find((p) => p.severity === "error");
    results.push({
      id: "definitions",
      status: "fail",
      message: `${err.message}${first ? `; first: ${formatProblem(first)}` : ""}`,
      fix: `blackwell media validate ${dirs.join(" ")} lists every problem with its file and JSON path`,
    });
  }

  if (fs.existsSync(args.modules) && pipelines.length) {
    const path = await import("node:path");
    const { synthesizeModules } = await import("../../synth/synth");
    const present = pipelines.filter((p) => fs.existsSync(path.join(args.modules, p.resolved.pipeline_id)));
    const stale = present.length ? (await synthesizeModules(present, { outDir: args.modules, check: true })).filter((r) => r.stale?.length) : [];
    results.push(
      stale.length
        ? {
            id: "modules",
            status: "fail",
            message: `modules in ${args.modules} differ from their definitions: ${stale.map((r) => r.pipeline_id).join(", ")}`,
            fix: `blackwell media synth ${[...new Set(stale.map((r) => pipelines.find((p) => p.resolved.pipeline_id === r.pipeline_id)!.file))].join(" ")} --out ${args.modules}`,
          }
        : { id: "modules", status: "pass", message: `${present.length} modules in ${args.modules} match their definitions` },
    );
  }

  const settings = await rootSettings(args);
  results.push(checks.checkLeftovers([args.modules, ...dirs.filter((d) => !d.includes("node_modules")), settings.workDir].filter((d) => fs.existsSync(d))));
  results.push(checks.checkPlanFiles(settings.workDir, PLAN_FILE));

  if (args.aws) {
    const { ServiceQuotasClient } = await import("@aws-sdk/client-service-quotas");
    const { awsClientConfig } = await import("../../aws/client-config");
    const probe = new ServiceQuotasClient({});
    const aws = await checks.checkAwsCredentials(async () => {
      const creds = await probe.config.credentials();
      const region = await probe.config.region().catch(() => undefined);
      return { region, accessKeyId: creds.accessKeyId };
    });
    results.push(aws);
    if (aws.status !== "warn" || /region/.test(aws.message))
      results.push(...(await checks.checkQuotas(pipelines, (region) => new ServiceQuotasClient(awsClientConfig(region)))));
  }

  const failed = results.filter((r) => r.status === "fail");
  if (args.json) process.stdout.write(JSON.stringify({ ok: failed.length === 0, checks: results }, null, 2) + "\n");
  else {
    for (const r of results) {
      process.stdout.write(`${r.status.toUpperCase().padEnd(5)} ${r.id.padEnd(28)} ${r.message}\n`);
      if (r.fix) process.stdout.write(`${" ".repeat(35)}fix: ${r.fix}\n`);
    }
    process.stdout.write(
      `${failed.length ? `${failed.length} failed` : "all checks passed"}${results.some((r) => r.status === "warn") ? ` (${results.filter((r) => r.status === "warn").length} warnings)` : ""}\n`,
    );
  }
  if (failed.length) process.exitCode = 1;
}

export const doctorCommand: CommandModule<object, DoctorArgs> = {
  command: "doctor",
  describe: "Check that this machine and project can plan, deploy and run pipelines (pass/warn/fail, a fix for each)",
  builder: (y) =>
    doctorOptions(y)
      .example("$0 media doctor", "Every check, with what to do about each warning or failure")
      .example("$0 media doctor --no-aws --json", "Local checks only, as JSON"),
  handler: (args) => runDoctor(args),
};
