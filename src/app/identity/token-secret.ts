import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'cf_';
/** 32 random bytes are 43 base64url characters. */
const TOKEN_PATTERN = /^cf_[A-Za-z0-9_-]{43}$/;

/** A new API token: `cf_` followed by 32 random bytes in base64url. The prefix makes leaked tokens easy to grep for. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored instead of the token. Tokens carry 256 bits of entropy, so an unsalted fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
