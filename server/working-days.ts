/** Review due dates: a number of working days (Monday to Friday) later, in the reviewers' time zone. */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const REVIEW_WORKING_DAYS = 3;

/**
 * `days` working days after `from`, at the same local time of day in `timeZone`. Weekend
 * days are skipped, so a submission on Friday 10:00 is due Wednesday 10:00.
 */
export function addWorkingDays(from: Date, days: number, timeZone: string): Date {
  const local = localParts(from, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return fromLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), local.hour, local.minute, local.second, timeZone);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The instant whose local time in `timeZone` is the one given (DST gaps resolve forward). */
function fromLocal(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = wanted;
  for (let round = 0; round < 2; round++) {
    const seen = localParts(new Date(guess), timeZone);
    guess += wanted - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
  }
  return new Date(guess);
}
