import { UnauthorizedError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { Actor } from '../actor';
import { hashToken, looksLikeToken } from './token-secret';

/**
 * last_used_at is only refreshed when older than this, so that authenticating a request is a read in the
 * common case (a write per request would serialise every request on SQLite).
 */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves an API token to its actor. Unknown or revoked tokens and deactivated users get a 401. */
export async function authenticate(db: Database, token: string): Promise<Actor> {
  const rejected = () => new UnauthorizedError('The token is unknown or revoked', 'invalid_token');
  if (!looksLikeToken(token)) throw rejected();

  const found = await db.read(async (manager) => {
    const repo = new IdentityRepository(manager);
    const tokenRow = await repo.tokenByHash(hashToken(token));
    if (!tokenRow || tokenRow.revokedAt) return null;
    const user = await repo.userById(tokenRow.userId);
    if (!user || !user.active) return null;
    const [department, memberships, headsDepartments] = await Promise.all([
      repo.departmentById(user.departmentId), repo.membershipsOf(user.id), repo.headedDepartmentsOf(user.id),
    ]);
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      departmentId: user.departmentId,
      departmentCode: department?.code ?? '',
      groups: memberships.map((m) => m.groupId),
      headOf: memberships.filter((m) => m.isHead).map((m) => m.groupId),
      headsDepartments,
    };
    return { actor, tokenId: tokenRow.id, lastUsedAt: tokenRow.lastUsedAt };
  });
  if (!found) throw rejected();

  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.transaction((manager) => new IdentityRepository(manager).markTokenUsed(found.tokenId, now));
  }
  return found.actor;
}
