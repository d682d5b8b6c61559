import { currentOperation, OperationContext } from './operation-context';

/** An instance's items as stored, by id (their JSON), and those that ended: what the data store compares saves against. */
export interface StoredItems {
  texts: Map<string, string>;
  ended: Set<string>;
}

/** The parts of a bpmn-server Execution this cache reads and resets. */
interface Execution {
  id: string;
  instance: { status: string; revision?: number };
  promises: unknown[];
  worker?: unknown;
}

/**
 * bpmn-server's cache manager (its `cacheManager` setting): keeps the executions of running instances in memory
 * between operations, so that an operation on an instance this process ran last skips bpmn-server's restore, which
 * rebuilds the execution's tokens, items and node objects from the stored state (about a third of bpmn-server's own
 * work per operation).
 *
 * The stored state stays the truth. An execution is kept only once the operation that ran it has committed, with the
 * revision it committed; it is handed out only to an operation that has just read the same revision under the
 * instance lock. A change by another process, an instance migration or an administrator's cancel moves the revision,
 * and the instance is restored from the database as before. An operation that fails drops what it took.
 */
export class LiveExecutions {
  /** Kept executions with their items as stored, least recently kept first. */
  private readonly kept = new Map<string, { execution: Execution; items: StoredItems }>();

  constructor(private readonly capacity: number) {}

  /**
   * For an operation that has just locked the instance and read it at `revision`: takes the execution kept at that
   * revision for the operation's restore, and answers its items as stored, so they need not be read again.
   */
  reserve(context: OperationContext, instanceId: string, revision: number): StoredItems | undefined {
    const entry = this.kept.get(instanceId);
    if (!entry || context.executions.has(instanceId)) return undefined;
    this.kept.delete(instanceId);
    if (entry.execution.instance.revision !== revision) return undefined; // older than the stored state: never useful again
    context.executions.set(instanceId, prepared(entry.execution));
    context.reservedExecutions.add(instanceId);
    return { texts: new Map(entry.items.texts), ended: new Set(entry.items.ended) };
  }

  /** bpmn-server's restore asks for a live execution after reading the instance whole. */
  getInstance(instanceId: string): Execution | undefined {
    const context = currentOperation();
    if (!context) return undefined;
    if (context.reservedExecutions.delete(instanceId)) return context.executions.get(instanceId) as Execution;
    const entry = this.kept.get(instanceId);
    if (!entry || context.executions.has(instanceId)) return undefined;
    this.kept.delete(instanceId);
    if (entry.execution.instance.revision !== context.readRevisions.get(instanceId)) return undefined;
    context.executions.set(instanceId, prepared(entry.execution));
    return entry.execution;
  }

  /** bpmn-server registers every execution it starts or restores. */
  add(execution: Execution): void {
    const context = currentOperation();
    if (!context) return;
    const known = context.executions.get(execution.id);
    context.executions.set(execution.id, known === undefined || known === execution ? execution : null);
  }

  remove(instanceId: string): void {
    this.kept.delete(instanceId);
  }

  list(): Execution[] {
    return [...this.kept.values()].map((entry) => entry.execution);
  }

  shutdown(): void {
    this.kept.clear();
  }

  restart(): void {}

  /**
   * After `context`'s operation committed: keeps the executions it saved whose instances still run, and those it
   * reserved but never handed to bpmn-server (a claim by the task's holder changes nothing).
   */
  keep(context: OperationContext): void {
    for (const [instanceId, value] of context.executions) {
      const execution = value as Execution | null;
      const running = execution?.instance.status !== 'end' && execution?.instance.status !== 'terminated';
      this.kept.delete(instanceId);
      const current = context.savedInstances.has(instanceId) || context.reservedExecutions.has(instanceId);
      if (execution && running && current) this.keepAsStored(context, instanceId, execution);
    }
  }

  /**
   * After `context`'s operation failed (a form rejected, a conflict found under the lock): the executions it reserved
   * but never handed to bpmn-server are as they were, at the revision still stored, and are kept again.
   */
  keepUnused(context: OperationContext): void {
    for (const instanceId of context.reservedExecutions) {
      const execution = context.executions.get(instanceId) as Execution | null | undefined;
      if (execution && !this.kept.has(instanceId)) this.keepAsStored(context, instanceId, execution);
    }
  }

  private keepAsStored(context: OperationContext, instanceId: string, execution: Execution): void {
    const texts = context.loadedItems.get(instanceId);
    if (!texts) return;
    this.kept.set(instanceId, { execution, items: { texts: new Map(texts), ended: new Set(context.endedItems.get(instanceId)) } });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }

  get size(): number {
    return this.kept.size;
  }
}

/** Ready for another operation: bpmn-server appends to `promises` on every call and never empties it. */
function prepared(execution: Execution): Execution {
  execution.promises = [];
  execution.worker = undefined;
  return execution;
}
