import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/**
 * Numbers taken from a gap-free sequence before the transaction that uses them (see number-holds.ts): held
 * while a registration runs, deleted by the registration's commit, released for the next taker when it fails.
 */
export class NumberHolds1732300090000 implements MigrationInterface {
  name = 'NumberHolds1732300090000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'number_hold',
      columns: [
        { ...c.str('sequence_name', 80), isPrimary: true },
        { ...c.int('seq'), isPrimary: true },
        c.timestamp('held_until'),
        c.bool('released'),
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('number_hold');
  }
}
