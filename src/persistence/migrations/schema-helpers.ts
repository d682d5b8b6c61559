import { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column builders that give each dialect the right physical type for the same logical column. */
export function columnTypes(queryRunner: QueryRunner) {
  const mysql = queryRunner.connection.options.type === 'mysql';
  return {
    id: (name: string, length = 36): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
    str: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isNullable: nullable,
    }),
    int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable }),
    bigint: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
    serial: (name = 'id'): TableColumnOptions => ({
      name, type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment',
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({
      name, type: mysql ? 'datetime(3)' : 'datetime', isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: mysql ? 'longtext' : 'text', isNullable: nullable }),
    bool: (name: string, nullable = false): TableColumnOptions => ({ name, type: mysql ? 'tinyint' : 'boolean', isNullable: nullable }),
  };
}
