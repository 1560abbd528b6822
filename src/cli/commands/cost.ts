import type { Argv, CommandModule } from "yargs";
import { UserError } from "../../core/problems";
import { definitionsDirOption, jsonOption } from "../pipeline-options";

interface EstimateArgs {
  pipeline?: string;
  all?: string;
  /** Unset: your definitions folder, then the shipped examples (definition-dirs). */
  dir?: string;
  config?: string;
  hours?: unknown;
  viewers?: unknown;
  "watch-minutes"?: unknown;
  "bitrate-kbps"?: unknown;
  "vod-minutes"?: unknown;
  "vod-views"?: unknown;
  "archive-days"?: unknown;
  "egress-gb"?: unknown;
  "archive-gb"?: unknown;
  "log-gb"?: unknown;
  "free-tier": boolean;
  "max-cost-per-month"?: unknown;
  prices?: string;
  json: boolean;
}

// Numbers are read as strings and parsed by numberFlag, so "garbage", "" and a repeated flag are errors, not NaN or 0.
const usageOptions = <T>(y: Argv<T>) =>
  jsonOption(y, "Print the estimate as JSON")
    .option("hours", { type: "string", describe: "Live hours per month (default: the definition's usage, else the tier's)" })
    .option("viewers", { type: "string", describe: "Live viewers per month" })
    .option("watch-minutes", { type: "string", describe: "Minutes each viewer (live or VOD) watches per month" })
    .option("bitrate-kbps", { type: "string", describe: "Average bitrate viewers receive" })
    .option("vod-minutes", { type: "string", describe: "Minutes of video transcoded per month (VOD and hybrid)" })
    .option("vod-views", { type: "string", describe: "VOD views per month (VOD and hybrid)" })
    .option("archive-days", { type: "string", describe: "Days recordings are kept (default: the archive's retention)" })
    .option("egress-gb", { type: "string", describe: "CDN egress GB per month (replaces viewers x minutes x bitrate)" })
    .option("archive-gb", { type: "string", describe: "GB recorded to the archive per month (replaces the ladder's bitrates x hours)" })
    .option("log-gb", { type: "string", describe: "GB of channel logs per month (default 10 MB per live hour)" })
    .option("free-tier", { type: "boolean", default: false, describe: "Apply CloudFront's always-free tier" })
    .option("max-cost-per-month", { type: "string", describe: "Exit 1 when an estimate exceeds this many USD per month" })
    .option("prices", { type: "string", describe: "Price table file (default: the one shipped, data/prices/aws-media-prices.json)" });

async function flagsOf(args: EstimateArgs) {
  const { numberFlag } = await import("./number-flags");
  return {
    hours: numberFlag(args, "hours"),
    viewers: numberFlag(args, "viewers"),
    watchMinutes: numberFlag(args, "watch-minutes"),
    bitrateKbps: numberFlag(args, "bitrate-kbps"),
    vodMinutes: numberFlag(args, "vod-minutes"),
    vodViews: numberFlag(args, "vod-views"),
    archiveDays: numberFlag(args, "archive-days"),
    egressGb: numberFlag(args, "egress-gb"),
    archiveGb: numberFlag(args, "archive-gb"),
    logGb: numberFlag(args, "log-gb"),
    freeTier: args["free-tier"],
  };
}

interface SelectArgs extends EstimateArgs {
  "client-id"?: string;
  template?: string;
  "include-media"?: boolean;
}

/** A --pipeline that names a file which does not exist is a missing file, not an unknown id. */
function looksLikeFile(arg: string): boolean {
  return /[\\/]|\.(json|ya?ml)$/i.test(arg);
}

const estimateCommand: CommandModule<object, SelectArgs> = {
  command: "estimate",
  describe: "Estimate monthly and per-hour cost of one pipeline, all in a folder, a client's or a template's creators",
  builder: (y) =>
    usageOptions(
      definitionsDirOption(y, "Where --pipeline ids, --client-id and --template are looked up")
        .option("pipeline", { type: "string", describe: "Pipeline id (searched in --dir) or definition file" })
        .option("all", { type: "string", describe: "Folder: estimate every pipeline in it (templates per creator)" })
        .option("client-id", { type: "string", describe: "Every pipeline of this client (client_id) in --dir, summed per pipeline and per service" })
        .option("template", { type: "string", describe: "Every creator of this template in --dir, one line per creator" })
        .check((a) => {
          const chosen = [a.pipeline, a.all, a["client-id"], a.template].filter((v) => v !== undefined).length;
          if (chosen !== 1) throw new UserError("give one of --pipeline <name|file>, --all <folder>, --client-id <id> or --template <name>");
          return true;
        }),
    )
      .example("$0 media cost estimate --pipeline studio_live_feed --hours 10", "Ten live hours of the studio feed")
      .example("$0 media cost estimate --all examples --json", "Every example pipeline, as JSON")
      .example("$0 media cost estimate --client-id acme-corp", "All of one client's pipelines, per pipeline and per service")
      .example("$0 media cost estimate --template creator-channel", "One line per creator of a template")
      .example("$0 media cost estimate --pipeline product-demos --max-cost-per-month 100", "Fail when over budget"),
  handler: async (args) => runEstimate(args),
};

export async function runEstimate(args: SelectArgs): Promise<void> {
  const fs = await import("node:fs");
  const { findPipeline, loadPipelines } = await import("../../core/definitions");
  const { loadCatalog } = await import("../../core/catalog");
  const { loadPriceTable } = await import("../../cost/prices");
  const { estimatePipelines, formatEstimate, staleWarning } = await import("../../cost/report");
  const { selectPipelines, formatGroupEstimate } = await import("../../cost/group");
  const { numberFlag } = await import("./number-flags");
  const { printJson, printTable } = await import("../output");
  const flags = await flagsOf(args);
  const limit = numberFlag(args, "max-cost-per-month");
  const table = loadPriceTable(args.prices);
  if (args.pipeline && looksLikeFile(args.pipeline) && !fs.existsSync(args.pipeline)) throw new UserError(`${args.pipeline}: no such definition file`);
  for (const folder of [args.all, args["client-id"] || args.template ? args.dir : undefined])
    if (folder !== undefined && !fs.existsSync(folder)) throw new UserError(`${folder}: no such file or folder`);
  const { definitionDirs, lookupDirs } = await import("../definition-dirs");
  const dirs = await definitionDirs(args);
  const pipelines = args.pipeline
    ? [findPipeline(args.pipeline, await lookupDirs(args.pipeline, args))]
    : args.all
      ? loadPipelines([args.all]).pipelines
      : selectPipelines(loadPipelines(dirs).pipelines, { clientId: args["client-id"], template: args.template }, dirs.join(", "));
  const estimates = estimatePipelines(pipelines, flags, table, loadCatalog());
  const warning = staleWarning(table, new Date());
  const total = estimates.reduce((s, e) => s + e.monthlyUsd, 0);
  const group = args["client-id"] ? { kind: "client", id: args["client-id"] } : args.template ? { kind: "template", id: args.template } : undefined;
  if (args.json)
    printJson({
      prices_as_of: table.as_of,
      warning,
      ...(group ? { [group.kind]: group.id } : {}),
      total_monthly_usd: total,
      unpriced_lines: estimates.reduce((s, e) => s + e.unpriced.length, 0),
      estimates,
    });
  else {
    if (warning) process.stderr.write(warning + "\n");
    if (estimates.length === 1 && !group) process.stdout.write(formatEstimate(estimates[0]));
    else if (group) process.stdout.write(formatGroupEstimate(group.kind, group.id, estimates));
    else {
      printTable(
        ["PIPELINE", "TIER", "LIVE H", "MEDIALIVE", "DELIVERY", "STORAGE", "OTHER", "MONTHLY", "PER LIVE H", "VS TIER RANGE"],
        estimates.map((e) => [
          e.pipeline_id,
          e.tier,
          e.usage.liveHoursPerMonth,
          `$${(e.byService.MediaLive ?? 0).toFixed(2)}`,
          `$${((e.byService.CloudFront ?? 0) + (e.byService.MediaPackage ?? 0)).toFixed(2)}`,
          `$${(e.byService.S3 ?? 0).toFixed(2)}`,
          `$${((e.byService.MediaConvert ?? 0) + (e.byService.Other ?? 0)).toFixed(2)}`,
          `${e.unpriced.length ? ">=" : ""}$${e.monthlyUsd.toFixed(2)}`,
          `$${e.perLiveHourUsd.toFixed(2)}`,
          `${e.tierRange.position} $${e.tierRange.min}-${e.tierRange.max}`,
        ]),
      );
      process.stdout.write(
        `total: $${total.toFixed(2)} a month for ${estimates.length} pipelines${estimates.some((e) => e.unpriced.length) ? " (a lower bound: some lines are unpriced)" : ""}\n`,
      );
      for (const e of estimates) if (e.automation?.warning) process.stderr.write(e.automation.warning + "\n");
    }
  }
  if (limit !== undefined) {
    const over = estimates.filter((e) => e.monthlyUsd > limit);
    if (over.length)
      throw new UserError(
        `over budget: ${over.map((e) => `${e.pipeline_id} is estimated at $${e.monthlyUsd.toFixed(2)} a month`).join("; ")}, above --max-cost-per-month ${limit}`,
      );
  }
}

interface PlanArgs extends EstimateArgs {
  plan: string;
  region?: string;
  definition?: string;
}

const planCommand: CommandModule<object, PlanArgs> = {
  command: "plan <plan>",
  describe: "Price the media resources in a Terraform plan (terraform show -json output)",
  builder: (y) =>
    usageOptions(
      definitionsDirOption(y, "Where definitions matching the plan's modules are looked up")
        .positional("plan", { type: "string", demandOption: true, describe: "JSON from terraform show -json <planfile>" })
        .option("region", { type: "string", describe: "Region to price in (default: the plan's aws provider region, else us-east-1)" })
        .option("definition", {
          type: "string",
          describe: "Definition whose usage block to use (default: one in --dir whose id matches a module of the plan)",
        }),
    )
      .example("$0 media cost plan plan.json --hours 20 --viewers 500", "Price a saved plan")
      .example("terraform show -json tfplan > plan.json && $0 media cost plan plan.json --json", "As JSON"),
  handler: async (args) => {
    const fs = await import("node:fs");
    const { readDocument } = await import("../../core/parse-document");
    const { loadPriceTable } = await import("../../cost/prices");
    const { inventoriesOfPlan } = await import("../../cost/plan-inventory");
    const { estimate } = await import("../../cost/estimate");
    const { planUsage } = await import("../../cost/group");
    const { formatLines, formatUsage, staleWarning } = await import("../../cost/report");
    const { checkUsageFlags } = await import("../../cost/usage");
    const { numberFlag } = await import("./number-flags");
    const { printJson } = await import("../output");
    const flags = await flagsOf(args);
    checkUsageFlags(flags);
    const limit = numberFlag(args, "max-cost-per-month");
    if (!fs.existsSync(args.plan)) throw new UserError(`${args.plan}: no such plan file`);
    const table = loadPriceTable(args.prices);
    const inventories = inventoriesOfPlan(readDocument(args.plan).data, args.region);
    if (inventories.length === 0) throw new UserError(`${args.plan} has no media resources to price (MediaLive, MediaPackage, CloudFront, S3, MediaConvert)`);
    const dirs = await (await import("../definition-dirs")).definitionDirs(args);
    const estimates = inventories.map((inv) => {
      const { usage, from } = planUsage(inv.pipeline_id, flags, args.definition, dirs);
      return { ...estimate(inv, usage, table), usageFrom: from };
    });
    const total = estimates.reduce((s, e) => s + e.monthlyUsd, 0);
    const warning = staleWarning(table, new Date());
    if (args.json) printJson({ prices_as_of: table.as_of, warning, total_monthly_usd: total, estimates });
    else {
      if (warning) process.stderr.write(warning + "\n");
      for (const e of estimates) {
        process.stdout.write(`${e.pipeline_id} (${e.region}; prices as of ${e.pricesAsOf})\n${formatUsage(e, e.usageFrom)}\n${formatLines(e).join("\n")}\n`);
        process.stdout.write(
          `  ${e.pipeline_id}: ${e.unpriced.length ? "at least " : ""}$${e.monthlyUsd.toFixed(2)} a month (${Object.entries(e.byService)
            .map(([s, v]) => `${s} $${v.toFixed(2)}`)
            .join(", ")})\n`,
        );
        for (const a of e.assumptions) process.stdout.write(`  assumes ${a}\n`);
      }
    }
    if (limit !== undefined && total > limit)
      throw new UserError(`over budget: the plan is estimated at $${total.toFixed(2)} a month, above --max-cost-per-month ${limit}`);
  },
};

interface RefreshArgs {
  region: string[];
  out?: string;
  strict: boolean;
  json: boolean;
}

const refreshCommand: CommandModule<object, RefreshArgs> = {
  command: "refresh-prices",
  describe: "Refresh the price table from the AWS Price List API (needs AWS credentials)",
  builder: (y) =>
    jsonOption(y, "Print what changed as JSON")
      .option("region", {
        type: "string",
        array: true,
        default: ["us-east-1", "us-west-2", "eu-west-1"],
        describe: "Regions to refresh, each from its own offer",
      })
      .option("out", { type: "string", describe: "Write the refreshed table here (default: replace the shipped table)" })
      .option("strict", { type: "boolean", default: false, describe: "Fail (exit 1, nothing written) when any entry has no Price List match" })
      .example("$0 media cost refresh-prices", "Refresh us-east-1, us-west-2 and eu-west-1")
      .example("$0 media cost refresh-prices --region eu-central-1 --out prices.json", "Another region, to a separate file")
      .example("$0 media cost refresh-prices --strict", "Fail when an entry could not be matched"),
  handler: async (args) => {
    const { refreshPriceTable, formatUnmatched, assertAllMatched } = await import("../../cost/refresh");
    const { loadPriceTable, PRICE_TABLE_FILE } = await import("../../cost/prices");
    const { writeFileAtomic } = await import("../../core/atomic-write");
    const { printJson } = await import("../output");
    const { PricingClient } = await import("@aws-sdk/client-pricing");
    const result = await refreshPriceTable(loadPriceTable(), args.region, new PricingClient({ region: "us-east-1" }), new Date());
    if (args.strict) assertAllMatched(result);
    const out = args.out ?? PRICE_TABLE_FILE();
    writeFileAtomic(out, JSON.stringify(result.table, null, 2) + "\n");
    if (args.json) printJson({ file: out, updated: result.updated, unmatched: result.unmatched });
    else {
      process.stdout.write(
        `wrote ${out}: ${result.updated.length} prices updated, ${result.unmatched.length} without a Price List match (kept as they were)\n`,
      );
      if (result.unmatched.length) process.stdout.write(formatUnmatched(result.unmatched) + "\n");
    }
  },
};

interface ReportArgs extends EstimateArgs {
  by: "pipeline" | "client" | "creator";
  month: string;
}

const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report",
  describe: "Actual spend from Cost Explorer grouped by the Pipeline, Client or Creator tag, beside the estimate for that month",
  builder: (y) =>
    usageOptions(
      definitionsDirOption(y, "Definitions whose estimates stand beside the actual spend")
        .option("by", {
          choices: ["pipeline", "client", "creator"] as const,
          demandOption: true,
          describe: "Cost-allocation tag to group by (activate it in the Billing console first)",
        })
        .option("month", { type: "string", demandOption: true, describe: "Month, YYYY-MM" }),
    )
      .example("$0 media cost report --by pipeline --month 2026-11", "Last month's spend per pipeline beside its estimate")
      .example("$0 media cost report --by client --month 2026-11 --json", "Per client, as JSON"),
  handler: async (args) => {
    const fs = await import("node:fs");
    const { loadPipelines } = await import("../../core/definitions");
    const { loadCatalog } = await import("../../core/catalog");
    const { loadPriceTable } = await import("../../cost/prices");
    const { estimatePipelines } = await import("../../cost/report");
    const { actualSpendByTag, compareSpend, monthPeriod, TAG_OF } = await import("../../cost/actual-spend");
    const { printJson, printTable } = await import("../output");
    monthPeriod(args.month);
    const flags = await flagsOf(args);
    if (args.dir !== undefined && !fs.existsSync(args.dir)) throw new UserError(`${args.dir}: no such file or folder`);
    // Folder by folder, the user's definitions first: an id an example shares is the user's.
    const seen = new Set<string>();
    const pipelines = (await (await import("../definition-dirs")).definitionDirs(args))
      .flatMap((dir) => loadPipelines([dir]).pipelines)
      .filter((p) => !seen.has(p.resolved.pipeline_id) && seen.add(p.resolved.pipeline_id));
    const estimates = estimatePipelines(pipelines, flags, loadPriceTable(args.prices), loadCatalog());
    const { CostExplorerClient } = await import("@aws-sdk/client-cost-explorer");
    const actual = await actualSpendByTag(new CostExplorerClient({ region: "us-east-1" }), args.by, args.month);
    const rows = compareSpend(args.by, actual, pipelines, estimates);
    if (args.json) return printJson({ month: args.month, tag: TAG_OF[args.by], rows });
    const money = (n: number | null, lowerBound = false) => (n === null ? "-" : `${lowerBound ? ">=" : ""}$${n.toFixed(2)}`);
    process.stdout.write(`${args.month}: actual spend (Cost Explorer, unblended, tag ${TAG_OF[args.by]}) beside the estimate\n`);
    printTable(
      [args.by.toUpperCase(), "ACTUAL", "ESTIMATE", "DIFFERENCE"],
      rows.map((r) => [
        r.key === "" ? `(no ${TAG_OF[args.by]} tag)` : r.key,
        money(r.actualUsd),
        money(r.estimateUsd, r.estimateIsLowerBound),
        r.differenceUsd === null ? "-" : `${r.differenceUsd >= 0 ? "+" : "-"}$${Math.abs(r.differenceUsd).toFixed(2)}`,
      ]),
    );
    if (rows.some((r) => r.estimateIsLowerBound)) process.stdout.write("estimates marked >= miss lines with no published price (refresh-prices)\n");
  },
};

export const costCommand: CommandModule = {
  command: "cost <command>",
  describe: "Cost estimates from the shipped AWS price table, and actual spend from Cost Explorer",
  builder: (y) =>
    y
      .command(estimateCommand)
      .command(planCommand)
      .command(refreshCommand)
      .command(reportCommand)
      .demandCommand(1)
      .example("$0 media cost estimate --pipeline studio_live_feed --hours 10", "Estimate a pipeline"),
  handler: () => undefined,
};

/** The seed's top-level `blackwell cost estimate --client-id <id> --include-media`: media is what this tool estimates. */
export const topLevelCostCommand: CommandModule = {
  command: "cost <command>",
  describe: "Cost estimates across a client's stacks (media pipelines, with --include-media)",
  builder: (y) =>
    y
      .command({
        ...estimateCommand,
        builder: (yy: Argv) =>
          (estimateCommand.builder as (a: Argv) => Argv)(yy)
            .option("include-media", { type: "boolean", default: false, describe: "Include media pipelines (the only stacks this tool estimates)" })
            .check((a) => {
              if (!a["include-media"])
                throw new UserError("blackwell cost estimate covers media pipelines only: add --include-media (or use blackwell media cost estimate)");
              return true;
            })
            .example("$0 cost estimate --client-id acme-corp --include-media", "A client's media pipelines, summed per pipeline and per service"),
      } as unknown as CommandModule)
      .demandCommand(1),
  handler: () => undefined,
};
