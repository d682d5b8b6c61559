import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, Policy, WorkCalendar } from '../../src/domain';

/** An instant given as Shanghai wall-clock time: sh('2026-09-30 16:00'). */
export function sh(wallClock: string): Date {
  const date = new Date(`${wallClock.replace(' ', 'T')}+08:00`);
  if (Number.isNaN(date.getTime())) throw new Error(`bad test time ${wallClock}`);
  return date;
}

/** Formats an instant as Shanghai wall-clock time, the way a user would read it. */
export function showSh(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 60 * 60 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

export function rawShippedPolicy(): unknown {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'policy.json'), 'utf8'));
}

export function shippedPolicy(): Policy {
  return parsePolicy(rawShippedPolicy());
}

export const officialCalendar = (): WorkCalendar => new WorkCalendar({ extraHolidays: [], extraWorkdays: [] });
