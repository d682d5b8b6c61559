import { removeThisRunsDatabases } from './database';

/**
 * Jest global teardown: removes the databases this run's workers kept for reuse (test/support/database.ts).
 * Runs in the parent process, where CF_TEST_RUN was set by the global setup, so the prefix is the workers' one.
 */
export default async function globalTeardown(): Promise<void> {
  await removeThisRunsDatabases();
}
