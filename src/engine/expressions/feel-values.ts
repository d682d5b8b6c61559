import { isPrototypeKey } from './forbidden-names';

const MAX_DEPTH = 64;

/** The parts of luxon's DateTime/Duration (what feelin computes with) that are needed to hand results back. */
interface FeelDateTime {
  isLuxonDateTime: true;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: number;
  zone: { type: string };
  toISODate(): string | null;
  toISOTime(): string | null;
  toJSDate(): Date;
}

interface FeelDuration {
  isLuxonDuration: true;
  toISO(): string | null;
}

function isFeelDateTime(value: unknown): value is FeelDateTime {
  return typeof value === 'object' && value !== null && (value as Partial<FeelDateTime>).isLuxonDateTime === true;
}

function isFeelDuration(value: unknown): value is FeelDuration {
  return typeof value === 'object' && value !== null && (value as Partial<FeelDuration>).isLuxonDuration === true;
}

/**
 * Copies caller data into the shape FEEL works on — JSON-like values in plain objects — so that what an expression sees
 * does not depend on whether the instance was just created (Dates, Maps) or reloaded from the database (strings).
 * Functions and prototype keys are dropped; dates become ISO strings, exactly as they are after a reload.
 */
export function toFeelValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (isFeelDateTime(value) || isFeelDuration(value)) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH || seen.has(value)) return null;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((element) => toFeelValue(element, depth + 1, seen) ?? null);
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const context: Record<string, unknown> = {};
    for (const [key, entry] of entries) {
      if (typeof key !== 'string' || isPrototypeKey(key)) continue;
      const converted = toFeelValue(entry, depth + 1, seen);
      if (converted !== undefined) context[key] = converted;
    }
    return context;
  } finally {
    seen.delete(value);
  }
}

/**
 * Turns a FEEL result into plain data the engine and the database understand: date-and-time → Date, date → "YYYY-MM-DD",
 * time → "HH:mm:ss…", duration → ISO-8601 string (timers pass it straight to the duration parser).
 */
export function fromFeelValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') {
    if (typeof value === 'function') throw new TypeError('the expression evaluates to a function');
    return value;
  }
  if (isFeelDateTime(value)) return fromFeelDateTime(value);
  if (isFeelDuration(value)) return value.toISO();
  if (Array.isArray(value)) return value.map(fromFeelValue);
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    throw new TypeError('the expression evaluates to a FEEL range or function, which is not data');
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fromFeelValue(entry)]));
}

/** Mirrors feelin's own typing: times live on 1900-01-01, dates are midnight in the fixed UTC zone. */
function fromFeelDateTime(value: FeelDateTime): unknown {
  if (value.year === 1900 && value.month === 1 && value.day === 1) return value.toISOTime();
  const isMidnight = value.hour === 0 && value.minute === 0 && value.second === 0 && value.millisecond === 0;
  const isFixedUtc = value.zone.type === 'fixed' && value.offset === 0;
  return isMidnight && isFixedUtc ? value.toISODate() : value.toJSDate();
}
