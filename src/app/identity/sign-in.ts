import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { TooManyRequestsError, UnauthorizedError, ValidationError } from '../../domain/errors';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { LoginFailureRow, PasswordRow, SessionRow } from '../../persistence/entities/identity';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { SignInRepository } from '../../persistence/repositories/sign-in-repository';
import { identityCachesOf, identityTransaction } from './identity-cache';
import { generatePassword, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyAgainstDecoy, verifyPassword } from './passwords';
import { loadSignedInUser, SignedInUser } from './signed-in-user';

export interface SignInSettings {
  /** A session ends this long after sign-in, however active. */
  sessionHours: number;
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** Failed sign-ins count for this long. */
  throttleWindowMinutes: number;
  /** Failures of one username within the window before further attempts are refused. */
  maxFailuresPerUser: number;
  /** Failures from one address within the window (several people may share an office address). */
  maxFailuresPerAddress: number;
}

export interface SignInDeps {
  db: Database;
  clock: Clock;
  settings: SignInSettings;
}

export interface Session {
  user: SignedInUser;
  /** The value the client echoes in X-CSRF-Token on writes. */
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** The opaque id for the cookie; only its hash is stored. */
  sessionId: string;
}

const SESSION_PATTERN = /^cfs_[A-Za-z0-9_-]{43}$/;
/** last_seen_at is only written when older than this, so most requests only read the session. */
const TOUCH_RESOLUTION_MS = 60_000;
const MINUTE = 60_000;

export const TOO_MANY_ATTEMPTS = 'Too many failed sign-ins; try again later';
export const INVALID_CREDENTIALS = 'The username or password is wrong';

/**
 * Signs in with username and password. Unknown users, deactivated users, users without a password and wrong
 * passwords get the same 401 after the same work (a decoy hash is checked), so answers reveal no usernames.
 * While the username or the address has too many recent failures the password is not even checked (429).
 */
export async function signIn(deps: SignInDeps, input: { username: string; password: string; address: string }): Promise<NewSession> {
  const { db, clock, settings } = deps;
  const now = clock.now();
  const userKey = `user:${input.username.trim().toLowerCase().slice(0, 64)}`;
  const addressKey = `address:${input.address.slice(0, 100)}`;
  const windowStart = new Date(now.getTime() - settings.throttleWindowMinutes * MINUTE);

  const found = await db.read(async (manager) => {
    const failures = await new SignInRepository(manager).failuresSince([userKey, addressKey], windowStart);
    if ((failures.get(userKey) ?? 0) >= settings.maxFailuresPerUser || (failures.get(addressKey) ?? 0) >= settings.maxFailuresPerAddress) {
      return 'throttled' as const;
    }
    const user = await new IdentityRepository(manager).userByUsername(input.username.trim());
    const password = user?.active ? await new SignInRepository(manager).passwordOf(user.id) : null;
    return { user, password };
  });
  if (found === 'throttled') throw new TooManyRequestsError(TOO_MANY_ATTEMPTS);

  const matches = found.user && found.password
    ? await verifyPassword(input.password, found.password.passwordHash)
    : await verifyAgainstDecoy(input.password);

  if (!matches || !found.user) {
    await db.transaction(async (manager) => {
      const repo = new SignInRepository(manager);
      await repo.forgetFailuresBefore([userKey, addressKey], windowStart);
      await repo.insertFailures([userKey, addressKey].map((throttleKey) =>
        Object.assign(new LoginFailureRow(), { id: randomUUID(), throttleKey, failedAt: now })));
    });
    throw new UnauthorizedError(INVALID_CREDENTIALS, 'invalid_credentials');
  }

  const userId = found.user.id;
  return db.transaction(async (manager) => {
    const repo = new SignInRepository(manager);
    await repo.forgetFailures(userKey);
    // Sessions only accumulate per sign-in; each sign-in clears the user's dead ones.
    await repo.forgetDeadSessions(userId, now, new Date(now.getTime() - settings.idleMinutes * MINUTE));
    const user = await loadSignedInUser(new IdentityRepository(manager), userId);
    if (!user) throw new UnauthorizedError(INVALID_CREDENTIALS, 'invalid_credentials');
    const sessionId = `cfs_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + settings.sessionHours * 60 * MINUTE);
    await repo.insertSession(Object.assign(new SessionRow(), {
      id: randomUUID(), sessionHash: hashSecret(sessionId), userId, createdAt: now, lastSeenAt: now, expiresAt, endedAt: null,
    }));
    return { sessionId, user, csrfToken: csrfTokenOf(sessionId), expiresAt };
  });
}

interface LiveSession { sessionRowId: string; user: SignedInUser; expiresAt: Date; lastSeenAt: Date }

/**
 * The live session of the cookie value; 401 when it is unknown, ended, expired or idle too long. Cached
 * in-process like API tokens (see IdentityCache): ending a session anywhere moves the identity generation, and
 * expiry and idleness are checked against the clock on every request, cached or not.
 */
export async function resumeSession(deps: SignInDeps, sessionId: string): Promise<Session> {
  const { db, clock, settings } = deps;
  const rejected = () => new UnauthorizedError('The session has ended; sign in again', 'session_expired');
  if (!SESSION_PATTERN.test(sessionId)) throw rejected();
  const now = clock.now();
  const sessionHash = hashSecret(sessionId);
  const caches = identityCachesOf(db);
  const cache = caches.sessions;
  const isLive = (s: { expiresAt: Date; lastSeenAt: Date }) => s.expiresAt > now && now.getTime() - s.lastSeenAt.getTime() < settings.idleMinutes * MINUTE;

  const found = await db.read(async (manager) => {
    const generation = await caches.generation(manager, now.getTime());
    const cached = cache.get(sessionHash, generation, now.getTime()) as LiveSession | undefined;
    if (cached && isLive(cached)) return cached;
    const session = await new SignInRepository(manager).sessionByHash(sessionHash);
    if (!session || session.endedAt || !isLive(session)) return null;
    const user = await loadSignedInUser(new IdentityRepository(manager), session.userId);
    if (!user) return null;
    const live: LiveSession = { sessionRowId: session.id, user, expiresAt: session.expiresAt, lastSeenAt: session.lastSeenAt };
    cache.set(sessionHash, live, generation, now.getTime());
    return live;
  });
  if (!found) {
    cache.delete(sessionHash);
    throw rejected();
  }

  if (now.getTime() - found.lastSeenAt.getTime() >= TOUCH_RESOLUTION_MS) {
    await db.transaction((manager) => new SignInRepository(manager).touchSession(found.sessionRowId, now));
    found.lastSeenAt = now;
  }
  return { user: found.user, csrfToken: csrfTokenOf(sessionId), expiresAt: found.expiresAt };
}

/** Ends the session of the cookie value; ending an unknown or ended session changes nothing. */
export async function signOut(deps: SignInDeps, sessionId: string): Promise<void> {
  if (!SESSION_PATTERN.test(sessionId)) return;
  await identityTransaction(deps.db, async (manager) => {
    const repo = new SignInRepository(manager);
    const session = await repo.sessionByHash(hashSecret(sessionId));
    if (session) await repo.endSession(session.id, deps.clock.now());
  });
}

/** True when the header value is the CSRF token of the session. */
export function isCsrfTokenOf(sessionId: string, headerValue: string | undefined): boolean {
  if (!headerValue) return false;
  const expected = Buffer.from(csrfTokenOf(sessionId));
  const actual = Buffer.from(headerValue);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Sets (or replaces) the user's password and ends their sessions. Without a password one is generated;
 * the plaintext is returned so it can be shown once, and is never stored or logged.
 */
export async function setPassword(db: Database, input: { username: string; password?: string; now?: Date }): Promise<{ username: string; password: string }> {
  const password = input.password ?? generatePassword();
  checkPasswordRules(password);
  const passwordHash = await hashPassword(password);
  const now = input.now ?? new Date();
  return identityTransaction(db, async (manager) => {
    const user = await new IdentityRepository(manager).userByUsername(input.username.trim());
    if (!user) throw new ValidationError('The user is invalid', [{ field: 'username', messages: [`no user ${input.username}`] }]);
    const repo = new SignInRepository(manager);
    await repo.savePassword(Object.assign(new PasswordRow(), { userId: user.id, passwordHash, changedAt: now }));
    await repo.endSessionsOfUser(user.id, now);
    return { username: user.username, password };
  });
}

/** Whether the user has a console password (the plaintext cannot be recovered). */
export async function hasPassword(db: Database, username: string): Promise<boolean> {
  return db.read(async (manager) => {
    const user = await new IdentityRepository(manager).userByUsername(username);
    return user ? (await new SignInRepository(manager).passwordOf(user.id)) !== null : false;
  });
}

function checkPasswordRules(password: string): void {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (problems.length > 0) throw new ValidationError('The password is invalid', [{ field: 'password', messages: problems }]);
}

/**
 * The CSRF token is derived from the session id, which only the HttpOnly cookie carries: a page of another
 * origin can neither read the cookie nor compute the token, and nothing extra needs storing.
 */
function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`csrf:${sessionId}`, 'utf8').digest('base64url');
}

function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
