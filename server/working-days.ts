/**
 * Review due dates: a number of working days later, in the reviewers' time zone. Working days
 * are Monday to Friday, less public holidays, plus the make-up working days some regions move
 * onto a weekend (mainland China does, around its Golden Weeks).
 *
 * The calendar is mainland China's by default, from the maintained `chinese-days` package
 * (its dist/chinese-days.json, updated when the State Council publishes the next year's
 * schedule, usually in November: `npm update chinese-days`). `COBRAND_HOLIDAYS` chooses
 * another: a path to a JSON file of the same shape (`{ "holidays": { "YYYY-MM-DD": … },
 * "workdays": { "YYYY-MM-DD": … } }`, or arrays of dates), or `none` for weekends only.
 * docs/review.md says more.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const REVIEW_WORKING_DAYS = 3;

export interface HolidayCalendar {
  /** Weekdays that are not working days (local dates, YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days. */
  workdays: ReadonlySet<string>;
  /** Where it came from, for the start-up log and errors. */
  source: string;
}

/** Reads a calendar as COBRAND_HOLIDAYS names it; throws, naming the setting, when it cannot. */
export function loadHolidayCalendar(setting = process.env.COBRAND_HOLIDAYS ?? ''): HolidayCalendar {
  if (setting === 'none') return { holidays: new Set(), workdays: new Set(), source: 'none (weekends only)' };
  const path = setting === '' || setting === 'cn' ? createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json') : setting;
  let data: { holidays?: unknown; workdays?: unknown };
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as typeof data;
  } catch (error) {
    throw new Error(`COBRAND_HOLIDAYS: cannot read a holiday calendar from ${path}: ${(error as Error).message}`);
  }
  const dates = (value: unknown, key: string): Set<string> => {
    const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.keys(value) : value === undefined ? [] : null;
    if (!list || !list.every((date) => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date))) {
      throw new Error(`COBRAND_HOLIDAYS: ${path}: "${key}" must list dates as YYYY-MM-DD (an array, or an object keyed by date).`);
    }
    return new Set(list as string[]);
  };
  return { holidays: dates(data.holidays, 'holidays'), workdays: dates(data.workdays, 'workdays'), source: setting || 'chinese-days (mainland China)' };
}

/** Loaded once, at start-up, so that a wrong setting stops the service instead of failing a submission. */
export const DEFAULT_CALENDAR = loadHolidayCalendar();

/** Whether the local date is a working day in `calendar`. */
export function isWorkingDay(year: number, month: number, day: number, calendar: HolidayCalendar = DEFAULT_CALENDAR): boolean {
  const key = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (calendar.workdays.has(key)) return true;
  if (calendar.holidays.has(key)) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * `days` working days after `from`, at the same local time of day in `timeZone`. Weekends and
 * holidays are skipped and make-up working days count, so a submission on Friday 10:00 is due
 * Wednesday 10:00, and one on 2026-09-30 (before China's National Day week) on Saturday 2026-10-10.
 */
export function addWorkingDays(from: Date, days: number, timeZone: string, calendar: HolidayCalendar = DEFAULT_CALENDAR): Date {
  const local = localParts(from, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), calendar)) counted++;
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
