/**
 * Semantic rules for the definition's `automation` section (idle stop, schedule, budget, archive
 * tiering): what JSON Schema cannot say, each with the JSON path of the value at fault.
 */
import type { OutputSettings, PipelineDefinition } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type { Finding, SemanticRule } from "./semantic-rules";
import { canonicalTier } from "./catalog";
import { CronSyntaxError, parseSchedulerCron } from "./scheduler-cron";

/** Days S3 bills an object in these classes for at least (deleting earlier still pays the rest). */
export const MINIMUM_STORAGE_DAYS: Record<string, number> = { STANDARD_IA: 30, ONEZONE_IA: 30, GLACIER_IR: 90, GLACIER: 90, DEEP_ARCHIVE: 180 };
/** S3 refuses lifecycle transitions to the IA classes earlier than day 30. */
const IA_CLASSES = new Set(["STANDARD_IA", "ONEZONE_IA"]);

/** True for an IANA zone name the runtime knows (offsets like "+01:00" are not zones). */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since midnight of "HH:MM" ("24:00" is 1440). */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** A local "YYYY-MM-DDTHH:MM" as minutes since the epoch (zone-less, for ordering and durations), or undefined for a date that does not exist. */
export function localMinutes(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return ms / 60_000;
}

const outputType = (o: string | OutputSettings) => (typeof o === "string" ? (/^rtmps?:\/\//.test(o) ? "rtmp" : o) : o.type);

export const AUTOMATION_RULES: SemanticRule[] = [
  {
    id: "BMF-AUTOMATION-CHANNEL",
    description: "Idle stop, schedules and the budget stop start or stop a MediaLive channel, so the pipeline needs one.",
    check(def, catalog) {
      const a = def.automation;
      if (!a || catalog.pipeline_types[def.pipeline_type]?.live) return [];
      return (["scale_down_after_hours", "schedule", "stop_channel_over_budget"] as const)
        .filter((key) => a[key] !== undefined && a[key] !== false)
        .map((key) => ({ path: ["automation", key], message: `'${key}' starts or stops a MediaLive channel, and a ${def.pipeline_type} pipeline has none` }));
    },
  },
  {
    id: "BMF-AUTOMATION-SCHEDULE",
    description: "Schedule times exist in a real time zone, every window ends after it starts, and cron windows are Scheduler cron expressions.",
    check(def) {
      const s = def.automation?.schedule;
      if (!s) return [];
      const findings: Finding[] = [];
      const base = ["automation", "schedule"];
      if (!isIanaTimeZone(s.timezone))
        findings.push({ path: [...base, "timezone"], message: `'${s.timezone}' is not an IANA time zone (e.g. "Europe/London", "America/New_York", "UTC")` });
      (s.weekly ?? []).forEach((w, i) => {
        if (minutesOfDay(w.end) <= minutesOfDay(w.start))
          findings.push({
            path: [...base, "weekly", i, "end"],
            message: `the window ends (${w.end}) before it starts (${w.start}); a window closes later the same day (use 24:00 for midnight, and a second window for the hours after it)`,
          });
      });
      (s.events ?? []).forEach((e, i) => {
        const start = localMinutes(e.start),
          end = localMinutes(e.end);
        if (start === undefined) findings.push({ path: [...base, "events", i, "start"], message: `'${e.start}' is not a date and time that exists` });
        if (end === undefined) findings.push({ path: [...base, "events", i, "end"], message: `'${e.end}' is not a date and time that exists` });
        if (start !== undefined && end !== undefined && end <= start)
          findings.push({ path: [...base, "events", i, "end"], message: `the event ends (${e.end}) before it starts (${e.start})` });
      });
      (s.cron ?? []).forEach((c, i) => {
        for (const key of ["start", "stop"] as const)
          try {
            parseSchedulerCron(c[key]);
          } catch (err) {
            if (!(err instanceof CronSyntaxError)) throw err;
            findings.push({ path: [...base, "cron", i, key], message: `'${c[key]}' is not an EventBridge Scheduler cron expression: ${err.message}` });
          }
      });
      return findings;
    },
  },
  {
    id: "BMF-AUTOMATION-ARCHIVE",
    description: "Archive tiering needs an s3_archive output and a transition S3 accepts before the recordings expire.",
    check(def, catalog) {
      const a = def.automation;
      if (!a) return [];
      const path = ["automation", "archive_after_days"];
      if (a.archive_storage_class !== undefined && a.archive_after_days === undefined)
        return [{ path: ["automation", "archive_storage_class"], message: "archive_storage_class needs archive_after_days (when to move the recordings)" }];
      if (a.archive_after_days === undefined) return [];
      const index = def.outputs.findIndex((o) => outputType(o) === "s3_archive");
      if (index < 0) return [{ path, message: "archive_after_days moves recordings of the s3_archive output, and the pipeline has none" }];
      const findings: Finding[] = [];
      const days = a.archive_after_days;
      const storageClass = a.archive_storage_class ?? "GLACIER_IR";
      const output = def.outputs[index];
      const settings = typeof output === "object" ? output : undefined;
      if (settings?.transition_to_ia_days !== undefined || settings?.transition_to_glacier_days !== undefined)
        findings.push({ path, message: `outputs[${index}] already sets storage-class transitions; use either those or archive_after_days` });
      if (IA_CLASSES.has(storageClass) && days < 30)
        findings.push({ path, message: `S3 moves objects to ${storageClass} after 30 days at the earliest; got ${days}` });
      const tier = catalog.tiers[canonicalTier(catalog, def.tier)];
      const retention = settings?.retention_days ?? tier?.archive_retention_days;
      if (retention !== undefined && days >= retention)
        findings.push({
          path,
          message: `recordings expire after ${retention} days (outputs[${index}].retention_days), so moving them on day ${days} never happens; keep them longer or move them sooner`,
        });
      else if (retention !== undefined && retention - days < (MINIMUM_STORAGE_DAYS[storageClass] ?? 0))
        findings.push({
          path,
          severity: "warning",
          message: `${storageClass} bills at least ${MINIMUM_STORAGE_DAYS[storageClass]} days, and recordings expire ${retention - days} days after the move`,
        });
      return findings;
    },
  },
  {
    id: "BMF-AUTOMATION-BUDGET-STOP",
    description: "The budget stop acts on the budget's notification, so it needs max_cost_per_month.",
    check(def) {
      const a = def.automation;
      if (!a?.stop_channel_over_budget || a.max_cost_per_month !== undefined) return [];
      return [
        {
          path: ["automation", "stop_channel_over_budget"],
          message: "stop_channel_over_budget stops the channel when the monthly budget is passed, and there is no max_cost_per_month to pass",
        },
      ];
    },
  },
  {
    id: "BMF-AUTOMATION-NOTIFY",
    description: "A budget tells someone; notify targets belong to a budget.",
    check(def) {
      const a = def.automation;
      if (!a) return [];
      if (a.max_cost_per_month !== undefined && !a.notify)
        return [
          {
            path: ["automation", "max_cost_per_month"],
            severity: "warning",
            message: "the budget notifies nobody; add automation.notify (emails or sns_topic_arn) to hear at 80% forecast and 100% actual",
          },
        ];
      if (a.notify && a.max_cost_per_month === undefined)
        return [
          { path: ["automation", "notify"], severity: "warning", message: "notify targets receive budget notifications, and there is no max_cost_per_month" },
        ];
      return [];
    },
  },
];

/** For callers that only need the definition's automation problems (configure auto-scaling). */
export function automationFindings(def: PipelineDefinition, catalog: MediaCatalog): Finding[] {
  return AUTOMATION_RULES.flatMap((r) => r.check(def, catalog));
}
