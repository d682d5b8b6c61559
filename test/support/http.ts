import type { Express } from 'express';
import {
  authenticate, DEMO_USERS, DemoUsername, resumeSession, seedDemoOrganisation, signIn, SignInDeps, signOut,
} from '../../src/app/identity';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/engine/clock';
import { createHttpApp } from '../../src/http/app';
import { HttpLogger } from '../../src/http/logger';
import { RouteDefinition } from '../../src/http/routes';
import { Database } from '../../src/persistence/database';
import { openTestDatabase } from './database';

export interface TestHttpApp {
  app: Express;
  db: Database;
  /** DB_URL of `db`: another process (or the users CLI) would open this. */
  url: string;
  /** The clock of console sessions and sign-in throttling. */
  clock: ManualClock;
  /** Plaintext API token of every demo user (desk1, ops1, quality1, head-yw, ga1, rep1, leader1, gm1, auditor1, owner1). */
  tokens: Record<DemoUsername, string>;
  /** `Bearer <token>` of a demo user, for `.set('Authorization', …)`. */
  bearer(username: DemoUsername): string;
  /** What the app logged as unexpected errors (kept out of the test output). */
  loggedErrors: { message: string; error: unknown }[];
  dispose(): Promise<void>;
}

/**
 * The HTTP app on a fresh migrated database (TEST_DB) holding the demo organisation.
 * Pass the route modules under test: `createTestHttpApp({ routes: complaintRoutes(service) })`, or a function
 * of the database when the routes need services built on it.
 */
export async function createTestHttpApp(options: {
  routes?: readonly RouteDefinition[] | ((db: Database) => readonly RouteDefinition[]);
} = {}): Promise<TestHttpApp> {
  const { db, url, dispose } = await openTestDatabase();
  const seed = await seedDemoOrganisation(db);
  const tokens = Object.fromEntries(seed.tokens.map(({ username, token }) => [username, token])) as Record<DemoUsername, string>;
  for (const { username } of DEMO_USERS) if (!tokens[username]) throw new Error(`demo seed gave no token for ${username}`);

  const loggedErrors: TestHttpApp['loggedErrors'] = [];
  const logger: HttpLogger = { error: (message, error) => { loggedErrors.push({ message, error }); } };
  const routes = typeof options.routes === 'function' ? options.routes(db) : options.routes ?? [];
  const clock = new ManualClock('2026-11-23T01:00:00Z');
  const signInDeps: SignInDeps = { db, clock, settings: loadConfig().signIn };
  const app = createHttpApp({
    authenticate: (token) => authenticate(db, token, clock),
    sessions: {
      authenticate: (sessionId) => resumeSession(signInDeps, sessionId),
      signIn: (input) => signIn(signInDeps, input),
      signOut: (sessionId) => signOut(signInDeps, sessionId),
    },
    routes,
    logger,
  });

  return { app, db, url, clock, tokens, bearer: (username) => `Bearer ${tokens[username]}`, loggedErrors, dispose };
}
