import { EntityManager } from 'typeorm';
import { Database } from '../../persistence/database';
import { readIdentityGeneration } from '../../persistence/repositories/identity-generation';

/**
 * Authenticated callers kept in-process, so that a request usually costs no SQL at all instead of re-reading
 * token, user, groups and department. An entry is used only while the identity generation is the one it was read
 * at (every revocation, membership or head change and ended session moves it, in whichever process or CLI made
 * it) and for at most `ttlMs`, which bounds how long a change made behind the application's back (a hand-edited
 * row) can go unnoticed.
 */
export class IdentityCache<V> {
  private readonly entries = new Map<string, { value: V; generation: number; cachedAt: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number) {}

  get(key: string, generation: number, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== generation || now - entry.cachedAt >= this.ttlMs || now < entry.cachedAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, generation: number, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, generation, cachedAt: now });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export const IDENTITY_CACHE_TTL_MS = 10_000;
/**
 * How long a process trusts the identity generation it last read. A change this process commits takes effect on
 * its next request; one made by another server process or the users CLI, within this long.
 */
export const IDENTITY_RECHECK_MS = 1_000;
const MAX_ENTRIES = 10_000;
const MAX_RECIPIENT_LISTS = 1_000;

/**
 * The authentication caches of one database, the recipients of notifications (who is in a group, who heads a
 * department), and the identity generation they are checked against.
 */
export class IdentityCaches {
  readonly tokens = new IdentityCache<unknown>(IDENTITY_CACHE_TTL_MS, MAX_ENTRIES);
  readonly sessions = new IdentityCache<unknown>(IDENTITY_CACHE_TTL_MS, MAX_ENTRIES);
  readonly recipients = new IdentityCache<ReadonlyArray<{ id: string; username: string }>>(IDENTITY_CACHE_TTL_MS, MAX_RECIPIENT_LISTS);
  private known: { generation: number; readAt: number } | null = null;
  private changes = 0;

  /** The identity generation, read from the database only when the last reading is older than IDENTITY_RECHECK_MS. */
  async generation(manager: EntityManager, now: number): Promise<number> {
    const known = this.known;
    if (known && now >= known.readAt && now - known.readAt < IDENTITY_RECHECK_MS) return known.generation;
    const changesBefore = this.changes;
    const generation = await readIdentityGeneration(manager);
    // A reading that started before this process committed a change may predate it: it is used once, not kept.
    if (changesBefore === this.changes) this.known = { generation, readAt: now };
    return generation;
  }

  /**
   * This process committed a change to tokens, users, memberships, heads or sessions: the next request reads the
   * generation again, and an entry cached before the change no longer matches it.
   */
  changed(): void {
    this.changes++;
    this.known = null;
  }
}

const caches = new WeakMap<Database, IdentityCaches>();

/** The caches of one database (one per Database object, so that tests on separate databases never share). */
export function identityCachesOf(db: Database): IdentityCaches {
  let found = caches.get(db);
  if (!found) {
    found = new IdentityCaches();
    caches.set(db, found);
  }
  return found;
}

/**
 * A transaction that changes identities (it moves the identity generation): once it has committed, this process
 * reads the generation again, so the change applies to its very next request.
 */
export async function identityTransaction<T>(db: Database, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } finally {
    identityCachesOf(db).changed();
  }
}
