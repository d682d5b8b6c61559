import { AsyncResource } from 'node:async_hooks';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { WriteTurns, type WriteUrgency } from './write-turns';

interface Job {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Most transactions one commit carries. It bounds how long the first of them waits for its answer, and how many
 * answers go out at once (their clients' next reads then arrive together): at 8 clients, 4 gave about the
 * throughput of 8 with less added read latency.
 */
export const MAX_TRANSACTIONS_PER_COMMIT = 4;

/**
 * Write transactions on SQLite's one writing connection, committed in groups. Transactions still run one after the
 * other; those that queued up while one ran join its database transaction, each in a savepoint of its own, and share
 * its COMMIT, so that one sync of the log makes several of them durable. A transaction that fails rolls back to its
 * savepoint and fails alone. Every caller gets its answer only after the commit that carries its changes succeeded
 * and `afterCommit` resolved (where the database syncs the log, see WalSync): an answer still means "durable", as
 * with one commit each.
 *
 * `gate` is held for the whole group until its COMMIT; reads that share the writing connection (an in-memory
 * database) take it too, so they never see a group's uncommitted changes. The next group runs while the log is being
 * synced; its answers wait for a later sync, which covers it and everything committed before it.
 */
export class SqliteGroupCommit {
  private readonly queue = new WriteTurns<Job>();
  private draining = false;

  constructor(private readonly dataSource: DataSource, private readonly gate: Mutex, private readonly afterCommit: () => Promise<void> = async () => undefined) {}

  run<T>(work: (manager: EntityManager) => Promise<T>, urgency: WriteUrgency = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The work runs later, from the loop below: it keeps the caller's async context (request id, operation).
      this.queue.push({ work: AsyncResource.bind(work), resolve: resolve as (value: unknown) => void, reject }, urgency);
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.gate.runExclusive(() => this.commitGroup());
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const connection = await runner.connect() as { inTransaction: boolean };
    const members: { job: Job; value: unknown }[] = [];
    try {
      const first = this.queue.shift()!;
      try {
        await beginImmediate(runner);
        members.push({ job: first, value: await first.work(runner.manager) });
      } catch (error) {
        first.reject(error);
        return;
      }
      while (this.queue.length > 0 && members.length < MAX_TRANSACTIONS_PER_COMMIT) {
        await new Promise((resolve) => setImmediate(resolve)); // requests that arrived meanwhile (reads) go first
        const job = this.queue.shift()!;
        const outcome = await inSavepoint(runner, job);
        if (!connection.inTransaction) {
          // SQLite ended the whole transaction itself (a full disk, say): none of the group's changes were kept.
          const lost = outcome.ok ? new Error('SQLite rolled the transaction back') : outcome.error;
          for (const member of [...members, { job }]) member.job.reject(lost);
          return;
        }
        if (outcome.ok) members.push({ job, value: outcome.value }); else job.reject(outcome.error);
      }
      try {
        await runner.commitTransaction();
      } catch (error) {
        for (const { job } of members) job.reject(error);
        return;
      }
      void this.afterCommit().then(
        () => { for (const { job, value } of members) job.resolve(value); },
        (error) => {
          const unsynced = new Error(`The change was committed, but the database log could not be synced: ${error instanceof Error ? error.message : String(error)}`);
          for (const { job } of members) job.reject(unsynced);
        },
      );
    } finally {
      await endTransaction(runner, connection);
      await runner.release();
    }
  }
}

/**
 * Begins the group's transaction with SQLite's write lock taken at once, so a second process waits for it (busy
 * timeout) instead of failing later on a stale read snapshot. TypeORM only begins deferred transactions, so its
 * runner is told by hand that one is open; the members' savepoints and the COMMIT then go through TypeORM.
 */
async function beginImmediate(runner: QueryRunner): Promise<void> {
  await runner.query('BEGIN IMMEDIATE');
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs `job` in a savepoint of the open transaction; when it fails, its changes are rolled back and the rest stay. */
async function inSavepoint(runner: QueryRunner, job: Job): Promise<Outcome> {
  try {
    await runner.startTransaction();
  } catch (error) {
    return { ok: false, error };
  }
  try {
    const value = await job.work(runner.manager);
    await runner.commitTransaction();
    return { ok: true, value };
  } catch (error) {
    await runner.rollbackTransaction().catch(() => undefined);
    return { ok: false, error };
  }
}

/**
 * Rolls back whatever a failed group left open and makes TypeORM's runner (one per SQLite connection, reused by
 * the next group) agree with the connection that no transaction is open.
 */
async function endTransaction(runner: QueryRunner, connection: { inTransaction: boolean }): Promise<void> {
  if (connection.inTransaction) await runner.query('ROLLBACK').catch(() => undefined);
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}
