/** blackwell media stream start | stop | monitor: run a deployed pipeline's MediaLive channel. */
import type { Argv, CommandModule } from "yargs";
import { OutputsArgs, appliedModuleOptions } from "../pipeline-outputs";

interface StreamArgs extends OutputsArgs {
  pipeline: string;
  dir?: string;
  wait: boolean;
  timeout: number;
  json: boolean;
  force: boolean;
  region: string;
  "max-cost-per-month"?: number;
}

const common = <T>(y: Argv<T>) =>
  appliedModuleOptions(y)
    .positional("pipeline", { type: "string", demandOption: true, describe: "Pipeline id (searched in --dir) or definition file" })
    .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" });

const controlOptions = <T>(y: Argv<T>) =>
  common(y)
    .option("wait", { type: "boolean", default: true, describe: "Wait until the channel is there (--no-wait returns once MediaLive accepted the request)" })
    .option("timeout", { type: "number", default: 900, describe: "Seconds to wait before giving up (the channel keeps changing in AWS)" })
    .option("region", {
      type: "string",
      default: "all",
      describe: "With a failover region: which channel, primary, failover or all (both at once), or the AWS region of one",
    });

async function control(args: StreamArgs, action: "start" | "stop") {
  const { findPipeline } = await import("../../core/definitions");
  const { UserError } = await import("../../core/problems");
  const { appliedOutputs } = await import("../pipeline-outputs");
  const { printJson } = await import("../output");
  const loaded = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
  const { resolved } = loaded;
  if (!resolved.live) throw new UserError(`${resolved.pipeline_id} is a ${resolved.pipeline_type} pipeline: it has no MediaLive channel to ${action}`);
  // An IVS channel has no start/stop of its own: it is live while the encoder pushes.
  if (resolved.backend === "ivs") return (await import("../ivs-stream")).ivsControl(args, resolved, action);
  if (!Number.isFinite(args.timeout) || args.timeout <= 0) throw new UserError(`--timeout takes seconds > 0; got ${args.timeout}`);
  const { chooseChannels, pipelineChannels } = await import("../../aws/pipeline-channels");
  const deployed = pipelineChannels(resolved, await appliedOutputs(resolved, args));
  const channels = chooseChannels(deployed, args.region, resolved.pipeline_id);

  let cost: { per_hour_usd: number; monthly_usd: number; budget_usd?: number } | undefined;
  if (action === "start") {
    const { startCost } = await import("../../cost/start-cost");
    cost = startCost(loaded, args["max-cost-per-month"]);
    const line = `a running hour of ${resolved.pipeline_id} costs about $${cost.per_hour_usd.toFixed(2)} (estimate: $${cost.monthly_usd.toFixed(2)} a month with its usage assumptions${cost.budget_usd !== undefined ? `; budget $${cost.budget_usd.toFixed(2)}` : ""})`;
    (args.json ? process.stderr : process.stdout).write(line + "\n");
    if (cost.budget_usd !== undefined && cost.monthly_usd > cost.budget_usd) {
      if (!args.force)
        throw new UserError(
          `not starting ${resolved.pipeline_id}: its estimate of $${cost.monthly_usd.toFixed(2)} a month is over the budget of $${cost.budget_usd.toFixed(2)}; start anyway with --force, or lower the usage (blackwell media cost estimate --pipeline ${resolved.pipeline_id})`,
        );
      process.stderr.write(`warning: over the monthly budget; starting because of --force\n`);
    }
  }

  const { MediaLiveClient } = await import("@aws-sdk/client-medialive");
  const { awsClientConfig } = await import("../../aws/client-config");
  const { controlChannels, outcomeLine } = await import("../../aws/channel-control");
  const { channelLabel } = await import("../../aws/pipeline-channels");
  const { progressLine } = await import("../progress-line");
  const progress = progressLine();
  const verb = action === "start" ? "starting" : "stopping";
  // A pipeline with a failover region labels every line with the channel's role and region, even when --region picks one.
  const labelled = deployed.length > 1;
  const states = new Map<string, string>();
  let outcomes;
  try {
    outcomes = await controlChannels(channels, action, resolved.pipeline_id, (region) => new MediaLiveClient(awsClientConfig(region)), {
      wait: args.wait,
      timeoutMs: args.timeout * 1000,
      onProgress: args.json
        ? undefined
        : (channel, p) => {
            const what = `channel ${channel.channelId}: ${p.state} (${Math.round(p.elapsedMs / 1000)} s)`;
            states.set(channel.channelId, labelled ? `${channelLabel(channel)} ${what}` : what);
            progress.update(`${verb} ${[...states.values()].join("; ")}`);
          },
    });
  } finally {
    progress.done();
  }
  const failed = outcomes.filter((o) => o.failure !== undefined);
  // One region failing does not undo the other: each channel's line is printed, and the command exits 1.
  if (failed.length) process.exitCode = 1;
  if (args.json) {
    const channelsJson = outcomes.map((o) => ({
      role: o.channel.role,
      region: o.channel.region,
      ...(o.result ?? { channelId: o.channel.channelId, action }),
      ...(o.failure !== undefined ? { failure: o.failure } : {}),
    }));
    // A single-channel pipeline keeps its result at the top level, as before; every pipeline lists its channels.
    const single = !labelled && outcomes[0].result ? outcomes[0].result : {};
    return printJson({ pipeline_id: resolved.pipeline_id, ...single, channels: channelsJson, ok: failed.length === 0, cost });
  }
  // Every channel failing for the same reason (no credentials, an expired token) is one line, not one per region.
  if (outcomes.length > 1 && failed.length === outcomes.length && failed.every((o) => o.failure === failed[0].failure))
    return void process.stderr.write(`error: ${failed[0].failure}\n`);
  for (const o of outcomes)
    (o.failure !== undefined ? process.stderr : process.stdout).write(
      `${o.failure !== undefined ? "error: " : ""}${outcomeLine(o, resolved.pipeline_id, labelled)}\n`,
    );
  if (failed.length && failed.length < outcomes.length)
    process.stderr.write(
      `${failed.map((o) => channelLabel(o.channel)).join(", ")} failed; the other channel was ${action === "start" ? "started" : "stopped"}: fix the cause and run stream ${action} ${resolved.pipeline_id} --region ${failed[0].channel.role} again\n`,
    );
}

export const startCommand: CommandModule<object, StreamArgs> = {
  command: "start <pipeline>",
  describe: "Start the pipeline's MediaLive channel (prints what a running hour costs; refuses over budget)",
  builder: (y) =>
    controlOptions(y)
      .option("max-cost-per-month", {
        type: "number",
        describe: "Budget in USD; refuse to start when the monthly estimate is over it (default: the definition's automation.max_cost_per_month)",
      })
      .option("force", { type: "boolean", default: false, describe: "Start even when the estimate is over the budget" })
      .example("$0 media stream start studio-live", "Start and wait until RUNNING")
      .example("$0 media stream start studio-live --no-wait --json", "Ask MediaLive to start and return at once"),
  handler: (args) => control(args, "start"),
};

export const stopCommand: CommandModule<object, StreamArgs> = {
  command: "stop <pipeline>",
  describe: "Stop the pipeline's MediaLive channel (an idle channel is not billed for encoding)",
  builder: (y) =>
    controlOptions(y)
      .example("$0 media stream stop studio-live", "Stop and wait until IDLE")
      .example("$0 media stream stop studio-live --timeout 120", "Give up waiting after two minutes") as never,
  handler: (args) => control(args, "stop"),
};

interface MonitorArgs extends OutputsArgs {
  pipeline: string;
  dir?: string;
  interval: number;
  once: boolean;
  json: boolean;
  "fail-on-alert": boolean;
}

/** Exit code of `stream monitor --fail-on-alert` when an alarm-level condition holds. */
export const ALERT_EXIT_CODE = 3;

export const monitorCommand: CommandModule<object, MonitorArgs> = {
  command: "monitor <pipeline>",
  describe:
    "Watch a running pipeline: channel state per pipeline, input, alerts, output errors, MediaPackage and CloudFront traffic, time and cost (both channels with a failover region)",
  builder: (y) =>
    common(y)
      .option("interval", { type: "number", default: 10, describe: "Seconds between refreshes" })
      .option("once", { type: "boolean", default: false, describe: "Print one snapshot and exit" })
      .option("fail-on-alert", {
        type: "boolean",
        default: false,
        describe: `Exit ${ALERT_EXIT_CODE} as soon as an alert is set, outputs fail or the channel failed`,
      })
      .example("$0 media stream monitor studio-live", "Refreshing view (Ctrl-C to stop)")
      .example("$0 media stream monitor studio-live --once --fail-on-alert", "One snapshot for a health check; exit 3 on alerts")
      .example("$0 media stream monitor studio-live --json --interval 30 >> health.ndjson", "One JSON line per refresh for scripts"),
  handler: async (args) => {
    const { findPipeline } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { appliedOutputs } = await import("../pipeline-outputs");
    const { startCost } = await import("../../cost/start-cost");
    const { formatSnapshot, monitorClients, monitorTargetsFromOutputs, takeSnapshot } = await import("../../aws/monitor");
    const loaded = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    const { resolved } = loaded;
    if (!resolved.live) throw new UserError(`${resolved.pipeline_id} is a ${resolved.pipeline_type} pipeline: it has no MediaLive channel to monitor`);
    if (!Number.isFinite(args.interval) || args.interval < 1) throw new UserError(`--interval takes seconds >= 1; got ${args.interval}`);
    if (resolved.backend === "ivs") return (await import("../ivs-stream")).ivsMonitor(args, resolved, ALERT_EXIT_CODE);
    const outputs = await appliedOutputs(resolved, args);
    const cost = startCost(loaded);
    const { pipelineChannels } = await import("../../aws/pipeline-channels");
    const channels = pipelineChannels(resolved, outputs);
    const tty = process.stdout.isTTY === true && !args.json;
    const width = tty ? Math.min(100, process.stdout.columns || 100) : 100;
    // One channel: the view as it always was. Two (a failover region): both side by side, each read in its own region.
    const refresh: () => Promise<{ alarm: boolean; json: unknown; lines: string[]; unreadable: boolean }> =
      channels.length === 1
        ? await (async () => {
            const targets = monitorTargetsFromOutputs(outputs, resolved.pipeline_id, resolved.tier_settings.channel_class, cost.per_hour_usd);
            const clients = await monitorClients(resolved.region);
            return async () => {
              const s = await takeSnapshot(targets, clients);
              return { alarm: s.alarm, json: s, lines: formatSnapshot(s, width), unreadable: false };
            };
          })()
        : await (async () => {
            const { channelTargets, formatPipelineSnapshot, takePipelineSnapshot } = await import("../../aws/monitor");
            const targets = channelTargets(channels, outputs, resolved.pipeline_id, resolved.tier_settings.channel_class, cost);
            const clients = new Map(await Promise.all(targets.map(async (t) => [t.region, await monitorClients(t.region)] as const)));
            return async () => {
              const s = await takePipelineSnapshot(targets, (region) => clients.get(region)!);
              return { alarm: s.alarm, json: s, lines: formatPipelineSnapshot(s, width), unreadable: s.channels.some((c) => c.state === "UNKNOWN") };
            };
          })();
    for (;;) {
      const snapshot = await refresh();
      if (args.json) process.stdout.write(JSON.stringify(snapshot.json) + "\n");
      else {
        const lines = snapshot.lines;
        // On a terminal the view is redrawn in place; in a log every refresh is a plain block.
        if (tty) process.stdout.write(`\x1b[H\x1b[2J${lines.join("\n")}\n\n${args.once ? "" : `refreshing every ${args.interval} s; Ctrl-C to stop\n`}`);
        else process.stdout.write(`${lines.join("\n")}\n\n`);
      }
      if (args["fail-on-alert"] && snapshot.alarm) {
        process.exitCode = ALERT_EXIT_CODE;
        return;
      }
      if (args.once) {
        // A one-off check that could not read a region's channel did not check it.
        if (snapshot.unreadable) process.exitCode = 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, args.interval * 1000));
    }
  },
};

/** The pipeline (live, deployed) and its channel id, for the schedule-action commands. */
async function deployedChannel(args: { pipeline: string; dir?: string } & OutputsArgs, what: string) {
  const { findPipeline } = await import("../../core/definitions");
  const { UserError } = await import("../../core/problems");
  const { appliedOutputs } = await import("../pipeline-outputs");
  const { resolved } = findPipeline(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
  if (!resolved.live) throw new UserError(`${resolved.pipeline_id} is a ${resolved.pipeline_type} pipeline: it has no MediaLive channel for ${what}`);
  const outputs = await appliedOutputs(resolved, args);
  const channelId = outputs.channel_id?.value;
  if (typeof channelId !== "string")
    throw new UserError(`${resolved.pipeline_id}'s applied outputs have no channel_id: re-apply the module (blackwell media deploy ${resolved.pipeline_id})`);
  return { resolved, outputs, channelId };
}

/** Sends one schedule action and prints what was scheduled (or the JSON). */
async function sendScheduleAction(
  args: { json: boolean },
  target: { resolved: { pipeline_id: string; region: string }; channelId: string },
  request: import("../../aws/schedule-actions").ScheduleRequest,
  extra: Record<string, unknown> = {},
) {
  const { MediaLiveClient } = await import("@aws-sdk/client-medialive");
  const { awsClientConfig } = await import("../../aws/client-config");
  const { scheduleChannelAction } = await import("../../aws/schedule-actions");
  const { printJson } = await import("../output");
  const { resolved, channelId } = target;
  const result = await scheduleChannelAction(new MediaLiveClient(awsClientConfig(resolved.region)), channelId, resolved.pipeline_id, request);
  if (args.json) return printJson({ pipeline_id: resolved.pipeline_id, ...result, ...extra });
  const when = result.start === "immediate" ? "now" : `at ${result.start}`;
  process.stdout.write(`scheduled ${request.what} on channel ${channelId} (${resolved.pipeline_id}) ${when}: action ${result.actionName}\n`);
}

interface ScheduleArgs extends OutputsArgs {
  pipeline: string;
  dir?: string;
  json: boolean;
  at?: string;
}

const scheduleOptions = <T>(y: Argv<T>) =>
  common(y).option("at", { type: "string", describe: "Run it at this UTC time (ISO 8601 with zone, e.g. 2026-12-01T20:15:00Z) instead of now" });

interface AdBreakArgs extends ScheduleArgs {
  duration: number;
  "splice-id"?: number;
}

const adBreakCommand: CommandModule<object, AdBreakArgs> = {
  command: "ad-break <pipeline>",
  describe: "Insert an SCTE-35 splice (ad break) into the running stream: MediaPackage marks it in the HLS/DASH manifests",
  builder: (y) =>
    scheduleOptions(y)
      .option("duration", { type: "number", demandOption: true, describe: "Length of the break in whole seconds" })
      .option("splice-id", { type: "number", describe: "SCTE-35 splice_event_id (default: from the clock, distinct per second)" })
      .example("$0 media stream ad-break studio-live --duration 30", "A 30-second break now")
      .example(
        "$0 media stream ad-break studio-live --duration 90 --at 2026-12-01T20:15:00Z --json",
        "A 90-second break at a set time; print the action as JSON",
      ),
  handler: async (args) => {
    const { UserError } = await import("../../core/problems");
    const { actionStart, adBreakRequest, spliceEventIdAt } = await import("../../aws/schedule-actions");
    const now = new Date();
    const start = actionStart(args.at, now);
    const target = await deployedChannel(args, "an ad break");
    if (!target.resolved.ad_markers)
      throw new UserError(
        `${target.resolved.pipeline_id} drops SCTE-35 (no ad_markers in its definition), so no player would see this break: add "ad_markers": {} to the definition and re-apply (blackwell media deploy ${target.resolved.pipeline_id})`,
      );
    const request = adBreakRequest(args.duration, args["splice-id"] ?? spliceEventIdAt(now), start);
    await sendScheduleAction(args, target, request, { duration_seconds: args.duration });
  },
};

interface SwitchInputArgs extends ScheduleArgs {
  input: string;
}

const switchInputCommand: CommandModule<object, SwitchInputArgs> = {
  command: "switch-input <pipeline> <input>",
  describe: "Switch the channel to another of its inputs (MediaLive input switch schedule action); <input> is a source id of the definition",
  builder: (y) =>
    scheduleOptions(y)
      .positional("input", { type: "string", demandOption: true, describe: "Source id (input attachment) to switch to" })
      .example("$0 media stream switch-input studio-live elemental_link", "Switch to the Link device's input now")
      .example("$0 media stream switch-input studio-live rtmp --at 2026-12-01T20:00:00Z --json", "Switch at a set time; print the action as JSON"),
  handler: async (args) => {
    const { UserError, didYouMean } = await import("../../core/problems");
    const { actionStart, inputSwitchRequest } = await import("../../aws/schedule-actions");
    const now = new Date();
    const start = actionStart(args.at, now);
    const target = await deployedChannel(args, "an input switch");
    const inputs = target.resolved.sources.filter((s) => s.live).map((s) => s.id);
    if (!inputs.includes(args.input)) {
      const hint = didYouMean(args.input, inputs);
      throw new UserError(`${target.resolved.pipeline_id} has no input '${args.input}'${hint ? ` (${hint})` : ""}; its inputs are ${inputs.join(", ")}`);
    }
    await sendScheduleAction(args, target, inputSwitchRequest(args.input, start, now), { input: args.input });
  },
};

interface SlateArgs extends ScheduleArgs {
  state: string;
}

const slateCommand: CommandModule<object, SlateArgs> = {
  command: "slate <pipeline> <state>",
  describe: "Show (on) or hide (off) the slate image shipped in the module over the stream (MediaLive static image schedule actions)",
  builder: (y) =>
    scheduleOptions(y)
      .positional("state", { type: "string", choices: ["on", "off"], demandOption: true, describe: "on shows the slate, off hides it" })
      .example("$0 media stream slate studio-live on", "Cover the stream with the slate now")
      .example("$0 media stream slate studio-live off --json", "Take it away; print the action as JSON"),
  handler: async (args) => {
    const { UserError } = await import("../../core/problems");
    const { planSlate } = await import("../../plans/slate");
    const { actionStart, slateRequest } = await import("../../aws/schedule-actions");
    const now = new Date();
    const start = actionStart(args.at, now);
    const target = await deployedChannel(args, "a slate");
    const plan = planSlate(target.resolved);
    if (!plan)
      throw new UserError(
        `${target.resolved.pipeline_id} ships no slate image: add "slate": {} to its definition and re-apply (blackwell media deploy ${target.resolved.pipeline_id})`,
      );
    const uri = target.outputs.slate_image_uri?.value;
    if (typeof uri !== "string")
      throw new UserError(
        `${target.resolved.pipeline_id}'s applied outputs have no slate_image_uri: re-apply the module (blackwell media deploy ${target.resolved.pipeline_id})`,
      );
    const image = { uri, width: plan.width, height: plan.height, fadeMs: plan.fadeMs };
    await sendScheduleAction(args, target, slateRequest(args.state === "on", image, start, now), { slate: args.state });
  },
};

export const streamCommand: CommandModule = {
  command: "stream <command>",
  describe: "Run a deployed pipeline's channel: start, stop, monitor, ad-break, switch-input, slate on|off",
  builder: (y) =>
    y
      .command(startCommand)
      .command(stopCommand)
      .command(monitorCommand)
      .command(adBreakCommand)
      .command(switchInputCommand)
      .command(slateCommand)
      .demandCommand(1, "Name a stream command: start, stop, monitor, ad-break, switch-input or slate.")
      .example("$0 media stream start studio-live", "Go live")
      .example("$0 media stream stop studio-live", "Stop billing for encoding")
      .example("$0 media stream monitor studio-live", "Watch it")
      .example("$0 media stream ad-break studio-live --duration 30", "Mark a 30-second ad break"),
  handler: () => undefined,
};
