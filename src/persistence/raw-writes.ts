import { EntityManager } from 'typeorm';
import { dateParameter } from './raw-columns';

/** `?, ?, ?`: one placeholder per value, for a column list, a row of values or an `IN (…)`. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/**
 * Writes without the ORM, for the engine's hot path: an item upsert or an audit batch through TypeORM's query
 * builder costs more CPU than SQLite takes to run it. Values are database values — JSON already as text; Dates
 * and booleans are converted here — and `?` placeholders work on both dialects.
 */
export async function insertRows(
  manager: EntityManager, table: string, columns: string[], rows: unknown[][],
  options: { upsert?: { key: string[]; update: string[] }; ignoreDuplicates?: boolean } = {},
): Promise<void> {
  await insertRowsCounted(manager, table, columns, rows, options);
}

/**
 * insertRows, answering how many rows the statement inserted or changed — with `ignoreDuplicates`, how many were new
 * (a row whose unique key exists already is skipped).
 */
export async function insertRowsCounted(
  manager: EntityManager, table: string, columns: string[], rows: unknown[][],
  options: { upsert?: { key: string[]; update: string[] }; ignoreDuplicates?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const q = (name: string) => manager.connection.driver.escape(name);
  const mysql = isMysql(manager);
  const row = `(${placeholders(columns)})`;
  let sql = `INSERT ${options.ignoreDuplicates && mysql ? 'IGNORE ' : ''}INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => row).join(', ')}`;
  if (options.upsert) {
    const { key, update } = options.upsert;
    sql += mysql
      ? ` ON DUPLICATE KEY UPDATE ${update.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`
      : ` ON CONFLICT (${key.map(q).join(', ')}) DO UPDATE SET ${update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
  } else if (options.ignoreDuplicates && !mysql) {
    sql += ' ON CONFLICT DO NOTHING';
  }
  return changeRows(manager, sql, rows.flat());
}

/** Runs an UPDATE or DELETE and answers how many rows it changed, on both dialects. */
export async function changeRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const values = parameters.map(sqlParameter);
  if (manager.queryRunner) return (await manager.queryRunner.query(sql, values, true)).affected ?? 0;
  const runner = manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, values, true)).affected ?? 0;
  } finally {
    await runner.release();
  }
}

/** JSON text of a JSON column's value, as TypeORM's simple-json writes it (null stays NULL). */
export function jsonParameter(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** A value as a raw statement parameter: Dates as the datetime text TypeORM writes, booleans as 0/1, undefined as NULL. */
export function sqlParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return dateParameter(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function isMysql(manager: EntityManager): boolean {
  return manager.connection.options.type === 'mysql';
}
