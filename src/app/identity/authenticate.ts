import { UnauthorizedError } from '../../domain/errors';
import { Clock, systemClock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { identityCachesOf } from './identity-cache';
import { loadSignedInUser, SignedInUser } from './signed-in-user';
import { hashToken, looksLikeToken } from './token-secret';

/**
 * last_used_at is only refreshed when older than this, so that authenticating a request is a read in the
 * common case (a write per request would serialise every request on SQLite), and then in the background.
 */
const LAST_USED_RESOLUTION_MS = 60_000;

interface TokenHolder { actor: SignedInUser; tokenId: string; lastUsedAt: Date | null }

/**
 * Resolves an API token to its actor. Unknown or revoked tokens and deactivated users get a 401. The answer is
 * cached in-process (see IdentityCaches): a revocation in this process takes effect on the next request, one in
 * another process or the users CLI within IDENTITY_RECHECK_MS.
 */
export async function authenticate(db: Database, token: string, clock: Clock = systemClock): Promise<SignedInUser> {
  const rejected = () => new UnauthorizedError('The token is unknown or revoked', 'invalid_token');
  if (!looksLikeToken(token)) throw rejected();
  const tokenHash = hashToken(token);
  const caches = identityCachesOf(db);
  const cache = caches.tokens;

  const found = await db.read(async (manager) => {
    const now = clock.now().getTime();
    const generation = await caches.generation(manager, now);
    const cached = cache.get(tokenHash, generation, now) as TokenHolder | undefined;
    if (cached) return cached;
    const repo = new IdentityRepository(manager);
    const tokenRow = await repo.tokenByHash(tokenHash);
    if (!tokenRow || tokenRow.revokedAt) return null;
    const actor = await loadSignedInUser(repo, tokenRow.userId);
    if (!actor) return null;
    const holder: TokenHolder = { actor, tokenId: tokenRow.id, lastUsedAt: tokenRow.lastUsedAt };
    cache.set(tokenHash, holder, generation, now);
    return holder;
  });
  if (!found) throw rejected();

  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Recorded after the answer, not before it: on SQLite this write would otherwise wait behind every queued
    // step, and the request it rides on only reads.
    const previous = found.lastUsedAt;
    found.lastUsedAt = now;
    void db.transaction((manager) => new IdentityRepository(manager).markTokenUsed(found.tokenId, now))
      .catch(() => { found.lastUsedAt = previous; });
  }
  return found.actor;
}
