import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fen columns become BIGINT on MySQL/MariaDB (INT stopped at 21,474,836.47 元 and clamped in non-strict mode).
 * SQLite's INTEGER affinity already stores 64-bit integers, so its tables stay as they are.
 */
export class MoneyAsBigint1732300031000 implements MigrationInterface {
  name = 'MoneyAsBigint1732300031000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query('ALTER TABLE `pen_ledger_entry` MODIFY `amount_fen` BIGINT NOT NULL');
    await queryRunner.query('ALTER TABLE `pen_penalty` MODIFY `total_fen` BIGINT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query('ALTER TABLE `pen_penalty` MODIFY `total_fen` INT NULL');
    await queryRunner.query('ALTER TABLE `pen_ledger_entry` MODIFY `amount_fen` INT NOT NULL');
  }
}
