import type { Query } from '../shared/api/client';

/** The inbox filters a user keeps between visits (saved as `inboxFilters` of /me/preferences). */
export interface InboxFilters {
  group?: string;
  severity?: string;
  department?: string;
  process?: string;
  overdue?: boolean;
  /** Due within this many minutes (and not yet overdue). */
  dueWithinMinutes?: number;
  mine?: boolean;
}

const KEYS = ['group', 'severity', 'department', 'process', 'overdue', 'dueWithinMinutes', 'mine'] as const;

/** Keeps only known, well-typed filters (preferences may come from an older console). */
export function sanitiseFilters(raw: unknown): InboxFilters {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const filters: InboxFilters = {};
  for (const key of ['group', 'severity', 'department', 'process'] as const) {
    if (typeof source[key] === 'string' && source[key] !== '') filters[key] = source[key] as string;
  }
  if (source.overdue === true) filters.overdue = true;
  if (source.mine === true) filters.mine = true;
  if (typeof source.dueWithinMinutes === 'number' && source.dueWithinMinutes > 0) filters.dueWithinMinutes = source.dueWithinMinutes;
  return filters;
}

/** The GET /tasks query of a filter set. */
export function filterQuery(filters: InboxFilters): Query {
  const query: Query = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== false && value !== '') query[key] = value;
  }
  return query;
}
