import { EntityManager } from 'typeorm';
import { placeholders } from './raw-writes';

export interface CounterRow {
  table: string;
  /** Primary-key columns and their values, e.g. `{ year: 2026, department_code: 'KF' }`. */
  key: Record<string, string | number>;
  /** The counter column. */
  column: string;
  /** Value the counter gets when this call creates the row. */
  firstValue: number;
}

/**
 * Increments a counter row (creating it at `firstValue` when missing) and returns the new value. This is how every
 * gap-free number (complaints, penalty notices) is taken:
 *
 * - The first statement takes the row's exclusive lock, so concurrent callers queue on the row instead of
 *   deadlocking: on SQLite an upsert (`INSERT … ON CONFLICT DO UPDATE`); on MySQL/MariaDB `SELECT … FOR UPDATE` of a
 *   row that always exists before it is locked (see stepMysqlCounter).
 * - The lock is held until the caller's transaction ends, so the number is only used by that transaction; a
 *   rollback undoes the increment and the next caller gets the same number again: no gaps, no duplicates.
 * - Callers take at most one counter per transaction, so no lock-order cycle between counters exists.
 */
export async function incrementCounter(manager: EntityManager, counter: CounterRow): Promise<number> {
  return stepCounter(manager, counter, 1);
}

/** Creates the counter row at `firstValue` when missing, takes its exclusive lock either way (see incrementCounter) and answers its value. */
export async function lockCounter(manager: EntityManager, counter: CounterRow): Promise<number> {
  return stepCounter(manager, counter, 0);
}

/** Creates the counter row when missing, locks it and adds `step` (0 only locks it), answering its value, per dialect. */
function stepCounter(manager: EntityManager, counter: CounterRow, step: 0 | 1): Promise<number> {
  return counterSql(manager, counter).mysql ? stepMysqlCounter(manager, counter, step) : upsertSqliteCounter(manager, counter, step);
}

/** Adds one to a counter row whose lock this transaction holds (lockCounter). */
export async function bumpLockedCounter(manager: EntityManager, counter: Omit<CounterRow, 'firstValue'>): Promise<void> {
  const { q, keyValues, where } = counterSql(manager, counter);
  await manager.query(`UPDATE ${q(counter.table)} SET ${q(counter.column)} = ${q(counter.column)} + 1 WHERE ${where}`, keyValues);
}

/** SQLite: creates the row at `firstValue` or adds `step`, answering the value, in one statement. */
async function upsertSqliteCounter(manager: EntityManager, counter: CounterRow, step: 0 | 1): Promise<number> {
  const { q, keyColumns, keyValues } = counterSql(manager, counter);
  const columns = [...keyColumns, counter.column].map(q).join(', ');
  const rows: Array<{ value: unknown }> = await manager.query(
    `INSERT INTO ${q(counter.table)} (${columns}) VALUES (${placeholders([...keyColumns, counter.column])}) `
      + `ON CONFLICT (${keyColumns.map(q).join(', ')}) DO UPDATE SET ${q(counter.column)} = ${q(counter.column)} + ${step} `
      + `RETURNING ${q(counter.column)} AS value`,
    [...keyValues, counter.firstValue],
  );
  return Number(rows[0].value);
}

/**
 * MySQL/MariaDB: locks the counter row and adds `step`, answering the new value. A missing row is first created by a
 * statement of its own, committed at once on another pooled connection (the pool keeps connections free for such
 * statements, see database.ts), at the value before its first step. Creating it inside the caller's transaction
 * (`INSERT … ON DUPLICATE KEY UPDATE`) let InnoDB deadlock the callers that waited on a creator that then rolled
 * back: each had kept a lock on the gap where the row had been, and each wanted to insert into it.
 */
async function stepMysqlCounter(manager: EntityManager, counter: CounterRow, step: 0 | 1): Promise<number> {
  const { q, keyColumns, keyValues, where } = counterSql(manager, counter);
  const lock = async () => {
    const rows: Array<{ value: unknown }> = await manager.query(
      `SELECT ${q(counter.column)} AS value FROM ${q(counter.table)} WHERE ${where} FOR UPDATE`, keyValues);
    return rows.length ? Number(rows[0].value) : null;
  };
  let current = await lock();
  if (current === null) {
    const columns = [...keyColumns, counter.column];
    await manager.connection.query(
      `INSERT IGNORE INTO ${q(counter.table)} (${columns.map(q).join(', ')}) VALUES (${placeholders(columns)})`,
      [...keyValues, counter.firstValue - step],
    );
    current = (await lock())!;
  }
  if (step) await bumpLockedCounter(manager, counter);
  return current + step;
}

function counterSql(manager: EntityManager, counter: Omit<CounterRow, 'firstValue'>) {
  const mysql = manager.connection.options.type === 'mysql';
  const q = (name: string) => manager.connection.driver.escape(name);
  const keyColumns = Object.keys(counter.key);
  const where = keyColumns.map((c) => `${q(c)} = ?`).join(' AND ');
  return { mysql, q, keyColumns, keyValues: keyColumns.map((column) => counter.key[column]), where };
}
