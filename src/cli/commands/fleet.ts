/** blackwell media template save | deploy-template: creator fleets, one module and one state per creator. */
import type { Argv, CommandModule } from "yargs";
import { RootArgs, rootOptions, rootSettings, tagOption } from "../root-settings";
import { commaList as list, definitionFlagOptions, definitionsDirOption, jsonOption, modulesDirOption } from "../pipeline-options";
import type { LoadedPipeline } from "../../core/definitions";
import type { FleetResult, TemplateFleetOptions } from "../../fleet/run-fleet";

interface SaveArgs {
  name: string;
  type: string;
  sources: string;
  outputs: string;
  transcodes: string;
  tier: string;
  region: string;
  creators: string;
  dir?: string;
  config?: string;
  force: boolean;
}

const saveCommand: CommandModule<object, SaveArgs> = {
  command: "save <name>",
  describe: "Save a pipeline template (e.g. a creator channel) for a list of creators",
  builder: (y) =>
    saveOptions(y).example(
      "$0 media template save creator-channel --sources rtmp,obs --outputs cloudfront,youtube --transcodes 1080p,720p,480p --tier standard --creators alice,bob",
      "A channel per creator",
    ) as never,
  handler: (args) => saveTemplate(args),
};

/** The options of template save, also taken by `template <name>` directly. */
function saveOptions<T>(y: Argv<T>) {
  return definitionFlagOptions(y.positional("name", { type: "string", demandOption: true, describe: "template_id: lower-case letters, digits, - and _" }), {
    type: "live_stream",
    sources: "obs",
    outputs: "cloudfront,youtube",
    transcodes: "1080p,720p,480p",
    tier: "standard",
  })
    .option("creators", { type: "string", default: "", describe: "Comma-separated creator ids" })
    .option("dir", { type: "string", describe: "Folder to write the template into (default: definitions_dir of blackwell.config.json, else pipelines/)" })
    .option("config", { type: "string", describe: "Project configuration (default: blackwell.config.json here, if present)" })
    .option("force", { type: "boolean", default: false, describe: "Overwrite an existing template" });
}

async function saveTemplate(args: SaveArgs) {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { validateAgainstSchema } = await import("../../core/schema-validation");
  const { expandTemplate, checkPipelineDocument } = await import("../../core/definitions");
  const { UserError, errorsOnly } = await import("../../core/problems");
  const { writeFileAtomic } = await import("../../core/atomic-write");
  const file = path.join(await (await import("../definition-dirs")).ownDefinitionsDir(args), `${args.name}.template.json`);
  const template = {
    template_id: args.name,
    shared: { channel_group: true },
    defaults: {
      pipeline_type: args.type,
      sources: list(args.sources),
      transcode_profiles: list(args.transcodes),
      outputs: list(args.outputs),
      region: args.region,
      tier: args.tier,
    },
    creators: list(args.creators),
  };
  const problems = validateAgainstSchema("template", template, `${file} (from flags)`);
  if (problems.length) throw new UserError("the flags do not make a valid template", problems);
  const pipelineProblems = expandTemplate(template as never).flatMap(({ definition }) => errorsOnly(checkPipelineDocument(definition, `${file} (from flags)`)));
  if (pipelineProblems.length) throw new UserError("the flags do not make valid pipelines", pipelineProblems);
  if (fs.existsSync(file) && !args.force) throw new UserError(`${file} already exists; pass --force to overwrite it`);
  writeFileAtomic(file, JSON.stringify({ $schema: "../schemas/template.schema.json", ...template }, null, 2) + "\n");
  process.stdout.write(`wrote ${file}\nnext: blackwell media deploy-template ${args.name} --batch\n`);
}

// `template creator-channel --sources ...` saves like `template save creator-channel --sources ...`.
export const templateCommand: CommandModule<object, SaveArgs> = {
  command: "template <name>",
  describe: "Save a pipeline template for creator fleets: template [save] <name> --sources ... --creators ...",
  builder: (y) =>
    saveOptions(y)
      .command(saveCommand)
      .example(
        "$0 media template creator-channel --sources rtmp,obs --outputs cloudfront,youtube --transcodes 1080p,720p,480p --tier standard --creators creator1,creator2",
        "The same as template save creator-channel ...",
      ) as never,
  handler: (args) => saveTemplate(args),
};

/** Arguments deploy-template and destroy-template share. */
interface FleetArgs extends RootArgs {
  template: string;
  creators?: string;
  concurrency?: number;
  dir?: string;
  modules: string;
  "var-file-dir"?: string;
  json: boolean;
}

const fleetOptions = <T>(y: Argv<T>, verb: string) =>
  jsonOption(modulesDirOption(definitionsDirOption(tagOption(rootOptions(y)))), "Print results as JSON")
    .positional("template", { type: "string", demandOption: true, describe: "Template file or template_id (searched in --dir)" })
    .option("creators", { type: "string", describe: "Comma-separated creators (default: all in the template)" })
    .option("concurrency", {
      type: "number",
      describe: `Creators ${verb} at once (default: locally, as many as the cores and free memory allow; with --remote tfc, 2)`,
    })
    .option("var-file-dir", { type: "string", describe: "Folder of <pipeline_id>.tfvars.json module inputs" });

/** --remote tfc and where its workspaces are, for deploy-template and destroy-template. */
interface RemoteArgs {
  remote?: "tfc";
  "tfc-hostname"?: string;
  "tfc-organization"?: string;
  "tfc-workspace"?: string;
  "run-timeout"?: number;
}

const remoteOptions = <T>(y: Argv<T>) =>
  y
    .option("remote", {
      choices: ["tfc"] as const,
      describe: "Run remotely on Terraform Cloud/Enterprise: one workspace per module, inputs as workspace variables",
    })
    .option("tfc-hostname", {
      type: "string",
      describe: "With --remote tfc: Terraform Enterprise host (default: terraform.tfc.hostname of the configuration, else app.terraform.io)",
    })
    .option("tfc-organization", { type: "string", describe: "With --remote tfc: organization (default: terraform.tfc.organization of the configuration)" })
    .option("tfc-workspace", {
      type: "string",
      describe: "With --remote tfc: workspace name with {pipeline} (default: terraform.tfc.workspace of the configuration, else {pipeline})",
    })
    .option("run-timeout", {
      type: "number",
      describe:
        "With --remote tfc: seconds to wait for each run (default: terraform.tfc.run_timeout, else 3600); a run still going is recorded as timed out and a rerun waits for it again",
    });

interface DeployArgs extends FleetArgs, RemoteArgs {
  batch: boolean;
  "plan-only": boolean;
  offline: boolean;
  "rerun-all": boolean;
  "tfc-project"?: string;
  "auto-apply": boolean;
}

export const deployTemplateCommand: CommandModule<object, DeployArgs> = {
  command: "deploy-template <template>",
  describe:
    "Synthesize and deploy a template: its shared channel group first, then one pipeline per creator (own module and state, bounded concurrency, resumable)",
  builder: (y) =>
    remoteOptions(fleetOptions(y, "deployed"))
      .option("batch", { type: "boolean", default: false, describe: "Run without prompting (required when not on a terminal)" })
      .option("plan-only", { type: "boolean", default: false, describe: "Plan every creator, apply none" })
      .option("offline", { type: "boolean", default: false, describe: "Offline review plans (implies --plan-only)" })
      .option("rerun-all", { type: "boolean", default: false, describe: "Also redo creators that succeeded before" })
      .option("tfc-project", {
        type: "string",
        describe: "With --remote tfc: project name or id (prj-...) for the workspaces (default: terraform.tfc.project)",
      })
      .option("auto-apply", {
        type: "boolean",
        default: false,
        describe:
          "With --remote tfc: apply each run once planned. Without it a run stops waiting for confirmation and the creator is recorded as planned (not succeeded); confirm it in Terraform Cloud and rerun: the rerun follows that run instead of queuing another",
      })
      .example("$0 media deploy-template creator-channel --creators creator1,creator2,creator3 --batch --concurrency 2", "Three creators, two at a time")
      .example(
        "$0 media deploy-template examples/creator-channel.template.json --batch --offline --var-file-dir inputs",
        "Review plans for every creator, without AWS; inputs/<pipeline_id>.tfvars.json holds each creator's inputs (rtmp_allowed_cidrs, youtube_stream_key)",
      )
      .example(
        "$0 media deploy-template creator-channel --batch --remote tfc --tfc-organization acme --tfc-workspace media-{pipeline} --tfc-project Media --var-file-dir inputs --auto-apply",
        "Runs on Terraform Cloud: a workspace per creator tagged template:creator-channel, stream keys as sensitive variables (token from TF_TOKEN_app_terraform_io or terraform login)",
      )
      .example(
        "$0 media deploy-template creator-channel --batch --remote tfc --run-timeout 1800",
        "Host, organization and project from terraform.tfc of blackwell.config.json; a run still going after 30 minutes is recorded as timed_out (exit 1) with its address, and the rerun waits for that run",
      ),
  handler: async (args) => {
    const { checkTerraform } = await import("../../terraform/binary");
    const { deployTemplate } = await import("../../fleet/deploy-template");
    const { deployTemplateRemote } = await import("../../fleet/remote-deploy");
    const { printJson } = await import("../output");
    const { UserError } = await import("../../core/problems");
    if (!args.batch && !process.stdin.isTTY) throw new UserError("deploy-template changes many pipelines; pass --batch to run it without a terminal");
    if (args.remote && args.offline) throw new UserError("--offline plans locally; leave it out with --remote tfc (use --plan-only for plan-only runs)");
    const misuse = tfcFlagsWithoutRemote(args, args["auto-apply"] ? ["auto-apply"] : []);
    if (misuse) throw new UserError(misuse);
    if (!args.remote) checkTerraform();
    const { pipelines, wanted, byCreator } = await loadTemplateCreators(args);
    // The tfc flags name the remote workspaces here, not a backend of local working roots.
    const targets = await fleetTargets({ ...args, "tfc-organization": undefined, "tfc-workspace": undefined }, pipelines, wanted); // a broken configuration stops here, before any progress
    const remote = args.remote ? await remoteSettings(args) : undefined;
    const progress = await fleetProgress(wanted.length, args.json, "shared channel group first");
    const common = {
      ...targets,
      onProgress: progress.update,
      planOnly: args["plan-only"],
      rerunAll: args["rerun-all"],
      onNote: (text: string) => process.stderr.write(`note: ${text}\n`),
    };
    const { shared, results } = await (remote ? deployTemplateRemote({ ...common, remote }) : deployTemplate({ ...common, offline: args.offline })).finally(
      () => progress.stop(),
    );
    if (shared && !args.json)
      process.stderr.write(
        `shared channel group ${shared.module_id}: ${shared.status}${shared.inputs && !shared.review_inputs ? ` (${shared.inputs.mediapackage_channel_group_name}, ${shared.inputs.mediapackage_egress_domain})` : ""}${shared.detail ? ` (${shared.detail})` : ""}\n`,
      );
    if (shared && !shared.inputs) {
      if (args.json) printJson({ shared, results });
      throw new UserError(
        shared.status === "failed"
          ? `the shared module ${shared.module_id} failed, so no creator was deployed: ${shared.detail}`
          : `the shared module ${shared.module_id} is not applied yet, so no creator was deployed: ${shared.detail}`,
      );
    }
    if (args.json) printJson({ shared, results });
    else await printResultTable(results, byCreator);
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length)
      throw new UserError(
        `${failed.length} of ${results.length} creators failed (${failed.map((r) => r.creator).join(", ")}); fix and rerun: succeeded creators are skipped`,
      );
    requireRunsEnded(results, UserError);
    const waiting = results.filter((r) => r.status === "planned");
    if (waiting.length && !args["plan-only"])
      process.stderr.write(
        `${waiting.length} run(s) wait for confirmation in Terraform Cloud (${waiting.map((r) => r.creator).join(", ")}): confirm them there, then rerun to record them (pass --auto-apply to apply without confirmation)\n`,
      );
  },
};

interface DestroyArgs extends FleetArgs, RemoteArgs {
  yes: boolean;
  "keep-shared": boolean;
}

export const destroyTemplateCommand: CommandModule<object, DestroyArgs> = {
  command: "destroy-template <template>",
  describe: "Destroy a template's creators (own state each, bounded concurrency, resumable), then its shared channel group once no creator uses it",
  builder: (y) =>
    remoteOptions(fleetOptions(y, "destroyed"))
      .option("yes", { type: "boolean", default: false, describe: "Do not ask (required when not on a terminal)" })
      .option("keep-shared", { type: "boolean", default: false, describe: "Leave the shared channel group even when no creator uses it" })
      .example("$0 media destroy-template creator-channel --creators creator2", "Asks, then destroys one creator; the shared group stays for the others")
      .example("$0 media destroy-template creator-channel --yes --var-file-dir vars --json", "Every creator, then the shared channel group")
      .example(
        "$0 media destroy-template creator-channel --yes --remote tfc --tfc-organization acme --tfc-workspace media-{pipeline}",
        "Destroy runs in each creator's Terraform Cloud workspace, then the shared group's",
      ),
  handler: async (args) => {
    const { checkTerraform } = await import("../../terraform/binary");
    const { destroyTemplate } = await import("../../fleet/destroy-template");
    const { confirm } = await import("../../terraform/workflow");
    const { printJson } = await import("../output");
    const { UserError } = await import("../../core/problems");
    const { destroyTemplateRemote } = await import("../../fleet/remote-destroy");
    const misuse = tfcFlagsWithoutRemote(args, []);
    if (misuse) throw new UserError(misuse);
    if (!args.remote) checkTerraform();
    const { pipelines, wanted, byCreator } = await loadTemplateCreators(args);
    // The tfc flags name the remote workspaces here, not a backend of local working roots.
    const targets = await fleetTargets({ ...args, "tfc-organization": undefined, "tfc-workspace": undefined }, pipelines, wanted); // a broken configuration stops here, before the question
    const remote = args.remote ? await remoteSettings(args) : undefined;
    const sharedId = pipelines.find((p) => p.resolved.shared_channel_group)?.resolved.shared_channel_group!.module_id;
    const question = `Destroy every resource of ${wanted.length} creator(s) (${wanted.join(", ")})${sharedId && !args["keep-shared"] ? `, then ${sharedId} if no creator uses it` : ""}? Type yes: `;
    if (!args.yes && !(await confirm(question)))
      throw new UserError("not destroyed: confirm at the prompt, or pass --yes (needed when not run from a terminal)");
    const progress = await fleetProgress(wanted.length, args.json, "creators first");
    const destroyOptions = { ...targets, onProgress: progress.update, keepShared: args["keep-shared"] };
    const { shared, results } = await (remote ? destroyTemplateRemote({ ...destroyOptions, remote }) : destroyTemplate(destroyOptions)).finally(() =>
      progress.stop(),
    );
    if (args.json) printJson({ results, shared });
    else {
      await printResultTable(results, byCreator);
      if (shared) process.stderr.write(`shared channel group ${shared.module_id}: ${shared.status}${shared.detail ? ` (${shared.detail})` : ""}\n`);
    }
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length)
      throw new UserError(
        `${failed.length} of ${results.length} creators failed to destroy (${failed.map((r) => r.creator).join(", ")}); fix and rerun: what is gone is skipped`,
      );
    requireRunsEnded(results, UserError);
    if (shared?.status === "failed") throw new UserError(`the shared module ${shared.module_id} failed to destroy: ${shared.detail}`);
  },
};

/** Remote runs that outlived --run-timeout (or wait for a policy decision while destroying) fail the command: it is not done. */
function requireRunsEnded(results: FleetResult[], UserError: typeof import("../../core/problems").UserError): void {
  const late = results.filter((r) => r.status === "timed_out");
  if (late.length)
    throw new UserError(
      `${late.length} of ${results.length} runs had not ended within --run-timeout (${late.map((r) => r.creator).join(", ")}); they go on in Terraform Cloud: rerun to wait for them again`,
    );
}

/** The tfc flags only mean something with --remote tfc; local runs keep state in Terraform Cloud through the configuration. */
function tfcFlagsWithoutRemote(args: RemoteArgs & { "tfc-project"?: string }, others: string[]): string | undefined {
  const given = [
    ...(["tfc-hostname", "tfc-organization", "tfc-workspace", "tfc-project", "run-timeout"] as const).filter((f) => args[f] !== undefined),
    ...others,
  ];
  if (!args.remote && given.length)
    return `--${given[0]} goes with --remote tfc (state in Terraform Cloud for local runs: terraform.backend.cloud in blackwell.config.json)`;
}

/** Terraform Cloud settings for --remote tfc: flags first, then terraform.tfc of the project configuration (see tfcTarget). */
async function remoteSettings(args: RemoteArgs & { config?: string; "tfc-project"?: string; "auto-apply"?: boolean }) {
  const { loadProjectConfig } = await import("../../core/project-config");
  const { TfcClient, tfcToken } = await import("../../fleet/tfc-client");
  const { tfcTarget } = await import("../../fleet/tfc-settings");
  const { hostname, ...target } = tfcTarget(args, loadProjectConfig(args.config).config);
  const client = new TfcClient({ hostname, token: tfcToken(hostname) });
  return { client, ...target, autoApply: args["auto-apply"] ?? false };
}

/** The template's pipelines (from its file, or its template_id under --dir) and the creators asked for. */
async function loadTemplateCreators(args: { template: string; dir?: string; config?: string; creators?: string }) {
  const fs = await import("node:fs");
  const { loadPipelines, expandDefinitionPaths } = await import("../../core/definitions");
  const { UserError } = await import("../../core/problems");
  const { definitionDirs } = await import("../definition-dirs");
  // Your template wins over an example of the same name: the first folder holding a match is used.
  const inDirs = (await definitionDirs(args)).map((dir) => expandDefinitionPaths([dir]).filter((f) => f.includes(args.template)));
  const files = fs.existsSync(args.template) ? [args.template] : (inDirs.find((found) => found.length > 0) ?? []);
  const pipelines = loadPipelines(files).pipelines.filter((p) => p.template);
  if (pipelines.length === 0) throw new UserError(`no template '${args.template}' (give its file, or its template_id with --dir)`);
  const wanted = args.creators ? args.creators.split(",").map((c) => c.trim()) : pipelines.map((p) => p.template!.creator);
  const unknown = wanted.filter((c) => !pipelines.some((p) => p.template!.creator === c));
  if (unknown.length) throw new UserError(`not in the template: ${unknown.join(", ")}; it has ${pipelines.map((p) => p.template!.creator).join(", ")}`);
  return { pipelines, wanted, byCreator: new Map(pipelines.map((p) => [p.template!.creator, p])) };
}

/** What both fleets take from the flags and the project configuration (working roots, tags, remote state). */
async function fleetTargets(args: FleetArgs & RemoteArgs, pipelines: LoadedPipeline[], creators: string[]): Promise<TemplateFleetOptions> {
  const { workDir, defaultTags, backendFor } = await rootSettings(args);
  const concurrency = await chosenConcurrency(args);
  return { pipelines, creators, concurrency, modulesDir: args.modules, workDir, defaultTags, backendFor, varFileDir: args["var-file-dir"] };
}

/** --concurrency, else 2 remote runs polled at once, else what this machine's cores and free memory allow; said on stderr. */
async function chosenConcurrency(args: { concurrency?: number; remote?: string }): Promise<number> {
  const { UserError } = await import("../../core/problems");
  if (args.concurrency !== undefined) {
    if (!Number.isInteger(args.concurrency) || args.concurrency < 1)
      throw new UserError(`--concurrency must be a whole number of at least 1, not ${args.concurrency}`);
    process.stderr.write(`concurrency: ${args.concurrency} creators at once (--concurrency)\n`);
    return args.concurrency;
  }
  if (args.remote) return 2;
  const { localConcurrency, machineShare } = await import("../../fleet/local-concurrency");
  const share = machineShare();
  const concurrency = localConcurrency(share);
  process.stderr.write(
    `concurrency: ${concurrency} creators at once (${share.cores} cores, ${(share.freeBytes / 2 ** 30).toFixed(1)} GiB free; --concurrency to change)\n`,
  );
  return concurrency;
}

/** A progress bar on a terminal, plain lines otherwise, nothing with --json (stdout is the JSON). */
async function fleetProgress(total: number, json: boolean, first: string) {
  const interactive = process.stderr.isTTY && !json;
  let bar: import("cli-progress").SingleBar | undefined;
  if (interactive) {
    const { SingleBar, Presets } = await import("cli-progress");
    bar = new SingleBar({ format: "creators [{bar}] {value}/{total} {last}", hideCursor: true }, Presets.shades_classic);
    bar.start(total, 0, { last: first });
  }
  return {
    update: (done: number, all: number, r: FleetResult) => {
      if (bar) bar.update(done, { last: `${r.creator} ${r.status}` });
      else if (!json) process.stderr.write(`[${done}/${all}] ${r.creator}: ${r.status}${r.detail ? ` (${r.detail})` : ""}\n`);
    },
    stop: () => bar?.stop(),
  };
}

async function printResultTable(results: FleetResult[], byCreator: Map<string, LoadedPipeline>) {
  const { printTable } = await import("../output");
  printTable(
    ["CREATOR", "PIPELINE", "RESULT", "SECONDS", "DETAIL"],
    results.map((r) => [r.creator, byCreator.get(r.creator)!.resolved.pipeline_id, r.status, (r.ms / 1000).toFixed(1), r.detail ?? ""]),
  );
}
