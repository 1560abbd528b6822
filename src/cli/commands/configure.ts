import type { CommandModule } from "yargs";
import { definitionsDirOption } from "../pipeline-options";

interface AutoScalingArgs {
  pipeline: string;
  dir?: string;
  config?: string;
  "max-cost-per-month"?: number;
  "stop-channel-over-budget"?: boolean;
  "scale-down-after-hours"?: number;
  "archive-after-days"?: number;
  "archive-storage-class"?: string;
  schedule?: string[];
  timezone?: string;
  "start-lead-minutes"?: number;
  notify?: string[];
  "dry-run": boolean;
  prices?: string;
  json: boolean;
}

const autoScalingCommand: CommandModule<object, AutoScalingArgs> = {
  command: "auto-scaling <pipeline>",
  describe: "Set a pipeline's cost automation (idle stop, schedule, budget, archive tiering) in its definition file",
  builder: (y) =>
    definitionsDirOption(
      y.positional("pipeline", { type: "string", demandOption: true, describe: "pipeline_id or definition file" }),
      "Where the pipeline id is looked up",
    )
      .option("max-cost-per-month", { type: "number", describe: "Monthly budget in USD (AWS Budgets on the Pipeline cost-allocation tag)" })
      .option("stop-channel-over-budget", {
        type: "boolean",
        describe:
          "Stop the running channel once AWS Budgets reports the month's actual cost above the budget (hours late: Budgets updates a few times a day); --no-stop-channel-over-budget removes it",
      })
      .option("scale-down-after-hours", {
        type: "number",
        describe: "Stop the running channel after this many hours without input video (0.25-24, quarter hours)",
      })
      .option("archive-after-days", { type: "number", describe: "Move recordings to the archive storage class after this many days" })
      .option("archive-storage-class", {
        type: "string",
        choices: ["GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING"],
        describe: "Where archive-after-days moves recordings (default GLACIER_IR)",
      })
      .option("schedule", {
        type: "string",
        array: true,
        describe:
          'Windows the channel runs: "TUE,THU 18:30-20:30", "MON-FRI 09:00-17:00", events "[name=]2026-12-24T18:00/2026-12-24T23:30", or Scheduler cron windows "[name=]cron(start)/cron(stop)"; replaces the schedule\'s windows',
      })
      .option("timezone", { type: "string", describe: "IANA time zone of the schedule (e.g. Europe/London)" })
      .option("start-lead-minutes", { type: "number", describe: "Start the channel this many minutes before a window (default 5; MediaLive needs 1-2)" })
      .option("notify", {
        type: "string",
        array: true,
        describe: "Budget notification targets: email addresses and/or one SNS topic ARN (comma-separated or repeated)",
      })
      .option("dry-run", { type: "boolean", default: false, describe: "Show the change and the estimates; write nothing" })
      .option("prices", { type: "string", describe: "Price table file (default: the one shipped)" })
      .option("json", { type: "boolean", default: false, describe: "Print the change and the estimates as JSON" })
      .example(
        "$0 media configure auto-scaling my-pipeline --max-cost-per-month 500 --scale-down-after-hours 2 --archive-after-days 30",
        "The seed's example: budget, idle stop, archive tiering",
      )
      .example(
        "$0 media configure auto-scaling my-pipeline --max-cost-per-month 500 --stop-channel-over-budget",
        "Also stop the channel when the budget is passed",
      )
      .example(
        '$0 media configure auto-scaling weekly-classes --schedule "TUE,THU 18:30-20:30" --timezone Europe/London --notify ops@example.com',
        "Run the channel two evenings a week",
      )
      .example(
        '$0 media configure auto-scaling product-demos --schedule "launch=2026-12-24T18:00/2026-12-24T21:00" --timezone America/New_York --dry-run',
        "Preview a one-off event",
      )
      .example(
        '$0 media configure auto-scaling town-hall --schedule "cron(55 8 ? * MON#1 *)/cron(0 12 ? * MON#1 *)" --timezone Europe/Berlin',
        "The first Monday of every month, 08:55-12:00 (Scheduler cron: six fields)",
      ),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { loadCatalog } = await import("../../core/catalog");
    const { loadPriceTable } = await import("../../cost/prices");
    const { formatProblem } = await import("../../core/problems");
    const { configureAutoScaling } = await import("../configure-auto-scaling");
    const { printJson } = await import("../output");
    const loaded = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    const result = configureAutoScaling(
      loaded,
      {
        maxCostPerMonth: args["max-cost-per-month"],
        stopChannelOverBudget: args["stop-channel-over-budget"],
        scaleDownAfterHours: args["scale-down-after-hours"],
        archiveAfterDays: args["archive-after-days"],
        archiveStorageClass: args["archive-storage-class"],
        schedule: args.schedule,
        timezone: args.timezone,
        startLeadMinutes: args["start-lead-minutes"],
        notify: args.notify,
      },
      { catalog: loadCatalog(), table: loadPriceTable(args.prices), dryRun: args["dry-run"] },
    );
    if (args.json) return printJson(result);
    for (const w of result.warnings) process.stderr.write(formatProblem(w) + "\n");
    process.stdout.write(result.diff || `${result.file}: no change\n`);
    const side = (s: typeof result.before) => `$${s.monthly_usd.toFixed(2)} (${s.live_hours_per_month.toFixed(1)} channel h [${s.hours_from}])`;
    process.stdout.write(
      `estimate: ${side(result.before)} -> ${side(result.after)} a month${result.after.budget_usd !== undefined ? `; budget $${result.after.budget_usd.toFixed(2)}` : ""}\n`,
    );
    if (result.after.warning) process.stderr.write(result.after.warning + "\n");
    if (result.written) process.stdout.write(`wrote ${result.file}\nnext: blackwell media synth ${result.file} --out modules/\n`);
    else if (result.changed) process.stdout.write("dry run: nothing written\n");
  },
};

export const configureCommand: CommandModule = {
  command: "configure",
  describe: "Change settings of an existing pipeline definition in place",
  builder: (y) =>
    y.command(autoScalingCommand).demandCommand(1).example("$0 media configure auto-scaling my-pipeline --max-cost-per-month 500", "Set a monthly budget"),
  handler: () => undefined,
};
