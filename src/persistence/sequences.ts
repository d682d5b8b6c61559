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
 * Increments a counter row (creating it at `firstValue` when missing) in ONE statement and returns the new
 * value. This is how every gap-free number (complaints, penalty notices) is taken:
 *
 * - The upsert (`INSERT … ON DUPLICATE KEY UPDATE` on MySQL/MariaDB, `INSERT … ON CONFLICT DO UPDATE` on SQLite)
 *   takes the row's exclusive lock at once, whether it creates or updates the row. There is no shared lock to
 *   upgrade (what INSERT IGNORE followed by UPDATE did, and what deadlocked two issuers of the same sequence),
 *   so concurrent callers queue on the row instead of deadlocking.
 * - The lock is held until the caller's transaction ends, so the number is only used by that transaction; a
 *   rollback undoes the increment and the next caller gets the same number again: no gaps, no duplicates.
 * - Callers take at most one counter per transaction, so no lock-order cycle between counters exists.
 */
export async function incrementCounter(manager: EntityManager, counter: CounterRow): Promise<number> {
  await upsertCounter(manager, counter, 1);
  return readCounter(manager, counter);
}

/**
 * Creates the counter row at `firstValue`, or adds `step` to it (0 only locks it), in one statement that takes the
 * row's exclusive lock either way (see incrementCounter).
 */
export async function upsertCounter(manager: EntityManager, counter: CounterRow, step: 0 | 1): Promise<void> {
  const { mysql, q, keyColumns, keyValues } = counterSql(manager, counter);
  const columns = [...keyColumns, counter.column].map(q).join(', ');
  const values = placeholders([...keyColumns, counter.column]);
  const bump = `${q(counter.column)} = ${q(counter.column)} + ${step}`;
  const upsert = mysql
    ? `INSERT INTO ${q(counter.table)} (${columns}) VALUES (${values}) ON DUPLICATE KEY UPDATE ${bump}`
    : `INSERT INTO ${q(counter.table)} (${columns}) VALUES (${values}) ON CONFLICT (${keyColumns.map(q).join(', ')}) DO UPDATE SET ${bump}`;
  await manager.query(upsert, [...keyValues, counter.firstValue]);
}

/** The counter's current value (read inside the transaction that locked it). */
export async function readCounter(manager: EntityManager, counter: CounterRow): Promise<number> {
  const { q, keyColumns, keyValues } = counterSql(manager, counter);
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${q(counter.column)} AS value FROM ${q(counter.table)} WHERE ${keyColumns.map((c) => `${q(c)} = ?`).join(' AND ')}`,
    keyValues,
  );
  return Number(rows[0].value);
}

function counterSql(manager: EntityManager, counter: CounterRow) {
  const mysql = manager.connection.options.type === 'mysql';
  const q = (name: string) => manager.connection.driver.escape(name);
  const keyColumns = Object.keys(counter.key);
  return { mysql, q, keyColumns, keyValues: keyColumns.map((column) => counter.key[column]) };
}
