import { EntityManager } from 'typeorm';
import { currentAsyncContext, runWithin } from './async-context';

/**
 * Everything one engine operation (start, complete, fire timer …) shares while bpmn-server runs it:
 * the transaction every read and write goes through, who acts, and which locks it holds.
 * bpmn-server calls our data store without passing anything along, so the context travels
 * through AsyncLocalStorage (async-context.ts).
 */
export interface OperationContext {
  readonly manager: EntityManager;
  readonly actor: string | null;
  readonly now: Date;
  /** Instance locks this operation holds; released with its commit or after its rollback. */
  readonly heldLocks: Set<string>;
  /** Locks on instances that did not exist yet when locked: no lock row was written for them. */
  readonly unsavedLocks: Set<string>;
  /** JSON of each item as loaded, per instance, so a save writes only what changed. */
  readonly loadedItems: Map<string, Map<string, string>>;
  /** Items that ended, per instance: bpmn-server leaves them as they are, so saves no longer compare them. */
  readonly endedItems: Map<string, Set<string>>;
  /** Instance data as loaded, to audit only the fields that changed. */
  readonly loadedData: Map<string, Record<string, unknown>>;
  /** User tasks that started waiting during this operation (the "next" tasks a completion answers with). */
  readonly startedUserTasks: Set<string>;
  /** The last audit row of each chain this operation appended to. */
  readonly auditHeads: import('./audit-trail').AuditHeads;
  /** Audit rows handlers added, written with the instance's own rows at save time. */
  pendingAudit?: Array<{ scope: string; entry: import('./audit-trail').AuditEntry }>;
  /**
   * Instances bpmn-server asked to save and not yet written. bpmn-server saves before every node it runs, for
   * crash recovery; inside one transaction only the last state counts, so the data store writes it once, when the
   * engine call returns (or before a read that must see it).
   */
  readonly unsavedInstances: Map<string, import('./data-store').UnsavedInstance>;
  /**
   * Instances the operation read, with their items, when it locked them (TypeOrmDataStore.preload): bpmn-server's
   * item lookup and restore that follow are answered from here instead of reading the same rows again. An entry is
   * taken by the restore, and dropped when the instance is saved.
   */
  readonly preloaded: Map<string, import('./engine-state').InstanceState>;
  /** The revision of each instance as this operation last read it whole (what LiveExecutions checks against). */
  readonly readRevisions: Map<string, number>;
  /** Instances this operation wrote. */
  readonly savedInstances: Set<string>;
  /**
   * The bpmn-server executions this operation started, restored or took from LiveExecutions, by instance; null when
   * two executions ran the same instance (neither is kept).
   */
  readonly executions: Map<string, object | null>;
  /** Instances whose kept execution this operation reserved when it locked them: their restore takes it. */
  readonly reservedExecutions: Set<string>;
  /** The first error raised inside the operation, even one bpmn-server swallowed. */
  failure?: Error;
}

export function runInOperation<T>(context: OperationContext, work: () => Promise<T>): Promise<T> {
  return runWithin({ operation: context }, work);
}

export function currentOperation(): OperationContext | undefined {
  return currentAsyncContext()?.operation;
}

export function requireOperation(what: string): OperationContext {
  const context = currentOperation();
  if (!context) throw new Error(`${what} must run inside an engine operation (WorkflowEngine.run…)`);
  return context;
}

export function newOperationContext(manager: EntityManager, actor: string | null, now: Date): OperationContext {
  return {
    manager, actor, now,
    heldLocks: new Set(), unsavedLocks: new Set(), unsavedInstances: new Map(), loadedItems: new Map(), endedItems: new Map(), loadedData: new Map(), startedUserTasks: new Set(), auditHeads: new Map(),
    preloaded: new Map(), readRevisions: new Map(), savedInstances: new Set(), executions: new Map(), reservedExecutions: new Set(),
  };
}
