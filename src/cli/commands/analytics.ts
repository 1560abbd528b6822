/** blackwell media analytics <pipeline> --from --to: the module's Athena named queries over CloudFront's access logs. */
import type { CommandModule } from "yargs";
import { OutputsArgs, appliedModuleOptions } from "../pipeline-outputs";

interface AnalyticsArgs extends OutputsArgs {
  pipeline: string;
  from: string;
  to: string;
  report?: string[];
  json: boolean;
}

export const analyticsCommand: CommandModule<object, AnalyticsArgs> = {
  command: "analytics <pipeline>",
  describe: "Viewer analytics from CloudFront's access logs (Athena): concurrent viewers, watch time per stream, top countries",
  builder: (y) =>
    appliedModuleOptions(y)
      .positional("pipeline", { type: "string", demandOption: true, describe: "Pipeline id (searched in --dir) or definition file" })
      .option("from", { type: "string", demandOption: true, describe: "Start of the window: a date (midnight UTC) or a UTC time" })
      .option("to", { type: "string", demandOption: true, describe: "End of the window (exclusive), like --from" })
      .option("report", {
        type: "array",
        string: true,
        choices: ["concurrent_viewers", "watch_time_per_stream", "top_countries"],
        describe: "Only these reports (default: all three)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print the reports as JSON" })
      .example("$0 media analytics studio-live --from 2026-11-01 --to 2026-11-08", "A week of viewers, watch time and countries")
      .example("$0 media analytics creator-channel-creator1 --from 2026-11-20T18:00:00Z --to 2026-11-20T21:00:00Z --json", "One creator's evening, as JSON")
      .example("$0 media analytics studio-live --from 2026-11-01 --to 2026-12-01 --report top_countries", "One report only"),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { appliedOutputs } = await import("../pipeline-outputs");
    const { analyticsTargetsFromOutputs, athenaClient, parseWindow, runAnalytics, REPORTS, REPORT_TITLES } = await import("../../aws/analytics");
    const { resolved } = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    const window = parseWindow(args.from, args.to);
    const targets = analyticsTargetsFromOutputs(await appliedOutputs(resolved, args), resolved.pipeline_id);
    const { progressLine } = await import("../progress-line");
    const progress = progressLine();
    const reports = (args.report?.length ? REPORTS.filter((r) => args.report!.includes(r)) : REPORTS) as typeof REPORTS;
    let result;
    try {
      result = await runAnalytics(await athenaClient(resolved.region), targets, window, reports, { onProgress: (line) => progress.update(line) });
    } finally {
      progress.done();
    }
    const { formatTable, printJson } = await import("../output");
    if (args.json) return printJson(result);
    process.stdout.write(`${result.pipeline_id}: viewer analytics from ${result.from} to ${result.to}\n`);
    for (const r of result.reports) {
      const scanned = r.bytes_scanned === null ? "" : ` (${(r.bytes_scanned / 1e6).toFixed(1)} MB scanned)`;
      process.stdout.write(`\n${REPORT_TITLES[r.id]}${scanned}\n`);
      if (r.rows.length === 0) process.stdout.write("no rows: no viewer requests in the window (CloudFront delivers its logs within about an hour)\n");
      else process.stdout.write(formatTable(r.columns, r.rows));
    }
  },
};
