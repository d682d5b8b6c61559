import { DemoUsername, seedDemoOrganisation } from '../../src/app/identity';
import { Application, ApplicationOptions, createApplication } from '../../src/bootstrap/application';
import { ManualClock } from '../../src/engine/clock';
import { migratedDatabaseUrl } from './database';

export interface TestApplication {
  app: Application;
  clock: ManualClock;
  /** `Bearer <token>` of a demo user (desk1, ops1, quality1, head-yw, ga1, rep1, leader1, gm1, auditor1, owner1). */
  bearer(username: DemoUsername): string;
  /** Fires every timer due at the clock's current time (loops until none is left). */
  fireDueTimers(): Promise<number>;
  /** Moves the clock forward and fires what fell due. */
  advance(ms: number): Promise<number>;
  loggedErrors: Array<{ message: string; error: unknown }>;
  dispose(): Promise<void>;
}

/**
 * The whole application (every module, the diagrams in processes/, config/policy.json) on a fresh database
 * of kind TEST_DB, a manual clock and the demo organisation. No background work runs: tests fire timers.
 */
export async function createTestApplication(options: ApplicationOptions & { start?: string } = {}): Promise<TestApplication> {
  const { url, drop } = await migratedDatabaseUrl();
  const clock = new ManualClock(options.start ?? '2026-11-23T01:00:00Z');
  const loggedErrors: TestApplication['loggedErrors'] = [];
  const app = await createApplication({
    ...options,
    clock,
    config: { ...options.config, dbUrl: url },
    httpLogger: { error: (message, error) => { loggedErrors.push({ message, error }); } },
  });
  const seed = await seedDemoOrganisation(app.db);
  const tokens = Object.fromEntries(seed.tokens.map(({ username, token }) => [username, token])) as Record<DemoUsername, string>;
  return {
    app, clock, loggedErrors,
    bearer: (username) => `Bearer ${tokens[username]}`,
    fireDueTimers: () => app.engine.timers.drain(),
    advance: async (ms) => { clock.advance(ms); return app.engine.timers.drain(); },
    dispose: async () => { await app.close(); await drop(); },
  };
}
