import { currentOperation, OperationContext } from './operation-context';

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
  /** Kept executions, least recently kept first. */
  private readonly kept = new Map<string, Execution>();

  constructor(private readonly capacity: number) {}

  /** bpmn-server's restore asks for a live execution after reading the instance whole. */
  getInstance(instanceId: string): Execution | undefined {
    const context = currentOperation();
    const execution = this.kept.get(instanceId);
    if (!context || !execution || context.executions.has(instanceId)) return undefined;
    if (execution.instance.revision !== context.readRevisions.get(instanceId)) {
      this.kept.delete(instanceId); // older than the stored state: restored instead, and never useful again
      return undefined;
    }
    this.kept.delete(instanceId);
    execution.promises = []; // bpmn-server appends to it on every call and never empties it
    execution.worker = undefined;
    context.executions.set(instanceId, execution);
    return execution;
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
    return [...this.kept.values()];
  }

  shutdown(): void {
    this.kept.clear();
  }

  restart(): void {}

  /** After `context`'s operation committed: keeps the executions it saved whose instances still run. */
  keep(context: OperationContext): void {
    for (const [instanceId, value] of context.executions) {
      const execution = value as Execution | null;
      const running = execution?.instance.status !== 'end' && execution?.instance.status !== 'terminated';
      if (!execution || !running || !context.savedInstances.has(instanceId)) {
        this.kept.delete(instanceId);
        continue;
      }
      this.kept.delete(instanceId);
      this.kept.set(instanceId, execution);
      if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
  }

  get size(): number {
    return this.kept.size;
  }
}
