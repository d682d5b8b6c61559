import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { SHANGHAI } from '../../domain';

dayjs.extend(utc);
dayjs.extend(timezone);

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar month in Asia/Shanghai: [from, to) as instants. */
export interface ReportMonth {
  key: string;
  from: Date;
  to: Date;
}

export function reportMonth(key: string): ReportMonth {
  if (!MONTH_PATTERN.test(key)) throw new Error(`Not a month: ${key}`);
  const start = dayjs.tz(`${key}-01 00:00:00`, SHANGHAI);
  return { key, from: start.toDate(), to: start.add(1, 'month').toDate() };
}

/** The `count` months before `key`, nearest first: 2026-11 → 2026-10, 2026-09, 2026-08. */
export function previousMonths(key: string, count: number): ReportMonth[] {
  const start = dayjs.tz(`${key}-01 00:00:00`, SHANGHAI);
  return Array.from({ length: count }, (_, i) => reportMonth(start.subtract(i + 1, 'month').format('YYYY-MM')));
}

export function monthOf(instant: Date): string {
  return dayjs(instant).tz(SHANGHAI).format('YYYY-MM');
}
