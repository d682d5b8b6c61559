import { Database } from '../../persistence/database';

/**
 * Authenticated callers kept in-process, so that a request costs one read of the identity generation instead
 * of re-reading token, user, groups and department. An entry is used only while the identity generation is the
 * one it was read at (every revocation, membership or head change and ended session moves it, in whichever
 * process or CLI made it) and for at most `ttlMs`, which bounds how long a change made behind the application's
 * back (a hand-edited row) can go unnoticed.
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
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<Database, { tokens: IdentityCache<unknown>; sessions: IdentityCache<unknown> }>();

/** The caches of one database (one per Database object, so that tests on separate databases never share). */
export function identityCachesOf(db: Database): { tokens: IdentityCache<unknown>; sessions: IdentityCache<unknown> } {
  let found = caches.get(db);
  if (!found) {
    found = { tokens: new IdentityCache(IDENTITY_CACHE_TTL_MS, MAX_ENTRIES), sessions: new IdentityCache(IDENTITY_CACHE_TTL_MS, MAX_ENTRIES) };
    caches.set(db, found);
  }
  return found;
}
