import type { Argv, CommandModule } from "yargs";

interface EstimateArgs {
  pipeline?: string;
  all?: string;
  dir: string;
  hours?: number;
  viewers?: number;
  "watch-minutes"?: number;
  "bitrate-kbps"?: number;
  "vod-minutes"?: number;
  "archive-days"?: number;
  "free-tier": boolean;
  "max-cost-per-month"?: number;
  prices?: string;
  json: boolean;
}

const usageOptions = <T>(y: Argv<T>) =>
  y
    .option("hours", { type: "number", describe: "Live hours per month (default: the definition's usage, else the tier's)" })
    .option("viewers", { type: "number", describe: "Distinct viewers per month" })
    .option("watch-minutes", { type: "number", describe: "Minutes each viewer watches per month" })
    .option("bitrate-kbps", { type: "number", describe: "Average bitrate viewers receive" })
    .option("vod-minutes", { type: "number", describe: "Minutes of video transcoded per month (VOD and hybrid)" })
    .option("archive-days", { type: "number", describe: "Days recordings are kept (default: the archive's retention)" })
    .option("free-tier", { type: "boolean", default: false, describe: "Apply CloudFront's always-free tier" })
    .option("max-cost-per-month", { type: "number", describe: "Exit 1 when an estimate exceeds this many USD per month" })
    .option("prices", { type: "string", describe: "Price table file (default: the one shipped, data/prices/aws-media-prices.json)" })
    .option("json", { type: "boolean", default: false, describe: "Print the estimate as JSON" });

function flagsOf(args: EstimateArgs) {
  return { hours: args.hours, viewers: args.viewers, watchMinutes: args["watch-minutes"], bitrateKbps: args["bitrate-kbps"], vodMinutes: args["vod-minutes"], archiveDays: args["archive-days"], freeTier: args["free-tier"] };
}

const estimateCommand: CommandModule<object, EstimateArgs> = {
  command: "estimate",
  describe: "Estimate monthly and per-hour cost of one pipeline or of all in a folder",
  builder: (y) =>
    usageOptions(
      y
        .option("pipeline", { type: "string", describe: "Pipeline id (searched in --dir) or definition file" })
        .option("all", { type: "string", describe: "Folder: estimate every pipeline in it (templates per creator)" })
        .option("dir", { type: "string", default: "examples", describe: "Where --pipeline ids are looked up" })
        .check((a) => {
          if (!a.pipeline === !a.all) throw new Error("give either --pipeline <name|file> or --all <folder>");
          return true;
        }),
    )
      .example("$0 media cost estimate --pipeline studio_live_feed --hours 10", "Ten live hours of the studio feed")
      .example("$0 media cost estimate --all examples --json", "Every example pipeline, as JSON")
      .example("$0 media cost estimate --pipeline product-demos --max-cost-per-month 100", "Fail when over budget") as never,
  handler: async (args) => {
    const { findPipeline, loadPipelines } = await import("../../core/definitions");
    const { loadCatalog } = await import("../../core/catalog");
    const { UserError } = await import("../../core/problems");
    const { loadPriceTable } = await import("../../cost/prices");
    const { estimatePipelines, formatEstimate, staleWarning } = await import("../../cost/report");
    const { printJson, printTable } = await import("../output");
    const table = loadPriceTable(args.prices);
    const pipelines = args.all ? loadPipelines([args.all]).pipelines : [findPipeline(args.pipeline!, [args.dir])];
    const estimates = estimatePipelines(pipelines, flagsOf(args), table, loadCatalog());
    const warning = staleWarning(table, new Date());
    const total = estimates.reduce((s, e) => s + e.monthlyUsd, 0);
    if (args.json) printJson({ prices_as_of: table.as_of, warning, total_monthly_usd: total, estimates });
    else {
      if (warning) process.stderr.write(warning + "\n");
      if (estimates.length === 1) process.stdout.write(formatEstimate(estimates[0]));
      else {
        printTable(
          ["PIPELINE", "TIER", "LIVE H", "MEDIALIVE", "DELIVERY", "STORAGE", "OTHER", "MONTHLY", "PER LIVE H", "VS TIER RANGE"],
          estimates.map((e) => [
            e.pipeline_id, e.tier, e.usage.liveHoursPerMonth,
            `$${(e.byService.MediaLive ?? 0).toFixed(2)}`,
            `$${((e.byService.CloudFront ?? 0) + (e.byService.MediaPackage ?? 0)).toFixed(2)}`,
            `$${(e.byService.S3 ?? 0).toFixed(2)}`,
            `$${((e.byService.MediaConvert ?? 0) + (e.byService.Other ?? 0)).toFixed(2)}`,
            `$${e.monthlyUsd.toFixed(2)}`, `$${e.perLiveHourUsd.toFixed(2)}`,
            `${e.tierRange.position} $${e.tierRange.min}-${e.tierRange.max}`,
          ]),
        );
        process.stdout.write(`total: $${total.toFixed(2)} a month for ${estimates.length} pipelines\n`);
      }
    }
    const limit = args["max-cost-per-month"];
    if (limit !== undefined) {
      const over = estimates.filter((e) => e.monthlyUsd > limit);
      if (over.length) throw new UserError(`over budget: ${over.map((e) => `${e.pipeline_id} is estimated at $${e.monthlyUsd.toFixed(2)} a month`).join("; ")}, above --max-cost-per-month ${limit}`);
    }
  },
};

interface PlanArgs extends EstimateArgs {
  plan: string;
  region?: string;
}

const planCommand: CommandModule<object, PlanArgs> = {
  command: "plan <plan>",
  describe: "Price the media resources in a Terraform plan (terraform show -json output)",
  builder: (y) =>
    usageOptions(
      y
        .positional("plan", { type: "string", demandOption: true, describe: "JSON from terraform show -json <planfile>" })
        .option("region", { type: "string", describe: "Region to price in (default: the plan's aws provider region, else us-east-1)" }),
    )
      .example("$0 media cost plan plan.json --hours 20 --viewers 500", "Price a saved plan")
      .example("terraform show -json tfplan > plan.json && $0 media cost plan plan.json --json", "As JSON") as never,
  handler: async (args) => {
    const { readDocument } = await import("../../core/parse-document");
    const { UserError } = await import("../../core/problems");
    const { loadPriceTable } = await import("../../cost/prices");
    const { inventoriesOfPlan } = await import("../../cost/plan-inventory");
    const { estimate } = await import("../../cost/estimate");
    const { checkUsageFlags } = await import("../../cost/usage");
    const { printJson } = await import("../output");
    const table = loadPriceTable(args.prices);
    const flags = flagsOf(args);
    checkUsageFlags(flags);
    const inventories = inventoriesOfPlan(readDocument(args.plan).data, args.region);
    if (inventories.length === 0) throw new UserError(`${args.plan} has no media resources to price (MediaLive, MediaPackage, CloudFront, S3, MediaConvert)`);
    const usage = {
      liveHoursPerMonth: flags.hours ?? 10, viewers: flags.viewers ?? 100, watchMinutesPerViewer: flags.watchMinutes ?? 30,
      watchedBitrateKbps: flags.bitrateKbps ?? 3000, vodMinutesPerMonth: flags.vodMinutes ?? 0, vodViewsPerMonth: 0, archiveDays: flags.archiveDays, freeTier: flags.freeTier ?? false,
    };
    const estimates = inventories.map((inv) => estimate(inv, usage, table));
    const total = estimates.reduce((s, e) => s + e.monthlyUsd, 0);
    if (args.json) printJson({ prices_as_of: table.as_of, total_monthly_usd: total, estimates });
    else for (const e of estimates) process.stdout.write(`${e.pipeline_id}: $${e.monthlyUsd.toFixed(2)} a month (${Object.entries(e.byService).map(([s, v]) => `${s} $${v.toFixed(2)}`).join(", ")})\n`);
    const limit = args["max-cost-per-month"];
    if (limit !== undefined && total > limit) throw new UserError(`over budget: the plan is estimated at $${total.toFixed(2)} a month, above --max-cost-per-month ${limit}`);
  },
};

interface RefreshArgs {
  region: string[];
  out?: string;
  json: boolean;
}

const refreshCommand: CommandModule<object, RefreshArgs> = {
  command: "refresh-prices",
  describe: "Refresh the price table from the AWS Price List API (needs AWS credentials)",
  builder: (y) =>
    y
      .option("region", { type: "string", array: true, default: ["us-east-1", "eu-west-1"], describe: "Regions to refresh" })
      .option("out", { type: "string", describe: "Write the refreshed table here (default: replace the shipped table)" })
      .option("json", { type: "boolean", default: false, describe: "Print what changed as JSON" })
      .example("$0 media cost refresh-prices", "Refresh us-east-1 and eu-west-1")
      .example("$0 media cost refresh-prices --region eu-central-1 --out prices.json", "Another region, to a separate file") as never,
  handler: async (args) => {
    const { refreshPriceTable } = await import("../../cost/refresh");
    const { loadPriceTable, PRICE_TABLE_FILE } = await import("../../cost/prices");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { printJson } = await import("../output");
    const { PricingClient } = await import("@aws-sdk/client-pricing");
    const result = await refreshPriceTable(loadPriceTable(), args.region, new PricingClient({ region: "us-east-1" }), new Date());
    const out = args.out ?? PRICE_TABLE_FILE();
    writeFileAtomic(out, JSON.stringify(result.table, null, 2) + "\n");
    if (args.json) printJson({ file: out, updated: result.updated, unmatched: result.unmatched });
    else process.stdout.write(`wrote ${out}: ${result.updated.length} prices updated, ${result.unmatched.length} kept (no Price List match)\n`);
  },
};

export const costCommand: CommandModule = {
  command: "cost <command>",
  describe: "Cost estimates from the shipped AWS price table",
  builder: (y) => y.command(estimateCommand).command(planCommand).command(refreshCommand).demandCommand(1).example("$0 media cost estimate --pipeline studio_live_feed --hours 10", "Estimate a pipeline"),
  handler: () => undefined,
};
