import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * One row counting changes to who may do what (a token revoked, a membership or department head changed, a
 * session ended). Server processes cache authenticated callers and drop the cache when the count moved, so a
 * change made by any process (or the users CLI) takes effect on the next request everywhere.
 */
export class IdentityGeneration1732300070000 implements MigrationInterface {
  name = 'IdentityGeneration1732300070000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'identity_generation',
      columns: [
        { name: 'id', type: 'int', isPrimary: true },
        { name: 'generation', type: 'bigint', isNullable: false, default: 0 },
      ],
    }));
    await queryRunner.query('INSERT INTO identity_generation (id, generation) VALUES (1, 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('identity_generation');
  }
}
