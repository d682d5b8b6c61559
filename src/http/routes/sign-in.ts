import { IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { CookieOptions, Request } from 'express';
import { Actor } from '../../app/actor';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors';
import { isSameSecret, requestCookie, SESSION_COOKIE, SessionAuthenticator, CSRF_HEADER } from '../auth';
import { defineRoute, RouteDefinition } from '../routes';
import { ActorView } from './identity';

/** What the HTTP layer needs of the console's sign-in use cases. */
export interface ConsoleSessions {
  authenticate: SessionAuthenticator;
  signIn(input: { username: string; password: string; address: string }): Promise<{
    sessionId: string; user: Actor; csrfToken: string; expiresAt: Date;
  }>;
  signOut(sessionId: string): Promise<void>;
}

class SignInBody {
  @IsString() @MinLength(1) @MaxLength(64) username: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

class SessionView {
  @ValidateNested() @Type(() => ActorView) user: ActorView;
  /** Echo in the X-CSRF-Token header of every request other than GET/HEAD that relies on the cookie. */
  @IsString() csrfToken: string;
}

/** Console sign-in: the session id travels only in an HttpOnly, SameSite=Strict cookie. */
export function signInRoutes(sessions: ConsoleSessions): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in to the console',
      description: `Sets the HttpOnly session cookie ${SESSION_COOKIE}. Wrong passwords and unknown users get the same 401; ` +
        'too many failures per username or per address (signIn in config/default.json: 5 and 20 within 15 minutes) get 429.',
      tags: ['identity'],
      auth: false,
      body: SignInBody,
      response: { description: 'Signed in', type: SessionView },
      errors: { 401: 'invalid_credentials', 429: 'too_many_attempts' },
      handler: async ({ body, req, res }) => {
        const session = await sessions.signIn({ username: body.username, password: body.password, address: req.ip ?? req.socket.remoteAddress ?? '' });
        res.cookie(SESSION_COOKIE, session.sessionId, cookieOptions(req, session.expiresAt));
        return { user: session.user, csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/session',
      summary: 'The console session of the cookie',
      description: 'The signed-in user and the CSRF token, or 401 when the cookie is missing or the session ended.',
      tags: ['identity'],
      auth: false,
      response: { description: 'The live session', type: SessionView },
      errors: { 401: 'No live session' },
      handler: async ({ req }) => {
        const sessionId = requestCookie(req, SESSION_COOKIE);
        if (!sessionId) throw new UnauthorizedError('Not signed in', 'unauthorized');
        const session = await sessions.authenticate(sessionId);
        return { user: session.user, csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out of the console',
      description: `Ends the session server-side and clears the cookie. A live session needs its CSRF token in ${CSRF_HEADER}.`,
      tags: ['identity'],
      auth: false,
      response: { status: 204, description: 'Signed out' },
      errors: { 403: 'csrf_failed' },
      handler: async ({ req, res }) => {
        const sessionId = requestCookie(req, SESSION_COOKIE);
        if (sessionId) {
          const live = await sessions.authenticate(sessionId).catch(() => null);
          if (live && !isSameSecret(req.header(CSRF_HEADER), live.csrfToken)) {
            throw new ForbiddenError(`Send the session's CSRF token in the ${CSRF_HEADER} header`, 'csrf_failed');
          }
          await sessions.signOut(sessionId);
        }
        res.clearCookie(SESSION_COOKIE, cookieOptions(req));
      },
    }),
  ];
}

function cookieOptions(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', ...(expires ? { expires } : {}) };
}
