import { UnauthorizedError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { loadSignedInUser, SignedInUser } from './signed-in-user';
import { hashToken, looksLikeToken } from './token-secret';

/**
 * last_used_at is only refreshed when older than this, so that authenticating a request is a read in the
 * common case (a write per request would serialise every request on SQLite).
 */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves an API token to its actor. Unknown or revoked tokens and deactivated users get a 401. */
export async function authenticate(db: Database, token: string): Promise<SignedInUser> {
  const rejected = () => new UnauthorizedError('The token is unknown or revoked', 'invalid_token');
  if (!looksLikeToken(token)) throw rejected();

  const found = await db.read(async (manager) => {
    const repo = new IdentityRepository(manager);
    const tokenRow = await repo.tokenByHash(hashToken(token));
    if (!tokenRow || tokenRow.revokedAt) return null;
    const actor = await loadSignedInUser(repo, tokenRow.userId);
    if (!actor) return null;
    return { actor, tokenId: tokenRow.id, lastUsedAt: tokenRow.lastUsedAt };
  });
  if (!found) throw rejected();

  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.transaction((manager) => new IdentityRepository(manager).markTokenUsed(found.tokenId, now));
  }
  return found.actor;
}
