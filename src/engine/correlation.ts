import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request (or job) on whose behalf work runs, so that what the engine records (audit entries) can be
 * matched with the log lines of the same request. Set once at the edge (an HTTP request's X-Request-Id).
 */
const storage = new AsyncLocalStorage<string>();

export function runWithCorrelationId<T>(id: string, work: () => T): T {
  return storage.run(id, work);
}

export function currentCorrelationId(): string | null {
  return storage.getStore() ?? null;
}
