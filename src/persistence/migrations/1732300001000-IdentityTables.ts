import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

export class IdentityTables1732300001000 implements MigrationInterface {
  name = 'IdentityTables1732300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'org_department',
      columns: [c.id('id'), c.str('code', 10), c.str('name', 100), c.timestamp('created_at')],
      indices: [
        { name: 'uq_org_department_code', columnNames: ['code'], isUnique: true },
        { name: 'uq_org_department_name', columnNames: ['name'], isUnique: true },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_user',
      columns: [c.id('id'), c.str('username', 64), c.str('display_name', 100), c.str('department_id', 36),
        c.bool('active'), c.timestamp('created_at')],
      indices: [
        { name: 'uq_org_user_username', columnNames: ['username'], isUnique: true },
        { name: 'ix_org_user_department', columnNames: ['department_id'] },
      ],
      foreignKeys: [{
        name: 'fk_org_user_department', columnNames: ['department_id'],
        referencedTableName: 'org_department', referencedColumnNames: ['id'],
      }],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_user_group',
      columns: [c.id('user_id'), { ...c.str('group_id', 40), isPrimary: true }, c.bool('is_head')],
      indices: [{ name: 'ix_org_user_group_group', columnNames: ['group_id'] }],
      foreignKeys: [{
        name: 'fk_org_user_group_user', columnNames: ['user_id'],
        referencedTableName: 'org_user', referencedColumnNames: ['id'],
      }],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_api_token',
      columns: [c.id('id'), c.str('user_id', 36), c.str('token_hash', 64), c.str('label', 100, true),
        c.timestamp('created_at'), c.timestamp('last_used_at', true), c.timestamp('revoked_at', true)],
      indices: [
        { name: 'uq_org_api_token_hash', columnNames: ['token_hash'], isUnique: true },
        { name: 'ix_org_api_token_user', columnNames: ['user_id'] },
      ],
      foreignKeys: [{
        name: 'fk_org_api_token_user', columnNames: ['user_id'],
        referencedTableName: 'org_user', referencedColumnNames: ['id'],
      }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['org_api_token', 'org_user_group', 'org_user', 'org_department']) {
      await queryRunner.dropTable(table);
    }
  }
}
