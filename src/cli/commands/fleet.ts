/** blackwell media template save | deploy-template: creator fleets, one module and one state per creator. */
import type { CommandModule } from "yargs";

interface SaveArgs {
  name: string;
  type: string;
  sources: string;
  outputs: string;
  transcodes: string;
  tier: string;
  region: string;
  creators: string;
  dir: string;
  force: boolean;
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

const saveCommand: CommandModule<object, SaveArgs> = {
  command: "save <name>",
  describe: "Save a pipeline template (the seed's creator-channel) for a list of creators",
  builder: (y) =>
    y
      .positional("name", { type: "string", demandOption: true })
      .option("type", { type: "string", default: "live_stream" })
      .option("sources", { type: "string", default: "obs" })
      .option("outputs", { type: "string", default: "cloudfront,youtube" })
      .option("transcodes", { type: "string", default: "1080p,720p,480p" })
      .option("tier", { type: "string", default: "standard" })
      .option("region", { type: "string", default: "us-east-1" })
      .option("creators", { type: "string", default: "", describe: "Comma-separated creator ids" })
      .option("dir", { type: "string", default: "pipelines" })
      .option("force", { type: "boolean", default: false })
      .example("$0 media template save creator-channel --sources rtmp,obs --outputs cloudfront,youtube --transcodes 1080p,720p,480p --tier standard --creators alice,bob", "The seed's creator channel") as never,
  handler: async (args) => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { validateAgainstSchema } = await import("../../core/schema-validation");
    const { expandTemplate, checkPipelineDocument } = await import("../../core/definitions");
    const { UserError, errorsOnly } = await import("../../core/problems");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const file = path.join(args.dir, `${args.name}.template.json`);
    const template = {
      template_id: args.name,
      shared: { channel_group: true },
      defaults: { pipeline_type: args.type, sources: list(args.sources), transcode_profiles: list(args.transcodes), outputs: list(args.outputs), region: args.region, tier: args.tier },
      creators: list(args.creators),
    };
    const problems = validateAgainstSchema("template", template, `${file} (from flags)`);
    if (problems.length) throw new UserError("the flags do not make a valid template", problems);
    const pipelineProblems = expandTemplate(template as never).flatMap(({ definition }) => errorsOnly(checkPipelineDocument(definition, `${file} (from flags)`)));
    if (pipelineProblems.length) throw new UserError("the flags do not make valid pipelines", pipelineProblems);
    if (fs.existsSync(file) && !args.force) throw new UserError(`${file} already exists; pass --force to overwrite it`);
    writeFileAtomic(file, JSON.stringify({ $schema: "../schemas/template.schema.json", ...template }, null, 2) + "\n");
    process.stdout.write(`wrote ${file}\n`);
  },
};

export const templateCommand: CommandModule = {
  command: "template <command>",
  describe: "Pipeline templates for creator fleets",
  builder: (y) => y.command(saveCommand).demandCommand(1),
  handler: () => undefined,
};

interface DeployArgs {
  template: string;
  creators?: string;
  batch: boolean;
  concurrency: number;
  dir: string;
  modules: string;
  "work-dir": string;
  "var-file-dir"?: string;
  "plan-only": boolean;
  offline: boolean;
  "rerun-all": boolean;
  json: boolean;
}

export const deployTemplateCommand: CommandModule<object, DeployArgs> = {
  command: "deploy-template <template>",
  describe: "Synthesize and deploy a template: its shared channel group first, then one pipeline per creator (own module and state, bounded concurrency, resumable)",
  builder: (y) =>
    y
      .positional("template", { type: "string", demandOption: true, describe: "Template file or template_id (searched in --dir)" })
      .option("creators", { type: "string", describe: "Comma-separated creators (default: all in the template)" })
      .option("batch", { type: "boolean", default: false, describe: "Run without prompting (required when not on a terminal)" })
      .option("concurrency", { type: "number", default: 2, describe: "Creators deployed at once" })
      .option("dir", { type: "string", default: "examples" })
      .option("modules", { type: "string", default: "modules" })
      .option("work-dir", { type: "string", default: ".blackwell/work" })
      .option("var-file-dir", { type: "string", describe: "Folder of <pipeline_id>.tfvars.json module inputs" })
      .option("plan-only", { type: "boolean", default: false, describe: "Plan every creator, apply none" })
      .option("offline", { type: "boolean", default: false, describe: "Offline review plans (implies --plan-only)" })
      .option("rerun-all", { type: "boolean", default: false, describe: "Also redo creators that succeeded before" })
      .option("json", { type: "boolean", default: false })
      .example("$0 media deploy-template creator-channel --creators creator1,creator2,creator3 --batch --concurrency 2", "Three creators, two at a time")
      .example("$0 media deploy-template examples/creator-channel.template.json --batch --plan-only --offline", "Review plans for every creator") as never,
  handler: async (args) => {
    const fs = await import("node:fs");
    const { loadPipelines, expandDefinitionPaths } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { checkTerraform } = await import("../../terraform/binary");
    const { deployTemplate } = await import("../../fleet/deploy-template");
    const { printJson, printTable } = await import("../output");
    if (!args.batch && !process.stdin.isTTY) throw new UserError("deploy-template changes many pipelines; pass --batch to run it without a terminal");
    checkTerraform();
    const files = fs.existsSync(args.template) ? [args.template] : expandDefinitionPaths([args.dir]).filter((f) => f.includes(args.template));
    const pipelines = loadPipelines(files).pipelines.filter((p) => p.template);
    if (pipelines.length === 0) throw new UserError(`no template '${args.template}' (give its file, or its template_id with --dir)`);
    const wanted = args.creators ? args.creators.split(",").map((c) => c.trim()) : pipelines.map((p) => p.template!.creator);
    const unknown = wanted.filter((c) => !pipelines.some((p) => p.template!.creator === c));
    if (unknown.length) throw new UserError(`not in the template: ${unknown.join(", ")}; it has ${pipelines.map((p) => p.template!.creator).join(", ")}`);
    const byCreator = new Map(pipelines.map((p) => [p.template!.creator, p]));
    const interactive = process.stderr.isTTY && !args.json;
    let bar: import("cli-progress").SingleBar | undefined;
    if (interactive) {
      const { SingleBar, Presets } = await import("cli-progress");
      bar = new SingleBar({ format: "creators [{bar}] {value}/{total} {last}", hideCursor: true }, Presets.shades_classic);
      bar.start(wanted.length, 0, { last: "shared channel group first" });
    }
    const { shared, results } = await deployTemplate({
      pipelines,
      creators: wanted,
      concurrency: args.concurrency,
      modulesDir: args.modules,
      workDir: args["work-dir"],
      varFileDir: args["var-file-dir"],
      planOnly: args["plan-only"],
      offline: args.offline,
      rerunAll: args["rerun-all"],
      onNote: (text) => process.stderr.write(`note: ${text}\n`),
      onProgress: (done, total, r) => {
        if (bar) bar.update(done, { last: `${r.creator} ${r.status}` });
        else if (!args.json) process.stderr.write(`[${done}/${total}] ${r.creator}: ${r.status}${r.detail ? ` (${r.detail})` : ""}\n`);
      },
    });
    bar?.stop();
    if (shared && !args.json) process.stderr.write(`shared channel group ${shared.module_id}: ${shared.status}${shared.inputs && !shared.review_inputs ? ` (${shared.inputs.mediapackage_channel_group_name}, ${shared.inputs.mediapackage_egress_domain})` : ""}${shared.detail ? ` (${shared.detail})` : ""}\n`);
    if (shared?.status === "failed") {
      if (args.json) printJson({ shared, results });
      throw new UserError(`the shared module ${shared.module_id} failed, so no creator was deployed: ${shared.detail}`);
    }
    if (args.json) printJson({ shared, results });
    else printTable(["CREATOR", "PIPELINE", "RESULT", "SECONDS", "DETAIL"], results.map((r) => [r.creator, byCreator.get(r.creator)!.resolved.pipeline_id, r.status, (r.ms / 1000).toFixed(1), r.detail ?? ""]));
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length) throw new UserError(`${failed.length} of ${results.length} creators failed (${failed.map((r) => r.creator).join(", ")}); fix and rerun: succeeded creators are skipped`);
  },
};
