/**
 * Hours a month a channel runs under cron windows (a Scheduler cron start and a cron stop), for the estimate:
 * both expressions are played over the reference years, minute of the local day by minute, and each start runs
 * the channel until the next stop (a start while it runs and a stop while it is stopped do nothing, as MediaLive
 * refuses them). Wall-clock minutes: a daylight-saving change moves a window's length by at most an hour twice a year.
 */
import { cronMatchesDay, cronMinutesOfDay, parseSchedulerCron } from "../core/scheduler-cron";

/** The years the windows are played over: four years from the next, a leap year among them, so weekly patterns average out. */
export const CRON_REFERENCE_YEARS = [2027, 2028, 2029, 2030];

export interface CronWindowMonth {
  /** Channel hours in an average month the window fires in. */
  hours: number;
  /** Channel starts in such a month. */
  starts: number;
  /** Months of the reference years it fires in (0: never, e.g. a year outside them). */
  activeMonths: number;
}

export function cronWindowMonth(startExpression: string, stopExpression: string, years: number[] = CRON_REFERENCE_YEARS): CronWindowMonth {
  const start = parseSchedulerCron(startExpression);
  const stop = parseSchedulerCron(stopExpression);
  const startMinutes = cronMinutesOfDay(start);
  const stopMinutes = cronMinutesOfDay(stop);
  let runningSince: number | undefined;
  let minutes = 0;
  let starts = 0;
  const months = new Set<string>();
  let dayIndex = 0;
  for (const y of years)
    for (let m = 1; m <= 12; m++) {
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let d = 1; d <= days; d++, dayIndex++) {
        const base = dayIndex * 1440;
        const starting = cronMatchesDay(start, y, m, d) ? startMinutes : [];
        const stopping = cronMatchesDay(stop, y, m, d) ? stopMinutes : [];
        let i = 0,
          j = 0;
        // Merge the day's start and stop minutes in time order; at the same minute the stop comes first.
        while (i < starting.length || j < stopping.length) {
          if (j < stopping.length && (i >= starting.length || stopping[j] <= starting[i])) {
            if (runningSince !== undefined) {
              minutes += base + stopping[j] - runningSince;
              runningSince = undefined;
            }
            j++;
          } else {
            if (runningSince === undefined) {
              runningSince = base + starting[i];
              starts++;
              months.add(`${y}-${m}`);
            }
            i++;
          }
        }
      }
    }
  const activeMonths = months.size;
  if (!activeMonths) return { hours: 0, starts: 0, activeMonths };
  return { hours: minutes / 60 / activeMonths, starts: starts / activeMonths, activeMonths };
}
