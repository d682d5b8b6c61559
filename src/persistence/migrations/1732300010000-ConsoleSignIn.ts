import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Console sign-in: password hashes, sessions and failed sign-ins (for throttling). */
export class ConsoleSignIn1732300010000 implements MigrationInterface {
  name = 'ConsoleSignIn1732300010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    const userForeignKey = (table: string) => ({
      name: `fk_${table}_user`, columnNames: ['user_id'], referencedTableName: 'org_user', referencedColumnNames: ['id'],
    });
    await queryRunner.createTable(new Table({
      name: 'org_password',
      columns: [c.id('user_id'), c.str('password_hash', 200), c.timestamp('changed_at')],
      foreignKeys: [userForeignKey('org_password')],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_session',
      columns: [c.id('id'), c.str('session_hash', 64), c.str('user_id', 36), c.timestamp('created_at'),
        c.timestamp('last_seen_at'), c.timestamp('expires_at'), c.timestamp('ended_at', true)],
      indices: [
        { name: 'uq_org_session_hash', columnNames: ['session_hash'], isUnique: true },
        { name: 'ix_org_session_user', columnNames: ['user_id'] },
      ],
      foreignKeys: [userForeignKey('org_session')],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_login_failure',
      columns: [c.id('id'), c.str('throttle_key', 120), c.timestamp('failed_at')],
      indices: [{ name: 'ix_org_login_failure_key', columnNames: ['throttle_key', 'failed_at'] }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['org_login_failure', 'org_session', 'org_password']) await queryRunner.dropTable(table);
  }
}
