import { ValidationError } from '../../domain/errors';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { UserPreferenceRow } from '../../persistence/entities/staff';
import { Actor } from '../actor';

export interface Preferences {
  /** The console's saved inbox filters; the console decides their fields. */
  inboxFilters: Record<string, unknown>;
}

/** Saved filters are small: a few named filter sets, not data. */
export const MAX_INBOX_FILTERS_BYTES = 8 * 1024;
const MAX_DEPTH = 6;

export async function getPreferences(db: Database, actor: Actor): Promise<Preferences> {
  const row = await db.read((manager) => manager.findOneBy(UserPreferenceRow, { userId: actor.userId }));
  return { inboxFilters: row ? JSON.parse(row.inboxFilters) : {} };
}

export async function savePreferences(db: Database, clock: Clock, actor: Actor, input: Preferences): Promise<Preferences> {
  const json = JSON.stringify(input.inboxFilters);
  const problems: string[] = [];
  if (Buffer.byteLength(json, 'utf8') > MAX_INBOX_FILTERS_BYTES) problems.push(`must be at most ${MAX_INBOX_FILTERS_BYTES} bytes as JSON`);
  if (depthOf(input.inboxFilters) > MAX_DEPTH) problems.push(`must nest at most ${MAX_DEPTH} levels`);
  if (problems.length > 0) throw new ValidationError('The preferences are invalid', [{ field: 'inboxFilters', messages: problems }]);
  await db.transaction((manager) => manager.save(UserPreferenceRow, { userId: actor.userId, inboxFilters: json, updatedAt: clock.now() }));
  return { inboxFilters: JSON.parse(json) };
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(depthOf)));
}
