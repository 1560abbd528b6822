/**
 * `blackwell media configure auto-scaling`: turns flags into the definition's `automation` section, edits the
 * definition file in place (JSON keeps key order and layout, YAML its comments), validates the result with the
 * file and JSON path of every problem, and prices it before and after. Nothing is written when anything is wrong.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "../core/atomic-write";
import { checkPipelineDocument, LoadedPipeline } from "../core/definitions";
import { setDefinitionMember, unifiedDiff } from "../core/definition-edit";
import { parseDocumentText } from "../core/parse-document";
import { Problem, UserError, errorsOnly } from "../core/problems";
import { resolvePipeline } from "../core/resolve";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Automation, AutomationSchedule, CronWindow, PipelineDefinition, ScheduledEvent, WeeklyWindow } from "../types/pipeline.generated";
import type { PriceTable } from "../types/prices.generated";
import { estimate } from "../cost/estimate";
import { inventoryOfPipeline } from "../cost/inventory";
import { PipelineEstimate, estimatePipelines } from "../cost/report";
import { usageFor } from "../cost/usage";

export interface AutoScalingFlags {
  maxCostPerMonth?: number;
  scaleDownAfterHours?: number;
  archiveAfterDays?: number;
  archiveStorageClass?: string;
  /** "TUE,THU 18:30-20:30", "MON-FRI 09:00-17:00", an event "[name=]2026-12-24T18:00/2026-12-24T23:30", or a cron window "[name=]cron(...)/cron(...)". Replaces the schedule's windows. */
  schedule?: string[];
  timezone?: string;
  startLeadMinutes?: number;
  /** Stop the channel once Budgets reports the actual cost above the budget (false removes the setting: off is the default). */
  stopChannelOverBudget?: boolean;
  /** Email addresses and/or an SNS topic ARN. Replaces the notify targets. */
  notify?: string[];
}

const DAY_NAMES = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;
type Day = (typeof DAY_NAMES)[number];
const DAY_WORDS: Record<string, Day[]> = { DAILY: [...DAY_NAMES], WEEKDAYS: ["MON", "TUE", "WED", "THU", "FRI"], WEEKENDS: ["SAT", "SUN"] };

function flagProblem(flag: string, message: string): UserError {
  return new UserError(`${flag}: ${message}`);
}

/** "MON-FRI", "TUE,THU", "daily" -> days in week order. */
export function parseDays(text: string): Day[] {
  const days = new Set<Day>();
  for (const part of text
    .toUpperCase()
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (DAY_WORDS[part]) DAY_WORDS[part].forEach((d) => days.add(d));
    else if (/^[A-Z]{3}-[A-Z]{3}$/.test(part)) {
      const [from, to] = part.split("-").map((d) => DAY_NAMES.indexOf(d as Day));
      if (from < 0 || to < 0) throw flagProblem("--schedule", `'${part}' is not a range of days (MON..SUN)`);
      for (let i = from; ; i = (i + 1) % 7) {
        days.add(DAY_NAMES[i]);
        if (i === to) break;
      }
    } else if ((DAY_NAMES as readonly string[]).includes(part)) days.add(part as Day);
    else throw flagProblem("--schedule", `'${part}' is not a day (MON..SUN, MON-FRI, daily, weekdays, weekends)`);
  }
  return DAY_NAMES.filter((d) => days.has(d));
}

/** One --schedule value as a weekly window or a one-off event (times are checked by the schema and rules afterwards). */
export function parseScheduleEntry(entry: string): { weekly?: WeeklyWindow; event?: ScheduledEvent; cron?: CronWindow } {
  // The parentheses delimit each cron expression, so a step's "/" inside them is not the separator.
  const cron = /^(?:([a-z0-9][a-z0-9_-]{0,40})=)?(cron\([^)]*\))\s*\/\s*(cron\([^)]*\))$/.exec(entry.trim());
  if (cron) return { cron: { ...(cron[1] ? { name: cron[1] } : {}), start: cron[2], stop: cron[3] } };
  const event = /^(?:([a-z0-9][a-z0-9_-]{0,40})=)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})$/.exec(entry.trim());
  if (event) return { event: { ...(event[1] ? { name: event[1] } : {}), start: event[2], end: event[3] } };
  const weekly = /^(\S+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(entry.trim());
  if (weekly) return { weekly: { days: parseDays(weekly[1]), start: weekly[2], end: weekly[3] } };
  throw flagProblem(
    "--schedule",
    `'${entry}' is neither a weekly window ("TUE,THU 18:30-20:30"), an event ("[name=]2026-12-24T18:00/2026-12-24T23:30") nor a cron window ("[name=]cron(55 8 ? * MON#1 *)/cron(0 12 ? * MON#1 *)")`,
  );
}

/** The definition's automation with the flags applied (keys the flags do not name are kept as they are). */
export function applyFlags(current: Automation | undefined, flags: AutoScalingFlags): Automation {
  const next: Automation = { ...(current ?? {}) };
  if (flags.scaleDownAfterHours !== undefined) next.scale_down_after_hours = flags.scaleDownAfterHours;
  if (flags.maxCostPerMonth !== undefined) next.max_cost_per_month = flags.maxCostPerMonth;
  if (flags.archiveAfterDays !== undefined) next.archive_after_days = flags.archiveAfterDays;
  if (flags.stopChannelOverBudget === true) next.stop_channel_over_budget = true;
  else if (flags.stopChannelOverBudget === false) delete next.stop_channel_over_budget;
  if (flags.archiveStorageClass !== undefined) next.archive_storage_class = flags.archiveStorageClass as Automation["archive_storage_class"];
  if (flags.schedule !== undefined || flags.timezone !== undefined || flags.startLeadMinutes !== undefined) {
    const schedule: AutomationSchedule = { ...(current?.schedule ?? { timezone: "" }) };
    if (flags.timezone !== undefined) schedule.timezone = flags.timezone;
    if (!schedule.timezone) throw flagProblem("--schedule", "needs --timezone (an IANA zone such as Europe/London): the definition's schedule has none yet");
    if (flags.startLeadMinutes !== undefined) schedule.start_lead_minutes = flags.startLeadMinutes;
    if (flags.schedule !== undefined) {
      const entries = flags.schedule.map(parseScheduleEntry);
      const weekly = entries.flatMap((e) => (e.weekly ? [e.weekly] : []));
      const events = entries.flatMap((e) => (e.event ? [e.event] : []));
      const cron = entries.flatMap((e) => (e.cron ? [e.cron] : []));
      delete schedule.weekly;
      delete schedule.events;
      delete schedule.cron;
      if (weekly.length) schedule.weekly = weekly;
      if (events.length) schedule.events = events;
      if (cron.length) schedule.cron = cron;
    }
    next.schedule = schedule;
  }
  if (flags.notify !== undefined) {
    const targets = flags.notify
      .flatMap((n) => n.split(","))
      .map((n) => n.trim())
      .filter(Boolean);
    const topics = targets.filter((t) => t.startsWith("arn:"));
    if (topics.length > 1) throw flagProblem("--notify", `AWS Budgets notifies one SNS topic; got ${topics.length}`);
    const emails = targets.filter((t) => !t.startsWith("arn:"));
    next.notify = { ...(emails.length ? { emails } : {}), ...(topics.length ? { sns_topic_arn: topics[0] } : {}) };
  }
  return next;
}

export interface ConfigureResult {
  file: string;
  changed: boolean;
  written: boolean;
  diff: string;
  automation: Automation;
  before: EstimateSummary;
  after: EstimateSummary;
  warnings: Problem[];
}

export interface EstimateSummary {
  monthly_usd: number;
  live_hours_per_month: number;
  hours_from: string;
  budget_usd?: number;
  over_budget: boolean;
  warning?: string;
}

const summary = (e: PipelineEstimate): EstimateSummary => ({
  monthly_usd: e.monthlyUsd,
  live_hours_per_month: e.usage.liveHoursPerMonth,
  hours_from: e.usageFrom.live_hours_per_month,
  ...(e.automation?.budget_usd !== undefined ? { budget_usd: e.automation.budget_usd } : {}),
  over_budget: e.automation?.over_budget ?? false,
  ...(e.automation?.warning ? { warning: e.automation.warning } : {}),
});

/** What one more hour of the running channel adds to the month (channel, ingest, archive), by the same estimator. */
export function oneRunningHourUsd(def: PipelineDefinition, catalog: MediaCatalog, table: PriceTable): number {
  const p = resolvePipeline(def, catalog);
  const inv = inventoryOfPipeline(p);
  const { usage } = usageFor(p, {});
  return estimate(inv, { ...usage, liveHoursPerMonth: 1 }, table).monthlyUsd - estimate(inv, { ...usage, liveHoursPerMonth: 0 }, table).monthlyUsd;
}

export function configureAutoScaling(
  loaded: LoadedPipeline,
  flags: AutoScalingFlags,
  options: { catalog: MediaCatalog; table: PriceTable; dryRun: boolean },
): ConfigureResult {
  if (loaded.template)
    throw new UserError(
      `${loaded.resolved.pipeline_id} is creator ${loaded.template.creator} of template ${loaded.template.template_id} (${loaded.file}); set automation in the template's pipeline (or its creator's overrides) by hand`,
    );
  const file = loaded.file;
  const before = fs.readFileSync(file, "utf8");
  const data = parseDocumentText(file, before).data as PipelineDefinition;
  const automation = applyFlags(data.automation, flags);
  const after = setDefinitionMember(file, before, "automation", automation);
  const edited = parseDocumentText(file, after).data as PipelineDefinition;

  const problems = checkPipelineDocument(edited, file);
  if (errorsOnly(problems).length) throw new UserError(`${file}: the new automation is not valid; nothing was written`, problems);
  const hourUsd = loaded.resolved.live && automation.max_cost_per_month !== undefined ? oneRunningHourUsd(edited, options.catalog, options.table) : 0;
  if (automation.max_cost_per_month !== undefined && automation.max_cost_per_month < hourUsd)
    throw new UserError(`${file}: the new automation is not valid; nothing was written`, [
      {
        file,
        path: "$.automation.max_cost_per_month",
        severity: "error",
        rule: "BMF-AUTOMATION-BUDGET",
        message: `a budget of $${automation.max_cost_per_month.toFixed(2)} a month is less than one running hour of this channel ($${hourUsd.toFixed(2)})`,
      },
    ]);

  const estimateOf = (definition: PipelineDefinition) =>
    estimatePipelines([{ file, definition, resolved: resolvePipeline(definition, options.catalog) }], {}, options.table, options.catalog)[0];
  const changed = after !== before;
  if (changed && !options.dryRun) {
    writeFileAtomic(file, after);
  }
  return {
    file,
    changed,
    written: changed && !options.dryRun,
    diff: unifiedDiff(before, after, file),
    automation,
    before: summary(estimateOf(loaded.definition)),
    after: summary(estimateOf(edited)),
    warnings: problems,
  };
}
