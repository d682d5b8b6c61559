/**
 * The span of dates the application accepts from people: complaint handling happens now, give or take a few
 * decades. A date outside it (year 9999, year 1) is a typing mistake or a probe, and would poison deadlines,
 * sorting and the monthly statistics.
 */
export const EARLIEST_ACCEPTED = new Date('2000-01-01T00:00:00Z');
export const LATEST_ACCEPTED = new Date('2100-01-01T00:00:00Z');

export function isWithinAcceptedSpan(date: Date): boolean {
  const time = date.getTime();
  return !Number.isNaN(time) && time >= EARLIEST_ACCEPTED.getTime() && time < LATEST_ACCEPTED.getTime();
}

export const ACCEPTED_SPAN_TEXT = 'between 2000-01-01 and 2099-12-31';
