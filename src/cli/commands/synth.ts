import type { CommandModule } from "yargs";

interface Args {
  paths: string[];
  out: string;
  check: boolean;
  json: boolean;
}

export const synthCommand: CommandModule<object, Args> = {
  command: "synth <paths..>",
  describe: "Synthesize each pipeline into a Terraform module directory (<out>/<pipeline_id>/)",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, demandOption: true, describe: "Definition files or folders" })
      .option("out", { type: "string", default: "modules", describe: "Folder that receives one module per pipeline" })
      .option("check", { type: "boolean", default: false, describe: "Write nothing; exit 1 when a module on disk differs from what the definitions generate, or when --out holds a module they do not generate" })
      .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
      .example("$0 media synth examples/ --out modules/", "Regenerate every example module")
      .example("$0 media synth examples/ --check", "CI: fail when committed modules are stale") as never,
  handler: async (args) => {
    const { loadPipelines } = await import("../../core/definitions");
    const { extraModuleDirs, synthesizeModules } = await import("../../synth/synth");
    const { formatProblem, UserError } = await import("../../core/problems");
    const { printJson } = await import("../output");
    const { pipelines, warnings } = loadPipelines(args.paths);
    for (const w of warnings) process.stderr.write(formatProblem(w) + "\n");
    const started = performance.now();
    const results = await synthesizeModules(pipelines, {
      outDir: args.out,
      check: args.check,
      onProgress: args.json ? undefined : (done, total, id) => process.stderr.write(`[${done}/${total}] ${args.check ? "checked" : "wrote"} ${id}\n`),
    });
    const stale = results.filter((r) => r.stale?.length);
    // A module no definition generates (a walkthrough's, a deleted pipeline's) is as stale as a changed one.
    const extra = args.check ? extraModuleDirs(args.out, results.map((r) => r.pipeline_id)) : [];
    if (args.json) printJson({ ok: stale.length === 0 && extra.length === 0, ms: Math.round(performance.now() - started), modules: results, extra_modules: args.check ? extra : undefined });
    else if (!args.check) process.stdout.write(`${results.length} module${results.length === 1 ? "" : "s"} in ${args.out}/ (${Math.round(performance.now() - started)} ms)\n`);
    if (stale.length) {
      const lines = stale.map((r) => `${r.dir}: ${r.stale!.join(", ")}`);
      throw new UserError(`stale modules: run blackwell media synth ${args.paths.join(" ")} --out ${args.out}\n${lines.join("\n")}`);
    }
    if (extra.length) throw new UserError(`modules no definition in ${args.paths.join(" ")} generates: ${extra.map((e) => `${args.out}/${e}`).join(", ")}; remove them, or add their definitions to what you check`);
    if (args.check && !args.json) process.stdout.write(`${results.length} modules up to date\n`);
  },
};
