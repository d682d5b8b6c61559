import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { changeRows, placeholders } from './raw-writes';

/**
 * Entities read and updated with TypeORM's own metadata and value conversions (its driver's prepareHydratedValue /
 * preparePersistentValue, transformers included) but without its query builder, whose statement building and
 * result mapping cost more CPU than the database takes to run the statement. For rows read and updated on every
 * step (a complaint has 59 columns) and for the engine's own statements.
 */

/** The columns of an entity's properties (all of them when none are named). */
export function columnsOf<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, properties?: readonly (keyof T & string)[]): ColumnMetadata[] {
  return properties ? properties.map((property) => columnOf(manager, target, property)) : manager.connection.getMetadata(target).columns;
}

/**
 * The columns as a SELECT list, each under its database name (`alias.` before it when given), or under
 * `<resultPrefix><database name>` when given: the columns of a joined table, apart from those of the main one.
 */
export function selectList(manager: EntityManager, columns: ColumnMetadata[], alias?: string, resultPrefix?: string): string {
  const q = (name: string) => manager.connection.driver.escape(name);
  return columns.map((c) => `${alias ? `${alias}.` : ''}${q(c.databaseName)}${resultPrefix ? ` AS ${q(resultPrefix + c.databaseName)}` : ''}`).join(', ');
}

/** An entity with the columns' values of a raw result row (read under `resultPrefix`, see selectList), converted as TypeORM would. */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager, target: EntityTarget<T>, columns: ColumnMetadata[], raw: Record<string, unknown>, resultPrefix = '',
): T {
  const entity = manager.connection.getMetadata(target).create() as T;
  for (const column of columns) {
    column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(raw[resultPrefix + column.databaseName], column));
  }
  return entity;
}

/** The rows whose `propertyName` is one of `values`, with the named properties only (all when none are named). */
export async function findByColumn<T extends ObjectLiteral, K extends keyof T & string>(
  manager: EntityManager, target: EntityTarget<T>, propertyName: keyof T & string, values: unknown[], properties?: readonly K[],
): Promise<Pick<T, K>[]> {
  if (values.length === 0) return [];
  const key = columnOf(manager, target, propertyName);
  const columns = columnsOf(manager, target, properties);
  const q = (name: string) => manager.connection.driver.escape(name);
  const rows = await manager.query(
    `SELECT ${selectList(manager, columns)} FROM ${q(manager.connection.getMetadata(target).tableName)} WHERE ${q(key.databaseName)} IN (${placeholders(values)})`,
    values.map((value) => manager.connection.driver.preparePersistentValue(value, key)),
  ) as Record<string, unknown>[];
  return rows.map((row) => hydrate(manager, target, columns, row));
}

export async function findOneByColumn<T extends ObjectLiteral>(
  manager: EntityManager, target: EntityTarget<T>, propertyName: keyof T & string, value: unknown,
): Promise<T | null> {
  return ((await findByColumn(manager, target, propertyName, [value]))[0] as T | undefined) ?? null;
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
