/** Before/after comparison of an audit entry's data, one row per changed (or kept) field path. */

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  /** Dotted path of the field, e.g. `data.satisfaction` or `lines.0.amountFen`. */
  path: string;
  kind: ChangeKind;
  before: unknown;
  after: unknown;
}

const MAX_DEPTH = 6;

/** Flattens nested objects and arrays to leaf paths; empty objects and arrays are leaves themselves. */
export function flatten(value: unknown, prefix = '', depth = 0, into = new Map<string, unknown>()): Map<string, unknown> {
  const isContainer = value !== null && typeof value === 'object' && !(value instanceof Date);
  const entries = isContainer ? Object.entries(value as Record<string, unknown>) : [];
  if (!isContainer || entries.length === 0 || depth >= MAX_DEPTH) {
    if (prefix) into.set(prefix, value);
    return into;
  }
  for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, depth + 1, into);
  return into;
}

/**
 * The fields an entry changed. Changed, added and removed rows come first in path order; unchanged rows are
 * returned only when asked (the timeline hides them by default).
 */
export function diffData(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  options: { includeUnchanged?: boolean } = {},
): DiffRow[] {
  const old = flatten(before ?? {});
  const now = flatten(after ?? {});
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort(comparePaths);
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const hadIt = old.has(path);
    const hasIt = now.has(path);
    const kind: ChangeKind = !hadIt ? 'added' : !hasIt ? 'removed' : sameValue(old.get(path), now.get(path)) ? 'unchanged' : 'changed';
    if (kind === 'unchanged' && !options.includeUnchanged) continue;
    rows.push({ path, kind, before: old.get(path), after: now.get(path) });
  }
  return rows;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Numeric segments sort as numbers so that `lines.10` follows `lines.9`. */
function comparePaths(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] === right[i]) continue;
    const numeric = /^\d+$/.test(left[i]) && /^\d+$/.test(right[i]);
    return numeric ? Number(left[i]) - Number(right[i]) : left[i].localeCompare(right[i]);
  }
  return left.length - right.length;
}
