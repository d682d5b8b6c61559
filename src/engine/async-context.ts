import { AsyncLocalStorage } from 'node:async_hooks';
import type { OperationContext } from './operation-context';

/**
 * What travels with work across awaits without being passed along: the request (or job) it is done for, and the
 * engine operation it runs in. One store holds both because Node 20 tags every promise once for each
 * AsyncLocalStorage in use: a second store made every await about half again as expensive.
 */
interface AsyncContext {
  correlationId?: string;
  operation?: OperationContext;
}

const storage = new AsyncLocalStorage<AsyncContext>();

/** Runs `work` with `changes` on top of the context it is called in. */
export function runWithin<T>(changes: AsyncContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...changes }, work);
}

export function currentAsyncContext(): AsyncContext | undefined {
  return storage.getStore();
}
