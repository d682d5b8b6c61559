import { DAY_MS, WorkCalendar } from './calendar';
import type { Kind, Level, Severity } from './complaint';
import type { Policy, TimeLimit } from './policy';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * When a time limit started at `from` runs out. Minutes and hours run round the clock (the hotline is
 * 7×24), calendar days keep the Shanghai wall-clock time, working days follow WorkCalendar.addWorkingDays.
 */
export function deadline(limit: TimeLimit, from: Date, calendar: WorkCalendar): Date {
  switch (limit.unit) {
    case 'minutes':
      return new Date(from.getTime() + limit.amount * MINUTE_MS);
    case 'hours':
      return new Date(from.getTime() + limit.amount * HOUR_MS);
    case 'calendarDays':
      return calendar.addCalendarDays(from, limit.amount);
    case 'workingDays':
      return calendar.addWorkingDays(from, limit.amount);
  }
}

export interface DeadlineInput {
  severity: Severity;
  kind: Kind;
  /** Direct (越级) complaints use `timeLimits.directBySeverity` (002 四(二)); default normal. */
  level?: Level;
  receivedAt: Date;
  /** An approved special case (002 四 特殊情况): resolution may take up to the special cap. */
  special?: boolean;
  /** When the responsible department received the registration form; starts the CAPA record clock (003 4.2.2). */
  dispatchedAt?: Date;
  /** When the complaint was closed; starts the callback clock (000 4.5.2). */
  closedAt?: Date;
}

export interface Deadlines {
  responseDueAt: Date;
  resolutionDueAt: Date;
  /** Only when `dispatchedAt` was given. */
  capaDueAt?: Date;
  /** Only when `closedAt` was given. */
  callbackDueAt?: Date;
}

/**
 * The deadlines of one complaint, suggestion or inquiry:
 * - complaint: the severity's limits, resolution capped by `resolutionCap.standard` (3 working days),
 *   or exactly `resolutionCap.special` (7 working days) for an approved special case;
 * - suggestion: the severity's limits (000 表4-1: 5 working days for 建议), not capped (the customer is promised a
 *   reply date, 002 三(二)); capped like a complaint (002 四(一): 3 working days) with readings.suggestionResolution = complaintCap;
 * - inquiry: answered within `inquiryAnswer` (24 h); the first response is due by the severity's
 *   response limit or the answer deadline, whichever comes first.
 */
export function computeDeadlines(policy: Policy, calendar: WorkCalendar, input: DeadlineInput): Deadlines {
  const limits = policy.timeLimits;
  const bySeverity = (input.level === 'direct' ? limits.directBySeverity : limits.bySeverity)[input.severity];
  const severityResponse = deadline(bySeverity.response, input.receivedAt, calendar);
  let responseDueAt = severityResponse;
  let resolutionDueAt: Date;

  if (input.kind === 'inquiry') {
    resolutionDueAt = deadline(limits.inquiryAnswer, input.receivedAt, calendar);
    responseDueAt = earliest(severityResponse, resolutionDueAt);
  } else if ((input.kind === 'complaint' || (input.kind === 'suggestion' && policy.readings?.suggestionResolution === 'complaintCap'))
    && limits.resolutionCap) {
    resolutionDueAt = input.special
      ? deadline(limits.resolutionCap.special, input.receivedAt, calendar)
      : earliest(deadline(bySeverity.resolution, input.receivedAt, calendar), deadline(limits.resolutionCap.standard, input.receivedAt, calendar));
  } else {
    resolutionDueAt = deadline(bySeverity.resolution, input.receivedAt, calendar);
  }

  const deadlines: Deadlines = { responseDueAt, resolutionDueAt };
  if (input.dispatchedAt) deadlines.capaDueAt = capaDueAt(policy, calendar, input.dispatchedAt);
  if (input.closedAt) deadlines.callbackDueAt = callbackDueAt(policy, calendar, input.closedAt);
  return deadlines;
}

/** Corrective and preventive action record (纠正和预防措施记录表), non-working days included (003 4.2.2). */
export function capaDueAt(policy: Policy, calendar: WorkCalendar, dispatchedAt: Date): Date {
  return deadline(policy.timeLimits.capaRecord, dispatchedAt, calendar);
}

/** Callback (回访) after closure (000 4.5.2). */
export function callbackDueAt(policy: Policy, calendar: WorkCalendar, closedAt: Date): Date {
  return deadline(policy.timeLimits.callback, closedAt, calendar);
}

/** Latest time to tell the service desk about a failure of a staffed system (003 4.3.2 e). */
export function outageNoticeDueAt(policy: Policy, calendar: WorkCalendar, failedAt: Date): Date {
  return deadline(policy.timeLimits.outageNotice, failedAt, calendar);
}

/**
 * Days late for "每超期1天" fines, non-working days included. With `startedDay` (default) every started day after the
 * deadline counts: 0 when done on or before `dueAt`; 1 minute to 24 h late → 1; 24 h + 1 minute → 2. With
 * `completedDays` only full days count: 23 h late → 0, 24 h → 1, 47 h → 1 (policy readings.overdueDays).
 * A day is a Shanghai calendar day (same wall-clock time the next day).
 */
export function overdueDays(dueAt: Date, doneAt: Date, calendar: WorkCalendar, counting: 'startedDay' | 'completedDays' = 'startedDay'): number {
  if (doneAt.getTime() <= dueAt.getTime()) return 0;
  if (counting === 'completedDays') {
    let full = Math.max(0, Math.floor((doneAt.getTime() - dueAt.getTime()) / DAY_MS) - 1);
    while (calendar.addCalendarDays(dueAt, full + 1).getTime() <= doneAt.getTime()) full += 1;
    return full;
  }
  let days = Math.max(1, Math.ceil((doneAt.getTime() - dueAt.getTime()) / DAY_MS));
  while (calendar.addCalendarDays(dueAt, days).getTime() < doneAt.getTime()) days += 1;
  while (days > 1 && calendar.addCalendarDays(dueAt, days - 1).getTime() >= doneAt.getTime()) days -= 1;
  return days;
}

/** Milliseconds until `dueAt`; negative once overdue. */
export function timeLeft(dueAt: Date, now: Date): number {
  return dueAt.getTime() - now.getTime();
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
