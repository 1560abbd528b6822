/**
 * EventBridge Scheduler cron expressions: what the definition's cron windows may say (six fields, one day field ?,
 * the documented ranges and wildcards), the one-sentence reason for each refusal, which days and minutes a parsed
 * expression fires on (L, W, #, nL), and the channel hours a month a cron window gives the estimate.
 */
import { cronMatchesDay, cronMinutesOfDay, parseSchedulerCron } from "../../src/core/scheduler-cron";
import { cronWindowMonth } from "../../src/plans/cron-windows";

const refusal = (expression: string) => {
  try {
    parseSchedulerCron(expression);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};
/** Days of a month the expression fires on. */
const daysOf = (expression: string, y: number, m: number) => {
  const c = parseSchedulerCron(expression);
  const out: number[] = [];
  for (let d = 1; d <= new Date(Date.UTC(y, m, 0)).getUTCDate(); d++) if (cronMatchesDay(c, y, m, d)) out.push(d);
  return out;
};

test("each refusal says what is wrong in Scheduler's terms", () => {
  expect(refusal("0 18 * * *")).toMatch(/^write it as cron\(minutes hours day-of-month month day-of-week year\)/);
  expect(refusal("cron(0 18 ? * MON-FRI)")).toMatch(/six fields .* got 5 \(a Unix cron line\? add the year/);
  expect(refusal("cron(0 18 * * 2 *)")).toMatch(/one of day-of-month and day-of-week must be \?/);
  expect(refusal("cron(0 18 ? * ? *)")).toBe("day-of-month and day-of-week cannot both be ?");
  expect(refusal("cron(60 18 ? * MON *)")).toBe("minutes 60 is outside 0-59");
  expect(refusal("cron(0 24 ? * MON *)")).toBe("hours 24 is outside 0-23");
  expect(refusal("cron(0 18 32 * ? *)")).toBe("day-of-month 32 is outside 1-31");
  expect(refusal("cron(0 18 ? FOO MON *)")).toBe("month 'FOO' is not a number or a name (JAN..DEC)");
  expect(refusal("cron(0 18 ? * 8 *)")).toBe("day-of-week 8 is outside 1-7");
  expect(refusal("cron(0 18 ? * MON 1969)")).toBe("year 1969 is outside 1970-2199");
  expect(refusal("cron(0 ? ? * MON *)")).toBe("hours cannot be ?; only day-of-month or day-of-week can");
  expect(refusal("cron(0 18 ? * MON#6 *)")).toBe("day-of-week 'MON#6': the week of the month after # is 1-5");
  expect(refusal("cron(0 18 ? * 2W *)")).toBe("day-of-week '2W': day-of-week takes L, nL and n#k (not W)");
  expect(refusal("cron(0 18 1#2 * ? *)")).toBe("day-of-month '1#2': day-of-month takes L, LW and nW (not #)");
  expect(refusal("cron(0 18 20-10 * ? *)")).toBe("day-of-month range '20-10' ends before it starts");
  expect(refusal("cron(0/0 18 ? * MON *)")).toBe("minutes '0/0': a step is at least 1");
  expect(refusal("cron(0,,5 18 ? * MON *)")).toBe("minutes '0,,5' has an empty list item");
});

test("what AWS's examples write is accepted", () => {
  for (const e of [
    "cron(0 10 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0/10 * ? * MON-FRI *)",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "cron(0 9 ? * 2#1 *)",
    "cron(30 8 L * ? *)",
    "cron(0 12 15W JAN-MAR ? 2027-2030)",
    "cron(0 20 ? * 6L *)",
  ])
    expect({ e, r: refusal(e) }).toEqual({ e, r: "accepted" });
});

test("days: 1 is Sunday, # is the n-th weekday, L the last day, nL the last weekday n, nW the nearest weekday, LW the last weekday", () => {
  // December 2027 starts on a Wednesday and has 31 days.
  expect(daysOf("cron(0 9 ? * 1 *)", 2027, 12)).toEqual([5, 12, 19, 26]);
  expect(daysOf("cron(0 9 ? * MON#1 *)", 2027, 12)).toEqual([6]);
  expect(daysOf("cron(0 9 ? * 2#1,FRI *)", 2027, 12)).toEqual([3, 6, 10, 17, 24, 31]);
  expect(daysOf("cron(0 9 L * ? *)", 2028, 2)).toEqual([29]);
  expect(daysOf("cron(0 9 ? * 6L *)", 2027, 12)).toEqual([31]);
  expect(daysOf("cron(0 9 LW * ? *)", 2027, 10)).toEqual([29]); // 31 October 2027 is a Sunday
  expect(daysOf("cron(0 9 11W * ? *)", 2027, 12)).toEqual([10]); // Saturday the 11th -> Friday
  expect(daysOf("cron(0 9 1W * ? *)", 2028, 1)).toEqual([3]); // Saturday the 1st -> Monday the 3rd, not the month before
  expect(daysOf("cron(0 9 1 * ? 2028)", 2027, 12)).toEqual([]);
  expect(cronMinutesOfDay(parseSchedulerCron("cron(0/20 8,17 ? * MON *)"))).toEqual([480, 500, 520, 1020, 1040, 1060]);
});

test("a cron window's month: each start runs the channel until the next stop, averaged over the months it runs in", () => {
  // The first Monday of every month, 08:55-12:00.
  expect(cronWindowMonth("cron(55 8 ? * MON#1 *)", "cron(0 12 ? * MON#1 *)")).toEqual({ hours: 185 / 60, starts: 1, activeMonths: 48 });
  // Friday 22:00 to Saturday 02:00 crosses midnight: four hours a week.
  const overnight = cronWindowMonth("cron(0 22 ? * FRI *)", "cron(0 2 ? * SAT *)");
  expect(overnight.hours / overnight.starts).toBe(4);
  // A start while running and a stop while stopped change nothing: starts every 15 min from 09:00, one stop at 10:00.
  expect(cronWindowMonth("cron(0/15 9 1 * ? *)", "cron(0 10 1 * ? *)")).toEqual({ hours: 1, starts: 1, activeMonths: 48 });
  // Limited to one year: averaged over its twelve months; a year outside the reference years gives nothing.
  expect(cronWindowMonth("cron(0 9 1 * ? 2028)", "cron(0 11 1 * ? 2028)")).toEqual({ hours: 2, starts: 1, activeMonths: 12 });
  expect(cronWindowMonth("cron(0 9 1 * ? 2040)", "cron(0 11 1 * ? 2040)")).toEqual({ hours: 0, starts: 0, activeMonths: 0 });
});
