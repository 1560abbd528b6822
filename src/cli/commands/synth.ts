import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";

interface Args {
  paths: string[];
  out: string;
  check: boolean;
  force: boolean;
  json: boolean;
}

export const synthCommand: CommandModule<object, Args> = {
  command: "synth <paths..>",
  describe: "Synthesize each pipeline into a Terraform module directory (<out>/<pipeline_id>/)",
  builder: (y) =>
    jsonOption(y)
      .positional("paths", { type: "string", array: true, demandOption: true, describe: "Definition files or folders" })
      .option("out", { type: "string", default: "modules", describe: "Folder that receives one module per pipeline" })
      .option("check", {
        type: "boolean",
        default: false,
        describe: "Write nothing; exit 1 when a module on disk differs from what the definitions generate, or when --out holds a module they do not generate",
      })
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Replace module folders even when they hold files synth did not write (terraform.tfstate, override.tf, .terraform/); those files are deleted",
      })
      .example("$0 media synth examples/ --out modules/", "Regenerate every example module")
      .example("$0 media synth examples/ --check", "CI: fail when committed modules are stale"),
  handler: async (args) => {
    const { loadPipelines } = await import("../../core/definitions");
    const { extraModuleDirs, synthesizeModuleSet } = await import("../../synth/synth");
    const { formatProblem, UserError } = await import("../../core/problems");
    const { printJson } = await import("../output");
    const { pipelines, warnings } = loadPipelines(args.paths);
    for (const w of warnings) process.stderr.write(formatProblem(w) + "\n");
    const started = performance.now();
    const progress = args.json ? undefined : await synthProgress(args.check ? "checked" : "wrote");
    const { modules: results, strays } = await synthesizeModuleSet(pipelines, {
      outDir: args.out,
      check: args.check,
      force: args.force,
      onRendered: progress?.rendered,
      onProgress: progress?.written,
    });
    progress?.done();
    const stale = results.filter((r) => r.stale?.length);
    // A module no definition generates (a walkthrough's, a deleted pipeline's) is as stale as a changed one.
    const extra = args.check
      ? extraModuleDirs(
          args.out,
          results.map((r) => r.pipeline_id),
        )
      : [];
    if (args.json)
      printJson({
        ok: stale.length === 0 && strays.length === 0 && extra.length === 0,
        ms: Math.round(performance.now() - started),
        modules: results,
        ...(args.check ? { strays, extra_modules: extra } : {}),
      });
    else if (!args.check)
      process.stdout.write(`${results.length} module${results.length === 1 ? "" : "s"} in ${args.out}/ (${Math.round(performance.now() - started)} ms)\n`);
    if (stale.length || strays.length) {
      const lines = [...stale.map((r) => `${r.dir}: ${r.stale!.join(", ")}`), ...strays.map((s) => `${args.out}/${s}: left by an interrupted synth`)];
      throw new UserError(
        `${stale.length ? "stale modules" : "stray folders"}: run blackwell media synth ${args.paths.join(" ")} --out ${args.out}\n${lines.join("\n")}`,
      );
    }
    if (extra.length)
      throw new UserError(
        `modules no definition in ${args.paths.join(" ")} generates: ${extra.map((e) => `${args.out}/${e}`).join(", ")}; remove them, or add their definitions to what you check`,
      );
    if (args.check && !args.json) process.stdout.write(`${results.length} modules up to date\n`);
  },
};

/**
 * A few modules: a line per module as it is written (or checked). Many: one progress line, a spinner on a terminal and a
 * line per tenth otherwise, with the modules rendered and written so far (writing overlaps rendering).
 */
async function synthProgress(verb: "wrote" | "checked") {
  const { progressLine } = await import("../progress-line");
  const { PARALLEL_MIN_MODULES } = await import("../../synth/render-pool");
  const line = progressLine();
  let rendered = 0;
  let written = 0;
  const show = (done: number, total: number) => {
    if (process.stderr.isTTY || done === total || done % Math.ceil(total / 10) === 0)
      line.update(`rendered ${rendered}/${total}, ${verb} ${written}/${total} modules`);
  };
  return {
    rendered: (done: number, total: number) => {
      rendered = done;
      if (total >= PARALLEL_MIN_MODULES) show(done, total);
    },
    written: (done: number, total: number, id: string) => {
      written = done;
      if (total >= PARALLEL_MIN_MODULES) show(done, total);
      else process.stderr.write(`[${done}/${total}] ${verb} ${id}\n`);
    },
    done: () => line.done(),
  };
}
