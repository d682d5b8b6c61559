import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { changeRows } from './raw-writes';

/**
 * An entity read or updated by one column's value, with TypeORM's own value conversions (its driver's
 * prepareHydratedValue / preparePersistentValue, transformers included) but without its query builder, whose
 * statement building and result mapping cost more CPU than the database takes to run the statement. For rows read
 * and updated on every step (a complaint has 59 columns).
 */
export async function findOneByColumn<T extends ObjectLiteral>(
  manager: EntityManager, target: EntityTarget<T>, propertyName: keyof T & string, value: unknown,
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(target);
  const key = columnOf(manager, target, propertyName);
  const q = (name: string) => manager.connection.driver.escape(name);
  const rows = await manager.query(
    `SELECT ${metadata.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)} WHERE ${q(key.databaseName)} = ?`,
    [manager.connection.driver.preparePersistentValue(value, key)],
  ) as Record<string, unknown>[];
  if (rows.length === 0) return null;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(rows[0][column.databaseName], column));
  }
  return entity;
}

/** Sets the patch's properties on the rows whose `propertyName` equals `value`; answers how many rows changed. */
export async function updateByColumn<T extends ObjectLiteral>(
  manager: EntityManager, target: EntityTarget<T>, propertyName: keyof T & string, value: unknown, patch: Partial<T>,
): Promise<number> {
  const q = (name: string) => manager.connection.driver.escape(name);
  const driver = manager.connection.driver;
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return 0;
  const columns = entries.map(([property]) => columnOf(manager, target, property));
  const key = columnOf(manager, target, propertyName);
  const metadata = manager.connection.getMetadata(target);
  return changeRows(manager,
    `UPDATE ${q(metadata.tableName)} SET ${columns.map((c) => `${q(c.databaseName)} = ?`).join(', ')} WHERE ${q(key.databaseName)} = ?`,
    [...entries.map(([, v], i) => driver.preparePersistentValue(v, columns[i])), driver.preparePersistentValue(value, key)]);
}

function columnOf(manager: EntityManager, target: EntityTarget<ObjectLiteral>, propertyName: string): ColumnMetadata {
  const column = manager.connection.getMetadata(target).findColumnWithPropertyName(propertyName);
  if (!column) throw new Error(`${String(target)} has no column for property ${propertyName}`);
  return column;
}
