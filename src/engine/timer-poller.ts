import { EntityManager } from 'typeorm';
import { isTransientLockError } from '../persistence/database';
import { TimerRow } from '../persistence/entities/engine';
import type { WorkflowEngine } from './workflow-engine';

const MAX_BACKOFF_MS = 10 * 60_000;
const INCIDENT_AFTER_ATTEMPTS = 5;

/**
 * Fires due timers from the wf_timer table. A poll claims a batch with a lease (SELECT … FOR UPDATE SKIP LOCKED
 * on MySQL/MariaDB; SQLite has a single writer), then fires each in its own engine operation. With several
 * processes on one database each timer fires once; a timer whose claimer died is claimed again when the
 * lease runs out, so it still fires after any process restarts.
 */
export class TimerPoller {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  readonly owner: string;

  constructor(private readonly engine: WorkflowEngine, serverId: string, private readonly options: { pollIntervalMs: number; leaseMs: number; batchSize: number }) {
    this.owner = `${serverId}:timers`;
  }

  start(): void {
    if (this.handle) return;
    this.handle = setInterval(() => { void this.pollOnce().catch((e) => this.engine.logger.reportError(e)); }, this.options.pollIntervalMs);
    this.handle.unref();
  }

  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
    await this.running?.catch(() => undefined);
  }

  /** Claims and fires the timers due now; returns how many fired. Overlapping calls share one poll. */
  pollOnce(): Promise<number> {
    this.running ??= this.poll().finally(() => { this.running = null; });
    return this.running;
  }

  /** Fires due timers until none is left (useful after moving a test clock far ahead). */
  async drain(maxRounds = 50): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const fired = await this.pollOnce();
      total += fired;
      if (fired === 0) break;
    }
    return total;
  }

  private async poll(): Promise<number> {
    let claimed: string[];
    try {
      claimed = await this.claimDue();
    } catch (error) {
      if (isTransientLockError(error)) return 0; // another process is claiming; next poll
      throw error;
    }
    let fired = 0;
    for (const itemId of claimed) {
      try {
        if ((await this.engine.fireTimer(itemId, this.owner)) === 'fired') fired += 1;
      } catch (error) {
        await this.postpone(itemId, error as Error);
      }
    }
    return fired;
  }

  private async claimDue(): Promise<string[]> {
    const { db, clock } = this.engine;
    // Almost every poll finds nothing due: asking a reader first keeps those polls out of the writers' queue.
    const anyDue = await db.read((manager) => this.dueTimers(manager, clock.now()).limit(1).getRawOne());
    if (!anyDue) return [];
    return db.transaction(async (manager) => {
      const now = clock.now();
      const query = this.dueTimers(manager, now).limit(this.options.batchSize);
      if (db.dialect === 'mysql') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await query.getRawMany()).map((r) => r.item_id as string);
      if (ids.length > 0) {
        await manager.createQueryBuilder().update(TimerRow)
          .set({ leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.options.leaseMs) })
          .where('item_id IN (:...ids)', { ids })
          .execute();
      }
      return ids;
    });
  }

  private dueTimers(manager: EntityManager, now: Date) {
    return manager.createQueryBuilder(TimerRow, 't')
      .select('t.item_id', 'item_id')
      .where('t.due_at <= :now', { now })
      .andWhere('(t.lease_until IS NULL OR t.lease_until < :now)', { now })
      .orderBy('t.due_at', 'ASC');
  }

  async isClaimedBy(manager: EntityManager, itemId: string, owner: string): Promise<boolean> {
    const row = await manager.getRepository(TimerRow).findOne({ where: { itemId }, select: { itemId: true, leaseOwner: true } });
    return row?.leaseOwner === owner;
  }

  async forget(manager: EntityManager, itemId: string): Promise<void> {
    await manager.createQueryBuilder().delete().from(TimerRow).where('item_id = :itemId', { itemId }).execute();
  }

  /** A failed firing is retried later with exponential backoff; repeated failures also raise an incident. */
  private async postpone(itemId: string, error: Error): Promise<void> {
    const { db, clock } = this.engine;
    const attempts = await db.transaction(async (manager) => {
      const row = await manager.getRepository(TimerRow).findOne({ where: { itemId } });
      if (!row) return 0;
      const next = row.attempts + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** (next - 1));
      await manager.createQueryBuilder().update(TimerRow)
        .set({ attempts: next, lastError: error.message.slice(0, 2000), leaseOwner: null, leaseUntil: new Date(clock.now().getTime() + backoff) })
        .where('item_id = :itemId', { itemId }).execute();
      return next;
    });
    if (attempts === INCIDENT_AFTER_ATTEMPTS) {
      await this.engine.recordIncident(error, { itemId, operation: { kind: 'timer', itemId } }).catch((e) => this.engine.logger.reportError(e));
    }
  }
}
