import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import officialDays from 'chinese-days/dist/chinese-days.json';
import { FieldError, ValidationError } from './errors';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI = 'Asia/Shanghai';
export const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so instants convert by a fixed offset:
 * the time-zone database (dayjs.tz, which goes through Intl) gives the same answers at many times the cost, and
 * every SLA deadline walks the calendar day by day.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The official arrangement shipped by chinese-days, keyed by 'YYYY-MM-DD'. We read its published JSON
 * rather than calling isWorkday(): the package builds its tables with the process's local time, so on
 * a server west of UTC every date is off by one day.
 */
const OFFICIAL_HOLIDAYS: Readonly<Record<string, string>> = officialDays.holidays;
const OFFICIAL_WORKDAYS: Readonly<Record<string, string>> = officialDays.workdays;
const OFFICIAL_YEARS: ReadonlySet<number> = new Set(Object.keys(OFFICIAL_HOLIDAYS).map((day) => Number(day.slice(0, 4))));

/** Dates (YYYY-MM-DD, Shanghai) the chinese-days data does not know about; they win over it. */
export interface CalendarOverrides {
  extraHolidays: string[];
  extraWorkdays: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value;
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(date: Date): string {
  return shanghaiWallClock(date).slice(0, 10);
}

/** 'YYYY-MM-DDTHH:mm:ss.SSS' in Shanghai. */
function shanghaiWallClock(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}

/** Returns the problems with an overrides object, `prefix` naming where it sits (e.g. "calendar"). */
export function checkCalendarOverrides(value: unknown, prefix = 'calendar'): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: prefix, messages: ['must be an object with extraHolidays and extraWorkdays'] }];
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'extraHolidays' && key !== 'extraWorkdays') {
      errors.push({ field: `${prefix}.${key}`, messages: ['is not a known setting'] });
    }
  }
  const seen = new Map<string, string>();
  for (const key of ['extraHolidays', 'extraWorkdays'] as const) {
    const list = record[key];
    if (!Array.isArray(list)) {
      errors.push({ field: `${prefix}.${key}`, messages: ['must be a list of YYYY-MM-DD dates'] });
      continue;
    }
    list.forEach((date, i) => {
      const field = `${prefix}.${key}[${i}]`;
      if (!isIsoDate(date)) errors.push({ field, messages: [`must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}`] });
      else if (seen.has(date)) errors.push({ field, messages: [`${date} is already listed in ${seen.get(date)}`] });
      else seen.set(date, key);
    });
  }
  return errors;
}

/**
 * Working days of mainland China in Asia/Shanghai: Monday–Friday, minus the official holidays,
 * plus the adjusted working weekends (调休), as published by the State Council and shipped in
 * `chinese-days`; `extraHolidays` / `extraWorkdays` override that data.
 *
 * A working day is a whole calendar day (00:00–24:00 Shanghai time): the seeds define no office
 * hours and the hotline runs 7×24.
 */
export class WorkCalendar {
  private readonly extraHolidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;

  constructor(overrides: CalendarOverrides = { extraHolidays: [], extraWorkdays: [] }) {
    const errors = checkCalendarOverrides(overrides);
    if (errors.length > 0) {
      throw new ValidationError(`Invalid calendar overrides: ${errors.map((e) => `${e.field} ${e.messages.join(', ')}`).join('; ')}`, errors);
    }
    this.extraHolidays = new Set(overrides.extraHolidays);
    this.extraWorkdays = new Set(overrides.extraWorkdays);
  }

  /** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
  shanghaiDate(date: Date): string {
    return shanghaiDate(date);
  }

  /** `date` is an instant, or a Shanghai calendar date written 'YYYY-MM-DD'. */
  isWorkingDay(date: Date | string): boolean {
    const day = typeof date === 'string' ? requireIsoDate(date) : this.shanghaiDate(date);
    if (this.extraWorkdays.has(day)) return true;
    if (this.extraHolidays.has(day)) return false;
    if (OFFICIAL_WORKDAYS[day]) return true;
    if (OFFICIAL_HOLIDAYS[day]) return false;
    const weekday = dayjs.utc(day).day();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * Whether the bundled official data covers `year`. When it does not, only weekends count as days
   * off until chinese-days is updated or the year's holidays are added as overrides.
   */
  hasOfficialDataFor(year: number): boolean {
    return OFFICIAL_YEARS.has(year);
  }

  /** The same Shanghai wall-clock time `n` calendar days later (negative n goes back). */
  addCalendarDays(from: Date, n: number): Date {
    requireWholeNumber(n, 'days');
    const { day, time } = this.split(from);
    return atShanghai(shiftDate(day, n), time);
  }

  /**
   * The deadline `n` working days after `from`:
   * - `from` on a working day: the same Shanghai wall-clock time on the n-th following working day
   *   (Friday 16:00 + 1 → Monday 16:00, holidays and 调休 applied);
   * - `from` on a non-working day: the clock starts at 00:00 of the next working day, so the result is
   *   the end (24:00, i.e. 00:00 of the next calendar day) of the n-th working day counting that one
   *   (Saturday 10:00 + 1 → Monday 24:00 = Tuesday 00:00).
   * Either way the complainant gets n full working days. n = 0 returns `from` unchanged.
   */
  addWorkingDays(from: Date, n: number): Date {
    requireWholeNumber(n, 'workingDays');
    if (n < 0) throw new ValidationError(`workingDays must not be negative, got ${n}`, [{ field: 'workingDays', messages: ['must not be negative'] }]);
    if (n === 0) return new Date(from.getTime());
    const { day, time } = this.split(from);
    if (this.isWorkingDay(day)) return atShanghai(this.nthWorkingDayAfter(day, n), time);
    const lastDay = this.nthWorkingDayAfter(day, n);
    return atShanghai(shiftDate(lastDay, 1), '00:00:00.000');
  }

  /**
   * Working days in the half-open range of Shanghai dates [date(a), date(b)); negative when b is
   * before a. It inverts addWorkingDays: workingDaysBetween(t, addWorkingDays(t, n)) === n.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const start = this.shanghaiDate(a);
    const end = this.shanghaiDate(b);
    if (end < start) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = start; day < end; day = shiftDate(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  /** 00:00 Shanghai time of the calendar day containing `date`. */
  startOfShanghaiDay(date: Date): Date {
    return atShanghai(this.shanghaiDate(date), '00:00:00.000');
  }

  private nthWorkingDayAfter(day: string, n: number): string {
    let current = day;
    for (let found = 0; found < n; ) {
      current = shiftDate(current, 1);
      if (this.isWorkingDay(current)) found += 1;
    }
    return current;
  }

  private split(date: Date): { day: string; time: string } {
    const local = shanghaiWallClock(date);
    return { day: local.slice(0, 10), time: local.slice(11) };
  }
}

function requireIsoDate(value: string): string {
  if (!isIsoDate(value)) throw new ValidationError(`date must be YYYY-MM-DD, got ${value}`, [{ field: 'date', messages: ['must be YYYY-MM-DD'] }]);
  return value;
}

function requireWholeNumber(n: number, field: string): void {
  if (!Number.isSafeInteger(n)) throw new ValidationError(`${field} must be a whole number, got ${n}`, [{ field, messages: ['must be a whole number'] }]);
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings, done in UTC so no time zone can shift the date. */
function shiftDate(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

function atShanghai(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T${time}Z`) - SHANGHAI_OFFSET_MS);
}
