import { EntityManager } from 'typeorm';
import { dateParameter } from './raw-columns';

/**
 * Writes without the ORM, for the engine's hot path: an item upsert or an audit batch through TypeORM's query
 * builder costs more CPU than SQLite takes to run it. Values are database values — JSON already as text; Dates
 * and booleans are converted here — and `?` placeholders work on both dialects.
 */
export async function insertRows(
  manager: EntityManager, table: string, columns: string[], rows: unknown[][],
  options: { upsert?: { key: string[]; update: string[] } } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const q = (name: string) => manager.connection.driver.escape(name);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  let sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`;
  if (options.upsert) {
    const { key, update } = options.upsert;
    sql += isMysql(manager)
      ? ` ON DUPLICATE KEY UPDATE ${update.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`
      : ` ON CONFLICT (${key.map(q).join(', ')}) DO UPDATE SET ${update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
  }
  await manager.query(sql, rows.flat().map(toParameter));
}

/** Runs an UPDATE or DELETE and answers how many rows it changed, on both dialects. */
export async function changeRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const values = parameters.map(toParameter);
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

function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return dateParameter(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function isMysql(manager: EntityManager): boolean {
  return manager.connection.options.type === 'mysql';
}
