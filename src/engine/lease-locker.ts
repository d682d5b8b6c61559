import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../domain/errors';
import { EntityManager } from 'typeorm';
import { Database } from '../persistence/database';
import { InstanceRow, LockRow } from '../persistence/entities/engine';
import { Clock } from './clock';
import { EngineMetrics } from './engine-metrics';
import { OperationContext, requireOperation } from './operation-context';

/**
 * Instance locks with a lease, replacing bpmn-server's InstanceLocker (which polls a MongoDB collection and
 * never expires a lock whose holder died). A lock belongs to one engine operation; bpmn-server's own
 * lock/release calls inside that operation are re-entrant; the real release is part of the operation's commit,
 * or follows its rollback (see WorkflowEngine.run).
 *
 * On MySQL the lock row is written on its own connection so other processes see it at once. SQLite needs no lock
 * rows: an operation is one transaction that takes the database's only write lock first (Database.transaction), so
 * no other operation, in this process or another, runs at the same time.
 */
export class LeaseLocker {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: { leaseMs: number; waitMs: number },
    private readonly metrics: EngineMetrics = {},
  ) {}

  /** True when the database admits one writing transaction at a time (SQLite): what it read inside one is what it locks. */
  get writersAreSerialised(): boolean {
    return this.db.serialisesWrites;
  }

  /** `knownToExist`: the caller read a row of the instance in this operation, so it need not be looked up. */
  async lock(instanceId: string, knownToExist = false): Promise<boolean> {
    const context = requireOperation('lock');
    if (context.heldLocks.has(instanceId)) return true;
    if (this.writersAreSerialised || !(knownToExist || await this.exists(context, instanceId))) {
      // SQLite (see above), or a new instance that bpmn-server locks before its first save: nobody else can know its id yet.
      context.heldLocks.add(instanceId);
      context.unsavedLocks.add(instanceId);
      return true;
    }
    const started = Date.now();
    const deadline = started + this.options.waitMs;
    for (let attempt = 0; ; attempt++) {
      if (await this.tryAcquire(context, instanceId)) {
        context.heldLocks.add(instanceId);
        if (attempt > 0) this.metrics.lockWaited?.((Date.now() - started) / 1000, true);
        return true;
      }
      if (Date.now() >= deadline) {
        this.metrics.lockWaited?.((Date.now() - started) / 1000, false);
        throw new ConflictError(`Instance ${instanceId} is busy with another operation; try again`, 'instance_locked');
      }
      await sleep(20);
    }
  }

  /** Called by bpmn-server mid-operation; the operation releases its locks when it ends. */
  async release(_instanceId: string): Promise<void> {}

  private async exists(context: OperationContext, instanceId: string): Promise<boolean> {
    const row = await context.manager.getRepository(InstanceRow).findOne({ where: { id: instanceId }, select: { id: true } });
    return row !== null;
  }

  private async tryAcquire(context: OperationContext, instanceId: string): Promise<boolean> {
    const manager = this.db.dialect === 'mysql' ? this.db.dataSource.manager : context.manager;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.leaseMs);
    const owner = ownerOf(context);
    try {
      await manager.createQueryBuilder().insert().updateEntity(false).into(LockRow).values({ instanceId, owner, expiresAt }).execute();
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stolen = await manager.createQueryBuilder().update(LockRow)
      .set({ owner, expiresAt })
      .where('instance_id = :instanceId AND expires_at < :now', { instanceId, now })
      .execute();
    return Boolean(stolen.affected);
  }

  /**
   * Releases the operation's locks as part of its own commit: the lock rows disappear exactly when the step's
   * changes appear, and a waiting process's INSERT proceeds then.
   */
  async releaseInTransaction(context: OperationContext): Promise<void> {
    await this.deleteLockRows(context.manager, context);
  }

  /**
   * After a rollback: on MySQL the lock rows were committed on their own connection and are still there; on
   * SQLite they were part of the rolled-back transaction and are gone already.
   */
  async releaseAfterRollback(context: OperationContext): Promise<void> {
    if (this.db.dialect === 'mysql') await this.deleteLockRows(this.db.dataSource.manager, context);
    context.heldLocks.clear();
  }

  private async deleteLockRows(manager: EntityManager, context: OperationContext): Promise<void> {
    const ids = [...context.heldLocks].filter((id) => !context.unsavedLocks.has(id));
    if (ids.length > 0) {
      await manager.createQueryBuilder().delete().from(LockRow)
        .where('instance_id IN (:...ids) AND owner = :owner', { ids, owner: ownerOf(context) })
        .execute();
    }
    context.heldLocks.clear();
  }
}

const owners = new WeakMap<OperationContext, string>();
let counter = 0;

function ownerOf(context: OperationContext): string {
  let owner = owners.get(context);
  if (!owner) {
    counter += 1;
    owner = `${process.pid}:${counter}:${Math.random().toString(36).slice(2, 8)}`;
    owners.set(context, owner);
  }
  return owner;
}

export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
    || /UNIQUE constraint failed|Duplicate entry/.test(e?.message ?? '');
}
