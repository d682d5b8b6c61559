import { date } from 'feelin';
import { ExpressionError } from './expression-error';

type FeelFunction = ((...args: unknown[]) => unknown) & { $args: string[] };

/**
 * FEEL's `now()` and `today()` answered from the caller's clock (the `now` context entry) instead of the system time,
 * so timers and deadlines can be tested with a manual clock. Without a clock they fail rather than silently fall back.
 * Like feelin's own, `today()` is the calendar day in the server's time zone.
 */
export function clockFunctions(now: unknown, source: string): { now: FeelFunction; today: FeelFunction } {
  const instant = toInstant(now);
  const currentDateTime = (): unknown => {
    if (!instant) throw new ExpressionError(source, 'now() and today() need a "now" value in the expression context');
    // feelin's own now() is in the local zone; a UTC midnight instant would otherwise be typed as a plain date.
    return date(instant.toISOString()).toLocal();
  };
  return {
    now: feelFunction(() => currentDateTime()),
    today: feelFunction(() => date((currentDateTime() as { toISODate(): string }).toISODate())),
  };
}

function feelFunction(body: () => unknown): FeelFunction {
  return Object.assign(body, { $args: [] as string[] });
}

function toInstant(now: unknown): Date | undefined {
  if (now instanceof Date) return Number.isNaN(now.getTime()) ? undefined : now;
  if (typeof now === 'string' || typeof now === 'number') return toInstant(new Date(now));
  return undefined;
}
