/** `stream start|stop|monitor` and `status` for `backend: ivs` pipelines (see src/aws/ivs-stream.ts for why they differ). */
import type { ResolvedPipeline } from "../core/resolve";
import type { IvsClient } from "@aws-sdk/client-ivs";
import type { IvsStreamSnapshot, IvsTargets } from "../aws/ivs-stream";
import { appliedOutputs, type OutputsArgs } from "./pipeline-outputs";
import { printJson } from "./output";

async function ivsClient(region: string): Promise<IvsClient> {
  const { IvsClient } = await import("@aws-sdk/client-ivs");
  const { awsClientConfig } = await import("../aws/client-config");
  return new IvsClient(awsClientConfig(region));
}

async function targetsOf(resolved: ResolvedPipeline, args: OutputsArgs): Promise<IvsTargets> {
  const { ivsTargetsFromOutputs } = await import("../aws/ivs-stream");
  return ivsTargetsFromOutputs(await appliedOutputs(resolved, args), resolved.pipeline_id);
}

/** start: nothing to do in AWS, so it explains and prints the ingest endpoint; stop: StopStream. */
export async function ivsControl(args: OutputsArgs & { json: boolean }, resolved: ResolvedPipeline, action: "start" | "stop"): Promise<void> {
  const { ivsStartLines, ivsStopLine, stopIvsStream } = await import("../aws/ivs-stream");
  const targets = await targetsOf(resolved, args);
  if (action === "start") {
    if (args.json)
      return printJson({ pipeline_id: resolved.pipeline_id, backend: "ivs", action, requested: false, ingest_endpoint: targets.ingestEndpoint ?? null });
    process.stdout.write(ivsStartLines(targets).join("\n") + "\n");
    return;
  }
  const result = await stopIvsStream(await ivsClient(resolved.region), targets);
  if (args.json) return printJson({ pipeline_id: resolved.pipeline_id, backend: "ivs", action, ...result });
  process.stdout.write(ivsStopLine(targets, result) + "\n");
}

/** stream monitor: GetStream every --interval seconds (IVS updates viewerCount about every 15 s). */
export async function ivsMonitor(
  args: OutputsArgs & { json: boolean; once: boolean; interval: number; "fail-on-alert": boolean },
  resolved: ResolvedPipeline,
  alertExitCode: number,
): Promise<void> {
  const { formatIvsSnapshot, ivsStreamSnapshot } = await import("../aws/ivs-stream");
  const targets = await targetsOf(resolved, args);
  const client = await ivsClient(resolved.region);
  const tty = process.stdout.isTTY === true && !args.json;
  const width = tty ? Math.min(100, process.stdout.columns || 100) : 100;
  for (;;) {
    const snapshot: IvsStreamSnapshot = await ivsStreamSnapshot(client, targets);
    if (args.json) process.stdout.write(JSON.stringify(snapshot) + "\n");
    else {
      const lines = formatIvsSnapshot(snapshot, width);
      if (tty) process.stdout.write(`\x1b[H\x1b[2J${lines.join("\n")}\n\n${args.once ? "" : `refreshing every ${args.interval} s; Ctrl-C to stop\n`}`);
      else process.stdout.write(`${lines.join("\n")}\n\n`);
    }
    if (args["fail-on-alert"] && snapshot.alarm) {
      process.exitCode = alertExitCode;
      return;
    }
    if (args.once) return;
    await new Promise((resolve) => setTimeout(resolve, args.interval * 1000));
  }
}

/** status: the stream's state when the outputs name an IVS channel and --live is on; else undefined. */
export async function ivsStatusOf(
  outputs: Record<string, { value?: unknown }>,
  resolved: ResolvedPipeline,
): Promise<{ channelArn: string; snapshot?: IvsStreamSnapshot; detail?: string } | undefined> {
  const { ivsStatus, ivsTargetsFromOutputs } = await import("../aws/ivs-stream");
  if (outputs.ivs_channel_arn === undefined) return undefined;
  const targets = ivsTargetsFromOutputs(outputs, resolved.pipeline_id);
  return { channelArn: targets.channelArn, ...(await ivsStatus(await ivsClient(resolved.region), targets)) };
}
