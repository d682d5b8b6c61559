import type { RequestHandler } from 'express';
import { Actor, isInAnyGroup } from '../app/actor';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import './request-context';

/** Resolves a bearer token to the actor it belongs to; rejects with UnauthorizedError. */
export type Authenticator = (token: string) => Promise<Actor>;

export const AUTH_REALM = 'complaint-flow';

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new UnauthorizedError('Send an API token as "Authorization: Bearer <token>"', 'unauthorized');
  return match[1];
}

/** Puts the caller's Actor on `req.actor`, or fails with 401. Whatever it answers is never cached. */
export function authenticateRequest(authenticate: Authenticator): RequestHandler {
  return async (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    req.actor = await authenticate(bearerToken(req.headers.authorization));
    next();
  };
}

/** Lets the request through when the actor belongs to at least one of the groups, else 403. */
export function requireAnyGroup(groups: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) throw new UnauthorizedError();
    if (!isInAnyGroup(req.actor, groups)) {
      throw new ForbiddenError(`This needs membership in one of the groups: ${groups.join(', ')}`, 'forbidden');
    }
    next();
  };
}

/** The WWW-Authenticate challenge of a 401 (RFC 6750): names the error when a token was sent but refused. */
export function bearerChallenge(code: string): string {
  return code === 'invalid_token' ? `Bearer realm="${AUTH_REALM}", error="invalid_token"` : `Bearer realm="${AUTH_REALM}"`;
}
