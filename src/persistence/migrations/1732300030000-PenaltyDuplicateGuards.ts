import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Idempotent penalty opening, and the flag that lets a second case for the same breach through on purpose. */
export class PenaltyDuplicateGuards1732300030000 implements MigrationInterface {
  name = 'PenaltyDuplicateGuards1732300030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.addColumn('pen_penalty', new TableColumn({ ...c.bool('additional_breach'), default: 0 }));
    await queryRunner.createTable(new Table({
      name: 'pen_penalty_idempotency',
      columns: [{ ...c.str('idempotency_key', 100), isPrimary: true }, { ...c.str('username', 64), isPrimary: true },
        c.str('request_hash', 64), c.str('penalty_id', 36), c.timestamp('created_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pen_penalty_idempotency');
    await queryRunner.dropColumn('pen_penalty', 'additional_breach');
  }
}
