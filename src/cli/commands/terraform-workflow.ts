/** blackwell media plan | apply | deploy | destroy | status: the real terraform, in a working root per pipeline. */
import type { Argv, CommandModule } from "yargs";
import { RootArgs, rootOptions, rootSettings, stateOptions } from "../root-settings";
import { jsonOption, pipelineModuleOptions } from "../pipeline-options";

interface WorkflowArgs extends RootArgs {
  pipeline: string;
  dir: string;
  modules: string;
  "var-file"?: string;
  offline: boolean;
  json: boolean;
  yes: boolean;
  "client-id"?: string;
  price: boolean;
}

const common = <T>(y: Argv<T>) =>
  jsonOption(
    pipelineModuleOptions(stateOptions(rootOptions(y)), "Pipeline id (searched in --dir), definition file, or a template's shared module (<template>-shared)"),
    "Print results as JSON",
  )
    .option("var-file", { type: "string", describe: "Module inputs (*.tfvars.json); keep secrets out of the command line" })
    .option("offline", {
      type: "boolean",
      default: false,
      describe: "Review plan without AWS credentials (local provider mirror, placeholder keys, awscc stubbed)",
    });

async function setup(args: WorkflowArgs) {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { findModule } = await import("../../core/definitions");
  const { UserError } = await import("../../core/problems");
  const { checkTerraform } = await import("../../terraform/binary");
  const { prepareWorkingRoot } = await import("../../terraform/working-root");
  checkTerraform();
  // A pipeline, or a template's shared module; `loaded` gives region and usage (a creator's, for a shared module).
  const { moduleId, pipeline: loaded, shared } = findModule(args.pipeline, [args.dir]);
  const moduleDir = path.join(args.modules, moduleId);
  if (!fs.existsSync(moduleDir)) throw new UserError(`no module at ${moduleDir}: run blackwell media synth ${args.dir} --out ${args.modules}`);
  const settings = await rootSettings(args);
  // --client-id tags Client, the cost-allocation tag a definition's client_id sets; the two may not disagree.
  const defined = loaded.resolved.client_id;
  if (args["client-id"] && defined && args["client-id"] !== defined)
    throw new UserError(`--client-id ${args["client-id"]} disagrees with ${moduleId}'s client_id '${defined}' in its definition`);
  const tags = { ...settings.defaultTags, ...(args["client-id"] ? { Client: args["client-id"] } : {}) };
  const root = prepareWorkingRoot({
    pipelineId: moduleId,
    moduleDir,
    region: loaded.resolved.region,
    workDir: settings.workDir,
    defaultTags: tags,
    backend: settings.backendFor(moduleId),
    offline: args.offline,
  });
  if (loaded.resolved.shared_channel_group && !shared) {
    const { provideSharedInputs } = await import("../../fleet/shared-group");
    provideSharedInputs(loaded.resolved, root, { workDir: settings.workDir, offline: args.offline, varFile: args["var-file"] });
  }
  return { loaded, moduleId, root, shared };
}

async function planAndReport(args: WorkflowArgs) {
  const { planRoot } = await import("../../terraform/workflow");
  const { formatSummary } = await import("../../terraform/plan-summary");
  const { printJson } = await import("../output");
  const { loaded, moduleId, root } = await setup(args);
  const result = await planRoot(root, { varFile: args["var-file"], json: args.json, reviewOnly: args.offline });
  let cost: { monthly_usd: number; by_service: Record<string, number>; unpriced_lines: number } | undefined;
  if (args.price) {
    const { inventoriesOfPlan } = await import("../../cost/plan-inventory");
    const { estimate } = await import("../../cost/estimate");
    const { loadPriceTable } = await import("../../cost/prices");
    const { usageFor } = await import("../../cost/usage");
    const table = loadPriceTable();
    const estimates = inventoriesOfPlan(result.plan, loaded.resolved.region).map((inv) => estimate(inv, usageFor(loaded.resolved, {}).usage, table));
    cost = {
      monthly_usd: estimates.reduce((s, e) => s + e.monthlyUsd, 0),
      by_service: Object.assign({}, ...estimates.map((e) => e.byService)),
      unpriced_lines: estimates.reduce((s, e) => s + e.unpriced.length, 0),
    };
  }
  if (args.json) printJson({ pipeline_id: moduleId, working_root: root.dir, plan_file: result.planFile, summary: result.summary, cost });
  else {
    process.stdout.write(formatSummary(result.summary));
    if (cost)
      process.stdout.write(
        `Estimated cost with the pipeline's usage assumptions: ${cost.unpriced_lines ? "at least " : ""}$${cost.monthly_usd.toFixed(2)} a month (blackwell media cost estimate shows the breakdown${cost.unpriced_lines ? `; ${cost.unpriced_lines} lines have no published price` : ""})\n`,
      );
    process.stdout.write(
      args.offline
        ? `Review-only plan: ${result.planFile} (offline: not for apply; deleted when superseded or after a day)\n`
        : `Saved plan: ${result.planFile}\nApply it with: blackwell media apply ${moduleId}\n`,
    );
  }
  return { loaded, root };
}

export const planCommand: CommandModule<object, WorkflowArgs> = {
  command: "plan <pipeline>",
  describe: "terraform plan of a pipeline's module, saved for apply, summarized by service and priced",
  builder: (y) =>
    common(y)
      .option("price", { type: "boolean", default: true, describe: "Price the plan with the cost estimator" })
      .example("$0 media plan studio_live_feed --var-file studio.tfvars.json", "Plan with module inputs from a file")
      .example("$0 media plan studio_live_feed --offline --json", "Review plan without AWS credentials") as never,
  handler: async (args) => {
    await planAndReport(args);
  },
};

export const applyCommand: CommandModule<object, WorkflowArgs> = {
  command: "apply <pipeline>",
  describe: "Apply the plan saved by blackwell media plan (never an unreviewed one)",
  builder: (y) => common(y).example("$0 media apply studio_live_feed", "Apply the saved plan") as never,
  handler: async (args) => {
    const { applyRoot } = await import("../../terraform/workflow");
    const { root } = await setup(args);
    await applyRoot(root);
  },
};

export const deployCommand: CommandModule<object, WorkflowArgs> = {
  command: "deploy <pipeline>",
  describe: "Synthesize, plan and apply a pipeline (the seed's deploy --client-id)",
  builder: (y) =>
    common(y)
      .option("client-id", {
        type: "string",
        describe: "Client the pipeline serves (the Client cost-allocation tag on every resource; a definition's client_id sets it too)",
      })
      .option("price", { type: "boolean", default: true })
      .example("$0 media deploy product-demos --client-id my-streaming-site --var-file demos.tfvars.json", "Synth, plan and apply") as never,
  handler: async (args) => {
    const { findModule } = await import("../../core/definitions");
    const { synthesizeModules } = await import("../../synth/synth");
    const { applyRoot } = await import("../../terraform/workflow");
    await synthesizeModules([findModule(args.pipeline, [args.dir]).pipeline], { outDir: args.modules });
    const { root } = await planAndReport(args);
    await applyRoot(root);
  },
};

export const destroyCommand: CommandModule<object, WorkflowArgs> = {
  command: "destroy <pipeline>",
  describe: "Destroy a deployed pipeline (asks for confirmation unless --yes)",
  builder: (y) =>
    common(y)
      .option("yes", { type: "boolean", default: false, describe: "Do not ask (required when not on a terminal)" })
      .example("$0 media destroy studio_live_feed", "Asks, then destroys") as never,
  handler: async (args) => {
    const { destroyRoot } = await import("../../terraform/workflow");
    const { fleetStateFile, forgetCreators } = await import("../../fleet/run-fleet");
    const { loaded, moduleId, root, shared } = await setup(args);
    await destroyRoot(root, { yes: args.yes, varFile: args["var-file"], pipelineId: moduleId });
    // A creator destroyed alone must be deployed again by the next deploy-template, not skipped as done.
    if (loaded.template && !shared) forgetCreators(fleetStateFile(loaded.template.template_id), [loaded.template.creator]);
  },
};

export const statusCommand: CommandModule<object, WorkflowArgs & { live: boolean }> = {
  command: "status <pipeline>",
  describe: "Deployed state from terraform outputs, and the channel's live state with AWS credentials",
  builder: (y) =>
    common(y)
      .option("live", { type: "boolean", default: true, describe: "Ask MediaLive for the channel state (needs AWS credentials)" })
      .example("$0 media status studio_live_feed", "Outputs and channel state")
      .example("$0 media status studio_live_feed --no-live --json", "Outputs only, as JSON") as never,
  handler: async (args) => {
    const { outputsOf } = await import("../../terraform/workflow");
    const { channelState } = await import("../../aws/channel-state");
    const { printJson } = await import("../output");
    const { loaded, moduleId, root } = await setup(args);
    const outputs = outputsOf(root);
    const deployed = Object.keys(outputs).length > 0;
    const channelId = outputs.channel_id?.value as string | undefined;
    const live = deployed && channelId && args.live ? await channelState(channelId, loaded.resolved.region) : undefined;
    const shown = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.sensitive ? "(sensitive)" : v.value]));
    if (args.json) printJson({ pipeline_id: moduleId, deployed, outputs: shown, channel: live });
    else {
      process.stdout.write(`${moduleId}: ${deployed ? "deployed" : "not deployed"} (${root.dir})\n`);
      if (live) process.stdout.write(`channel ${channelId}: ${live.state}${live.detail ? ` (${live.detail})` : ""}\n`);
      for (const [k, v] of Object.entries(shown))
        if (k !== "player_embed_html") process.stdout.write(`  ${k} = ${typeof v === "string" ? v : JSON.stringify(v)}\n`);
    }
  },
};
