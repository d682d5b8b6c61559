import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { ApiTokenRow, UserRow } from '../../persistence/entities/identity';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { identityTransaction } from './identity-cache';
import { generateToken, hashToken } from './token-secret';

export interface TokenInfo {
  id: string;
  username: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A freshly issued token. `token` is the only copy of the plaintext: it cannot be recovered later. */
export interface IssuedToken {
  id: string;
  username: string;
  label: string | null;
  token: string;
}

export async function issueToken(db: Database, input: { username: string; label?: string | null }): Promise<IssuedToken> {
  return db.transaction(async (manager) => {
    const repo = new IdentityRepository(manager);
    const user = await repo.userByUsername(input.username.trim());
    if (!user) throw new NotFoundError(`No user ${input.username}`, 'user_not_found');
    return addToken(repo, user, input.label ?? null);
  });
}

/** Revokes the token; revoking a revoked token again changes nothing. */
export async function revokeToken(db: Database, tokenId: string): Promise<TokenInfo> {
  return identityTransaction(db, async (manager) => {
    const repo = new IdentityRepository(manager);
    const token = await repo.tokenById(tokenId.trim());
    if (!token) throw new NotFoundError(`No token ${tokenId}`, 'token_not_found');
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await repo.revokeToken(token.id, token.revokedAt);
    }
    const user = await repo.userById(token.userId);
    return toTokenInfo(token, user?.username ?? '?');
  });
}

/** Tokens (never their plaintext) of one user, or of everyone when no username is given. */
export async function listTokens(db: Database, username?: string): Promise<TokenInfo[]> {
  return db.read(async (manager) => {
    const repo = new IdentityRepository(manager);
    const users = await repo.listUsers();
    const usernames = new Map(users.map((user) => [user.id, user.username]));
    let tokens: ApiTokenRow[];
    if (username !== undefined) {
      const user = users.find((u) => u.username === username.trim());
      if (!user) throw new NotFoundError(`No user ${username}`, 'user_not_found');
      tokens = await repo.tokensOfUser(user.id);
    } else {
      tokens = await repo.listTokens();
    }
    return tokens.map((token) => toTokenInfo(token, usernames.get(token.userId) ?? '?'));
  });
}

/** The body of issueToken, for callers that already run inside a transaction. */
export async function addToken(repo: IdentityRepository, user: UserRow, label: string | null): Promise<IssuedToken> {
  const trimmedLabel = label?.trim() || null;
  if (trimmedLabel && trimmedLabel.length > 100) {
    throw new ValidationError('The token is invalid', [{ field: 'label', messages: ['label must be at most 100 characters'] }]);
  }
  const token = generateToken();
  const row = Object.assign(new ApiTokenRow(), {
    id: randomUUID(), userId: user.id, tokenHash: hashToken(token), label: trimmedLabel,
    createdAt: new Date(), lastUsedAt: null, revokedAt: null,
  });
  await repo.insertToken(row);
  return { id: row.id, username: user.username, label: row.label, token };
}

function toTokenInfo(row: ApiTokenRow, username: string): TokenInfo {
  return { id: row.id, username, label: row.label, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}
