import type { Request, RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Actor, isInAnyGroup } from '../app/actor';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import './request-context';

/** Resolves a bearer token to the actor it belongs to; rejects with UnauthorizedError. */
export type Authenticator = (token: string) => Promise<Actor>;

/** Resolves a console session id (the cookie value) to its actor and CSRF token; rejects with UnauthorizedError. */
export type SessionAuthenticator = (sessionId: string) => Promise<{ user: Actor; csrfToken: string }>;

export const AUTH_REALM = 'complaint-flow';
export const SESSION_COOKIE = 'cf_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new UnauthorizedError('Send an API token as "Authorization: Bearer <token>"', 'unauthorized');
  return match[1];
}

/** The value of one cookie of the request, without a cookie-parsing dependency. */
export function requestCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * Puts the caller's Actor on `req.actor`, or fails with 401. Scripts send `Authorization: Bearer`, which wins;
 * otherwise the console's session cookie counts, and then every unsafe method needs the session's CSRF token
 * in `X-CSRF-Token` (403 csrf_failed), because browsers attach cookies to requests other sites trigger.
 * Whatever it answers is never cached.
 */
export function authenticateRequest(authenticate: Authenticator, authenticateSession?: SessionAuthenticator): RequestHandler {
  return async (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const sessionId = authenticateSession && !req.headers.authorization ? requestCookie(req, SESSION_COOKIE) : undefined;
    if (!sessionId) {
      req.actor = await authenticate(bearerToken(req.headers.authorization));
      return next();
    }
    const session = await authenticateSession!(sessionId);
    if (!SAFE_METHODS.has(req.method) && !isSameSecret(req.header(CSRF_HEADER), session.csrfToken)) {
      throw new ForbiddenError(`Send the session's CSRF token in the ${CSRF_HEADER} header`, 'csrf_failed');
    }
    req.actor = session.user;
    next();
  };
}

export function isSameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
