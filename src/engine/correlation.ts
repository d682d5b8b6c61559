import { currentAsyncContext, runWithin } from './async-context';

/**
 * The id of the request (or job) on whose behalf work runs, so that what the engine records (audit entries) can be
 * matched with the log lines of the same request. Set once at the edge (an HTTP request's X-Request-Id).
 */
export function runWithCorrelationId<T>(id: string, work: () => T): T {
  return runWithin({ correlationId: id }, work);
}

export function currentCorrelationId(): string | null {
  return currentAsyncContext()?.correlationId ?? null;
}
