/**
 * EventBridge Scheduler's cron(...) expressions: six fields, `cron(minutes hours day-of-month month day-of-week year)`,
 * as https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based describes them:
 * minutes 0-59, hours 0-23, day-of-month 1-31 (`, - * ? / L W`), month 1-12 or JAN-DEC, day-of-week 1-7 (1 is Sunday)
 * or SUN-SAT (`, - * ? L #`), year 1970-2199; one of day-of-month and day-of-week is `?`. Parsing says what is wrong
 * in one sentence (for the definition's rules); matching a date tells the estimate when a cron schedule fires.
 */

export interface CronField {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: CronField[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day-of-week", min: 1, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
  { name: "year", min: 1970, max: 2199 },
];

/** Day-of-month or day-of-week specials: L (last), nW (weekday nearest n), LW, nL (last weekday n of the month), n#k (k-th weekday n). */
type Special =
  | { kind: "last" }
  | { kind: "nearestWeekday"; day: number }
  | { kind: "lastWeekday" }
  | { kind: "lastOf"; weekday: number }
  | { kind: "nth"; weekday: number; n: number };

export interface ParsedCron {
  minutes: Set<number>;
  hours: Set<number>;
  /** Undefined when the field is `?`. */
  dayOfMonth?: { values: Set<number>; specials: Special[] };
  months: Set<number>;
  dayOfWeek?: { values: Set<number>; specials: Special[] };
  years: Set<number>;
}

export class CronSyntaxError extends Error {}

function value(field: CronField, text: string): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n))
    throw new CronSyntaxError(
      `${field.name} '${text}' is not a number${field.names ? ` or a name (${field.names[0]}..${field.names[field.names.length - 1]})` : ""}`,
    );
  if (n < field.min || n > field.max) throw new CronSyntaxError(`${field.name} ${text} is outside ${field.min}-${field.max}`);
  return n;
}

/** The values of a list of `*`, `n`, `a-b`, `*\/s`, `a/s`, `a-b/s` parts; days' specials are returned apart. */
function parseField(field: CronField, text: string, specialsAllowed: "dom" | "dow" | "none"): { values: Set<number>; specials: Special[] } {
  const values = new Set<number>();
  const specials: Special[] = [];
  for (const part of text.split(",")) {
    if (!part) throw new CronSyntaxError(`${field.name} '${text}' has an empty list item`);
    if (specialsAllowed === "dom") {
      if (part === "L") {
        specials.push({ kind: "last" });
        continue;
      }
      if (part === "LW") {
        specials.push({ kind: "lastWeekday" });
        continue;
      }
      const w = /^(\d+)W$/.exec(part);
      if (w) {
        specials.push({ kind: "nearestWeekday", day: value(field, w[1]) });
        continue;
      }
    }
    if (specialsAllowed === "dow") {
      if (part === "L") {
        values.add(7);
        continue;
      }
      const last = /^([A-Za-z]{3}|\d)L$/.exec(part);
      if (last) {
        specials.push({ kind: "lastOf", weekday: value(field, last[1]) });
        continue;
      }
      const nth = /^([A-Za-z]{3}|\d)#(\d)$/.exec(part);
      if (nth) {
        const n = Number(nth[2]);
        if (n < 1 || n > 5) throw new CronSyntaxError(`day-of-week '${part}': the week of the month after # is 1-5`);
        specials.push({ kind: "nth", weekday: value(field, nth[1]), n });
        continue;
      }
    }
    if (/[LW#]/i.test(part) && !field.names?.some((n) => part.toUpperCase().includes(n)))
      throw new CronSyntaxError(
        `${field.name} '${part}': ${specialsAllowed === "none" ? "L, W and # belong to the day fields" : specialsAllowed === "dom" ? "day-of-month takes L, LW and nW (not #)" : "day-of-week takes L, nL and n#k (not W)"}`,
      );
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronSyntaxError(`${field.name} '${part}' is not a value, a range (a-b), a step (a/s, */s) or *`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new CronSyntaxError(`${field.name} '${part}': a step is at least 1`);
    let from: number, to: number;
    if (m[1] === "*") [from, to] = [field.min, field.max];
    else if (m[1].includes("-")) {
      const [a, b] = m[1].split("-");
      [from, to] = [value(field, a), value(field, b)];
      if (to < from) throw new CronSyntaxError(`${field.name} range '${m[1]}' ends before it starts`);
    } else [from, to] = [value(field, m[1]), m[2] === undefined ? value(field, m[1]) : field.max];
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, specials };
}

/** The six fields of `cron(...)`, or a CronSyntaxError saying what is wrong. */
export function parseSchedulerCron(expression: string): ParsedCron {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) throw new CronSyntaxError("write it as cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 18 ? * TUE,THU *)");
  const parts = m[1].trim().split(/\s+/);
  if (parts.length !== 6)
    throw new CronSyntaxError(
      `Scheduler's cron has six fields (minutes hours day-of-month month day-of-week year); got ${parts.length}${parts.length === 5 ? " (a Unix cron line? add the year, usually *, and put ? in day-of-month or day-of-week)" : ""}`,
    );
  const [mi, h, dom, mo, dow, y] = parts;
  if ((dom === "?") === (dow === "?"))
    throw new CronSyntaxError(
      dom === "?"
        ? "day-of-month and day-of-week cannot both be ?"
        : "one of day-of-month and day-of-week must be ? (Scheduler does not take both), e.g. cron(0 18 ? * MON-FRI *)",
    );
  for (const [i, text] of [mi, h, mo, y].entries())
    if (text === "?") throw new CronSyntaxError(`${FIELDS[[0, 1, 3, 5][i]].name} cannot be ?; only day-of-month or day-of-week can`);
  return {
    minutes: parseField(FIELDS[0], mi, "none").values,
    hours: parseField(FIELDS[1], h, "none").values,
    ...(dom === "?" ? {} : { dayOfMonth: parseField(FIELDS[2], dom, "dom") }),
    months: parseField(FIELDS[3], mo, "none").values,
    ...(dow === "?" ? {} : { dayOfWeek: parseField(FIELDS[4], dow, "dow") }),
    years: parseField(FIELDS[5], y, "none").values,
  };
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 1 (Sunday) .. 7 (Saturday), as Scheduler numbers days of the week. */
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;

function specialMatches(s: Special, y: number, m: number, d: number): boolean {
  const last = daysInMonth(y, m);
  const wd = weekdayOf(y, m, d);
  const isWeekday = wd >= 2 && wd <= 6;
  switch (s.kind) {
    case "last":
      return d === last;
    case "lastWeekday": {
      let day = last;
      while (![2, 3, 4, 5, 6].includes(weekdayOf(y, m, day))) day--;
      return d === day;
    }
    case "nearestWeekday": {
      // Quartz/AWS: the weekday nearest day n, never crossing into another month.
      if (s.day > last || !isWeekday) return false;
      const target = weekdayOf(y, m, s.day);
      if (target >= 2 && target <= 6) return d === s.day;
      if (target === 7) return d === (s.day === 1 ? 3 : s.day - 1);
      return d === (s.day === last ? s.day - 2 : s.day + 1);
    }
    case "lastOf":
      return wd === s.weekday && d + 7 > last;
    case "nth":
      return wd === s.weekday && Math.ceil(d / 7) === s.n;
  }
}

/** Whether the schedule fires on a calendar day (month 1-12), whatever the time of day. */
export function cronMatchesDay(c: ParsedCron, y: number, m: number, d: number): boolean {
  if (!c.years.has(y) || !c.months.has(m)) return false;
  const field = c.dayOfMonth ?? c.dayOfWeek!;
  const plain = c.dayOfMonth ? d : weekdayOf(y, m, d);
  return field.values.has(plain) || field.specials.some((s) => specialMatches(s, y, m, d));
}

/** The minutes of the day (0-1439) the schedule fires at on a day it fires. */
export function cronMinutesOfDay(c: ParsedCron): number[] {
  const out: number[] = [];
  for (const h of [...c.hours].sort((a, b) => a - b)) for (const mi of [...c.minutes].sort((a, b) => a - b)) out.push(h * 60 + mi);
  return out;
}
