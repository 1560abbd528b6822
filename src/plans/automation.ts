/**
 * A pipeline's cost automation as plain data: the idle-stop alarm, the Scheduler expressions, the budget, the
 * archive move, and the channel hours a month they imply. The automation generator and the cost estimate both
 * read this, so a number in automation.tf.json and in the estimate comes from one place. Pure: no I/O, no cdktf.
 */
import type { ResolvedAutomation, ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { MINIMUM_STORAGE_DAYS, localMinutes, minutesOfDay } from "../core/automation-rules";
import { cronWindowMonth } from "./cron-windows";

/** A calendar month in weeks (365.25 / 12 / 7), for weekly windows. */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;
/** The longest month, 31 days. */
export const MAX_HOURS_PER_MONTH = 744;
/** Seconds per idle-alarm period; hours of silence are counted in these. */
export const IDLE_PERIOD_SECONDS = 300;
/** Shows per live hour when nothing says how many starts a month has: the estimate's two-hour show. */
export const ASSUMED_HOURS_PER_SHOW = 2;

/**
 * The metric that says a channel has video: MediaLive publishes InputVideoFrameRate per pipeline while it ingests
 * an input (dropping to 0 on input loss). There are no datapoints while the channel is stopped, nor while it runs
 * but has not yet ingested any input; ActiveAlerts likewise has none only when the channel is not running. So
 * missing data counts as "no video" (breaching), and the state machine asks MediaLive whether the channel runs
 * before it acts: the alarm alone cannot tell a stopped channel from one started without input.
 */
export const IDLE_METRIC = {
  namespace: "AWS/MediaLive",
  metricName: "InputVideoFrameRate",
  statistic: "Maximum",
  threshold: 1,
  comparison: "LessThanThreshold",
  treatMissingData: "breaching",
} as const;

/** What starts the idle-stop state machine, one EventBridge rule each: the alarm going to ALARM, and each start of the channel (the alarm rests in ALARM while the channel is stopped, so a start without input sends it no new change). */
export type IdleStopTrigger = "idle_alarm" | "channel_running";

export interface IdleStopPlan {
  afterHours: number;
  periodSeconds: number;
  evaluationPeriods: number;
  /** Channel pipelines whose metric is watched: "0", and "1" for a STANDARD channel. */
  pipelines: string[];
  /** The reason the channel.auto_stopped event carries. */
  reason: string;
  reasonText: string;
  triggers: IdleStopTrigger[];
}

export type ChannelAction = "startChannel" | "stopChannel";

export interface SchedulePlan {
  /** Short, unique within the pipeline: start-w1, stop-w1, start-e1 ... (the resource and schedule names). */
  key: string;
  action: ChannelAction;
  /** Scheduler expression: cron(...) for weekly windows and cron windows (as given), at(...) for one-off events, in `timezone`. */
  expression: string;
  timezone: string;
  description: string;
}

export interface BudgetPlan {
  limitUsd: number;
  /** Cost Explorer tag filter: user:<key>$<value> of the cost-allocation tag every resource carries. */
  tagFilter: { name: "TagKeyValue"; values: string[] };
  notifications: Array<{ notificationType: "FORECASTED" | "ACTUAL"; thresholdPercent: number }>;
  emails: string[];
  snsTopicArn?: string;
}

/**
 * Budget stop: AWS Budgets cannot stop a MediaLive channel itself (its actions apply IAM/SCP policies or stop EC2 and
 * RDS instances) and SNS cannot start a state machine, so the route is: a budget notification of its own (actual cost
 * above the limit as an absolute value, beside the 100% one people subscribe to: Budgets allows one SNS topic per
 * notification) -> an SNS topic encrypted with a key Budgets may use -> an SQS queue (dead-letter queue behind it) ->
 * EventBridge Pipes -> a STANDARD state machine that stops this channel when it runs and announces it.
 */
export interface BudgetStopPlan {
  notification: { notificationType: "ACTUAL"; comparisonOperator: "GREATER_THAN"; threshold: number; thresholdType: "ABSOLUTE_VALUE" };
  reason: "budget";
  reasonText: string;
  /** The queue between SNS and the pipe: a notification waits up to four days, and after five failed deliveries to the state machine it goes to the dead-letter queue (kept 14 days). */
  queue: { messageRetentionSeconds: number; visibilityTimeoutSeconds: number; maxReceiveCount: number; deadLetterRetentionSeconds: number };
  /** State transitions of one execution that stops the channel (Received, DescribeChannel, IsRunning, StopChannel, AnnounceStop). */
  transitionsPerStop: number;
  /** Customer managed KMS keys it adds (the topic's: Budgets cannot publish to a topic under the AWS managed aws/sns key). */
  kmsKeys: number;
}

export interface ArchiveTieringPlan {
  afterDays: number;
  storageClass: string;
  /** Prefixes whose objects move: live recordings and streams kept with `blackwell media archive`. */
  prefixes: string[];
}

/** Whether moving an object kept `keepDays` pays: it stays in the class at least the days S3 bills it for anyway. */
export function tieringApplies(t: ArchiveTieringPlan, keepDays: number): boolean {
  return keepDays - t.afterDays >= (MINIMUM_STORAGE_DAYS[t.storageClass] ?? 0);
}

export interface AutomationPlan {
  idleStop?: IdleStopPlan;
  schedules: SchedulePlan[];
  /** Channel hours in a month the schedule runs (windows plus start lead; the busiest month of one-off events). */
  scheduledHoursPerMonth?: number;
  /** Channel starts a month the schedule makes. */
  scheduledStartsPerMonth?: number;
  budget?: BudgetPlan;
  /** Only when the definition asks for it (automation.stop_channel_over_budget) and there is a channel. */
  budgetStop?: BudgetStopPlan;
  archiveTiering?: ArchiveTieringPlan;
}

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const shiftDays = (days: string[], by: number) => days.map((d) => DAYS[(DAYS.indexOf(d) + by + 7) % 7]);
const pad = (n: number) => String(n).padStart(2, "0");

/** cron(M H ? * DAYS *) at `minute` of the day (may be negative or 1440+: the days shift with it). */
export function weeklyCron(minute: number, days: string[]): string {
  const dayShift = Math.floor(minute / 1440);
  const m = ((minute % 1440) + 1440) % 1440;
  return `cron(${m % 60} ${Math.floor(m / 60)} ? * ${shiftDays(days, dayShift).join(",")} *)`;
}

/** at(YYYY-MM-DDTHH:MM:SS) of a local "YYYY-MM-DDTHH:MM" moved by `minutes`. */
export function atExpression(local: string, minutes = 0): string {
  const at = new Date(((localMinutes(local) ?? NaN) + minutes) * 60_000);
  if (Number.isNaN(at.getTime())) throw new Error(`not a local date-time: ${local}`);
  return `at(${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00)`;
}

function schedulesOf(s: NonNullable<ResolvedAutomation["schedule"]>): SchedulePlan[] {
  const plans: SchedulePlan[] = [];
  const lead = s.start_lead_minutes;
  s.weekly.forEach((w, i) => {
    const when = `${w.days.join(",")} ${w.start}-${w.end} ${s.timezone}`;
    plans.push({
      key: `start-w${i + 1}`,
      action: "startChannel",
      expression: weeklyCron(minutesOfDay(w.start) - lead, w.days),
      timezone: s.timezone,
      description: `Starts the channel ${lead} min before the weekly window ${when}`,
    });
    plans.push({
      key: `stop-w${i + 1}`,
      action: "stopChannel",
      expression: weeklyCron(minutesOfDay(w.end), w.days),
      timezone: s.timezone,
      description: `Stops the channel at the end of the weekly window ${when}`,
    });
  });
  s.events.forEach((e, i) => {
    const when = `${e.name} ${e.start} to ${e.end} ${s.timezone}`;
    plans.push({
      key: `start-e${i + 1}`,
      action: "startChannel",
      expression: atExpression(e.start, -lead),
      timezone: s.timezone,
      description: `Starts the channel ${lead} min before ${when}`,
    });
    plans.push({
      key: `stop-e${i + 1}`,
      action: "stopChannel",
      expression: atExpression(e.end),
      timezone: s.timezone,
      description: `Stops the channel at the end of ${when}`,
    });
  });
  (s.cron ?? []).forEach((c, i) => {
    plans.push({
      key: `start-c${i + 1}`,
      action: "startChannel",
      expression: c.start,
      timezone: s.timezone,
      description: `Starts the channel for the cron window ${c.name} (${s.timezone})`,
    });
    plans.push({
      key: `stop-c${i + 1}`,
      action: "stopChannel",
      expression: c.stop,
      timezone: s.timezone,
      description: `Stops the channel at the end of the cron window ${c.name} (${s.timezone})`,
    });
  });
  return plans;
}

/** Hours and starts a month: weekly windows every week of an average month, cron windows in an average month they run in, plus the busiest calendar month of one-off events. */
export function scheduledMonth(s: NonNullable<ResolvedAutomation["schedule"]>): { hours: number; starts: number } {
  const lead = s.start_lead_minutes;
  let minutes = 0;
  let starts = 0;
  for (const w of s.weekly) {
    minutes += (minutesOfDay(w.end) - minutesOfDay(w.start) + lead) * w.days.length * WEEKS_PER_MONTH;
    starts += w.days.length * WEEKS_PER_MONTH;
  }
  const byMonth = new Map<string, { minutes: number; starts: number }>();
  for (const e of s.events) {
    const month = e.start.slice(0, 7);
    const m = byMonth.get(month) ?? { minutes: 0, starts: 0 };
    m.minutes += localMinutes(e.end)! - localMinutes(e.start)! + lead;
    m.starts += 1;
    byMonth.set(month, m);
  }
  // Cron windows: an average month they run in (cron-windows.ts), added like weekly windows.
  for (const c of s.cron ?? []) {
    const month = cronWindowMonth(c.start, c.stop);
    minutes += month.hours * 60;
    starts += month.starts;
  }
  const busiest = [...byMonth.values()].sort((a, b) => b.minutes - a.minutes)[0];
  // Hundredths of an hour: the estimate prints the figure, and nothing bills finer.
  return { hours: Math.round(Math.min(MAX_HOURS_PER_MONTH, (minutes + (busiest?.minutes ?? 0)) / 60) * 100) / 100, starts: starts + (busiest?.starts ?? 0) };
}

export function automationPlan(p: ResolvedPipeline): AutomationPlan | undefined {
  const a = p.automation;
  if (!a) return undefined;
  const plan: AutomationPlan = { schedules: [] };
  if (p.live && a.scale_down_after_hours !== undefined)
    plan.idleStop = {
      afterHours: a.scale_down_after_hours,
      periodSeconds: IDLE_PERIOD_SECONDS,
      evaluationPeriods: Math.round((a.scale_down_after_hours * 3600) / IDLE_PERIOD_SECONDS),
      pipelines: p.tier_settings.channel_class === "STANDARD" ? ["0", "1"] : ["0"],
      reason: "no_input",
      reasonText: `no input video for ${a.scale_down_after_hours} h while running`,
      triggers: ["idle_alarm", "channel_running"],
    };
  if (p.live && a.schedule) {
    plan.schedules = schedulesOf(a.schedule);
    const month = scheduledMonth(a.schedule);
    plan.scheduledHoursPerMonth = month.hours;
    plan.scheduledStartsPerMonth = month.starts;
  }
  if (a.max_cost_per_month !== undefined)
    plan.budget = {
      limitUsd: a.max_cost_per_month,
      tagFilter: { name: "TagKeyValue", values: [`user:Pipeline$${p.pipeline_id}`] },
      notifications: [
        { notificationType: "FORECASTED", thresholdPercent: 80 },
        { notificationType: "ACTUAL", thresholdPercent: 100 },
      ],
      emails: [...a.notify.emails],
      ...(a.notify.sns_topic_arn ? { snsTopicArn: a.notify.sns_topic_arn } : {}),
    };
  if (p.live && a.stop_channel_over_budget && a.max_cost_per_month !== undefined)
    plan.budgetStop = {
      notification: { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: a.max_cost_per_month, thresholdType: "ABSOLUTE_VALUE" },
      reason: "budget",
      reasonText: `the month's actual cost passed the budget of ${a.max_cost_per_month.toFixed(2)} USD`,
      queue: { messageRetentionSeconds: 4 * 86400, visibilityTimeoutSeconds: 60, maxReceiveCount: 5, deadLetterRetentionSeconds: 14 * 86400 },
      transitionsPerStop: 5,
      kmsKeys: 1,
    };
  if (a.archive_after_days !== undefined && p.outputs.some((o) => o.kind === "archive"))
    plan.archiveTiering = { afterDays: a.archive_after_days, storageClass: a.archive_storage_class ?? "GLACIER_IR", prefixes: ["recordings/", "archive/"] };
  return plan;
}

export interface ChannelHours {
  /** Hours a month the estimate bills the channel for. */
  hours: number;
  from: "schedule" | "usage";
  /**
   * Hours a month when every start is followed by a channel nobody stops: with idle stop, each start adds at
   * most its silence limit (plus one alarm period); without it, the channel runs the whole month.
   */
  unattendedHours: number;
  idleStopAfterHours?: number;
}

/** The month's channel hours: the schedule's when there is one, else the usage assumption; and what idle stop caps a forgotten channel at. */
export function channelHours(p: ResolvedPipeline, usageHours: number, plan: AutomationPlan | undefined = automationPlan(p)): ChannelHours {
  const scheduled = plan?.scheduledHoursPerMonth;
  const hours = scheduled ?? usageHours;
  const from = scheduled !== undefined ? "schedule" : "usage";
  if (!plan?.idleStop) return { hours, from, unattendedHours: MAX_HOURS_PER_MONTH };
  const starts = plan.scheduledStartsPerMonth ?? Math.ceil(hours / ASSUMED_HOURS_PER_SHOW);
  const perStart = plan.idleStop.afterHours + plan.idleStop.periodSeconds / 3600;
  return { hours, from, unattendedHours: Math.min(MAX_HOURS_PER_MONTH, hours + starts * perStart), idleStopAfterHours: plan.idleStop.afterHours };
}
