/** blackwell media plan | apply | deploy | destroy | status: the real terraform, in a working root per pipeline. */
import type { Argv, CommandModule } from "yargs";
import { RootArgs, rootOptions, rootSettings, stateOptions } from "../root-settings";
import { jsonOption, pipelineModuleOptions } from "../pipeline-options";

interface WorkflowArgs extends RootArgs {
  pipeline: string;
  dir?: string;
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
      describe: "Review plan without AWS credentials (local provider mirror, placeholder keys, awscc stubbed); plan only: apply, deploy and destroy refuse it",
    });

/** Offline is review only: it never applies or destroys, so it never creates stand-ins in AWS or a state that looks deployed. */
async function refuseOffline(args: WorkflowArgs, verb: string) {
  if (!args.offline) return;
  const { UserError } = await import("../../core/problems");
  throw new UserError(
    `--offline only reviews (plan with placeholder credentials, nothing sent to AWS) and cannot ${verb}; review with blackwell media plan ${args.pipeline} --offline, then ${verb} with AWS credentials and without --offline`,
  );
}

async function setup(args: WorkflowArgs) {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { findModule } = await import("../../core/definitions");
  const { UserError } = await import("../../core/problems");
  const { checkTerraform } = await import("../../terraform/binary");
  const { prepareWorkingRoot } = await import("../../terraform/working-root");
  checkTerraform();
  // A pipeline, or a template's shared module; `loaded` gives region and usage (a creator's, for a shared module).
  const { lookupDirs } = await import("../definition-dirs");
  const { moduleId, pipeline: loaded, shared } = findModule(args.pipeline, await lookupDirs(args.pipeline, args));
  const moduleDir = path.join(args.modules, moduleId);
  if (!fs.existsSync(moduleDir)) throw new UserError(`no module at ${moduleDir}: run blackwell media synth ${loaded.file} --out ${args.modules}`);
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
    ...(loaded.resolved.failover_region ? { failoverRegion: loaded.resolved.failover_region } : {}),
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
  const { requireInputs } = await import("../../terraform/missing-inputs");
  const path = await import("node:path");
  requireInputs(moduleId, path.join(args.modules, moduleId), root.dir, args["var-file"], `blackwell media plan ${moduleId}${args.offline ? " --offline" : ""}`);
  let result;
  try {
    result = await planRoot(root, { varFile: args["var-file"], json: args.json, reviewOnly: args.offline });
  } catch (err) {
    // Without network or credentials the provider cannot plan; the review plan needs neither.
    if (!args.offline && err instanceof Error && err.name === "TerraformFailed")
      process.stderr.write(
        `hint: no network or AWS credentials here? blackwell media plan ${moduleId} --offline makes a review plan from the local provider mirror, without AWS\n`,
      );
    throw err;
  }
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
    if (args.offline)
      process.stdout.write(
        `Review-only plan: ${result.planFile} (offline, placeholder credentials: not for apply; deleted when superseded or after a day)\nTo deploy, plan again with AWS credentials and without --offline, then: blackwell media apply ${moduleId}\n`,
      );
    else process.stdout.write(`Saved plan: ${result.planFile}\nApply it with: blackwell media apply ${moduleId}\n`);
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
    await refuseOffline(args, "apply");
    const { applyRoot } = await import("../../terraform/workflow");
    const { root } = await setup(args);
    await applyRoot(root);
  },
};

export const deployCommand: CommandModule<object, WorkflowArgs> = {
  command: "deploy <pipeline>",
  describe: "Synthesize, plan and apply a pipeline (--client-id tags it with the client it serves)",
  builder: (y) =>
    common(y)
      .option("client-id", {
        type: "string",
        describe: "Client the pipeline serves (the Client cost-allocation tag on every resource; a definition's client_id sets it too)",
      })
      .option("price", { type: "boolean", default: true, describe: "Price the plan with the cost estimator" })
      .example("$0 media deploy product-demos --client-id my-streaming-site --var-file demos.tfvars.json", "Synth, plan and apply") as never,
  handler: async (args) => {
    await refuseOffline(args, "deploy");
    const { findModule } = await import("../../core/definitions");
    const { synthesizeModules } = await import("../../synth/synth");
    const { applyRoot } = await import("../../terraform/workflow");
    const { lookupDirs } = await import("../definition-dirs");
    await synthesizeModules([findModule(args.pipeline, await lookupDirs(args.pipeline, args)).pipeline], { outDir: args.modules });
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
    await refuseOffline(args, "destroy");
    const { destroyRoot } = await import("../../terraform/workflow");
    const { fleetStateFile, forgetCreators } = await import("../../fleet/run-fleet");
    const { loaded, moduleId, root, shared } = await setup(args);
    await destroyRoot(root, { yes: args.yes, varFile: args["var-file"], pipelineId: moduleId });
    // A creator destroyed alone must be deployed again by the next deploy-template, not skipped as done.
    if (loaded.template && !shared) forgetCreators(fleetStateFile(loaded.template.template_id), [loaded.template.creator]);
  },
};

export const statusCommand: CommandModule<object, WorkflowArgs & { live: boolean }> = {
  // `status --pipeline studio-live` works like `status studio-live`.
  command: "status [pipeline]",
  describe: "Deployed state from terraform outputs, and the channel's live state with AWS credentials",
  builder: (y) =>
    common(y)
      .option("live", { type: "boolean", default: true, describe: "Ask MediaLive for the channel state, or IVS for the stream state (needs AWS credentials)" })
      .option("pipeline", { type: "string", describe: "The pipeline, as a flag (the same as the positional)" })
      .example("$0 media status studio_live_feed", "Outputs and channel state")
      .example("$0 media status studio_live_feed --no-live --json", "Outputs only, as JSON")
      .example("$0 media status --pipeline studio-live", "The pipeline given as a flag") as never,
  handler: async (args) => {
    if (!args.pipeline)
      throw new (await import("../../core/problems")).UserError("name the pipeline: blackwell media status <pipeline> (or --pipeline <pipeline>)");
    const { outputsOf } = await import("../../terraform/workflow");
    const { channelState } = await import("../../aws/channel-state");
    const { printJson } = await import("../output");
    const { loaded, moduleId, root } = await setup(args);
    const outputs = outputsOf(root);
    const deployed = Object.keys(outputs).length > 0;
    const channelId = outputs.channel_id?.value as string | undefined;
    const live = deployed && channelId && args.live ? await channelState(channelId, loaded.resolved.region) : undefined;
    // backend ivs: no MediaLive channel; the IVS stream's state (GetStream) instead.
    const ivs = deployed && args.live ? await (await import("../ivs-stream")).ivsStatusOf(outputs, loaded.resolved) : undefined;
    // With credentials, the same health stream monitor shows: state, input, alerts.
    let health: import("../../aws/monitor").Snapshot | undefined;
    if (live && live.state !== "UNKNOWN") {
      const { startCost } = await import("../../cost/start-cost");
      const { monitorClients, monitorTargetsFromOutputs, takeSnapshot } = await import("../../aws/monitor");
      const targets = monitorTargetsFromOutputs(outputs, moduleId, loaded.resolved.tier_settings.channel_class, startCost(loaded).per_hour_usd);
      health = await takeSnapshot(targets, await monitorClients(loaded.resolved.region));
    }
    const shown = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.sensitive ? "(sensitive)" : v.value]));
    if (args.json)
      printJson({
        pipeline_id: moduleId,
        deployed,
        outputs: shown,
        channel: live,
        health,
        ...(ivs ? { ivs_stream: ivs.snapshot ?? { detail: ivs.detail } } : {}),
      });
    else {
      process.stdout.write(`${moduleId}: ${deployed ? "deployed" : "not deployed"} (${root.dir})\n`);
      if (health) {
        const { healthLine } = await import("../../aws/monitor");
        process.stdout.write(`channel ${channelId}: ${healthLine(health)}\n`);
      } else if (live) process.stdout.write(`channel ${channelId}: ${live.state}${live.detail ? ` (${live.detail})` : ""}\n`);
      if (ivs) {
        const { ivsHealthLine } = await import("../../aws/ivs-stream");
        process.stdout.write(`IVS channel ${ivs.channelArn}: ${ivs.snapshot ? ivsHealthLine(ivs.snapshot) : `UNKNOWN (${ivs.detail})`}\n`);
      }
      for (const [k, v] of Object.entries(shown))
        if (k !== "player_embed_html") process.stdout.write(`  ${k} = ${typeof v === "string" ? v : JSON.stringify(v)}\n`);
    }
  },
};
