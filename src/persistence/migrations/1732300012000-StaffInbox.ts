import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Console inbox rows per user, overdue announcements once per task, and per-user console preferences. */
export class StaffInbox1732300012000 implements MigrationInterface {
  name = 'StaffInbox1732300012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'ntf_inbox',
      columns: [c.id('id'), c.str('user_id', 36), c.str('source_key', 64), c.str('kind', 60), c.str('template', 60),
        c.str('title', 300), c.text('body'), c.str('task_id', 36, true), c.str('complaint_number', 30, true),
        c.str('instance_id', 36), c.timestamp('created_at'), c.timestamp('read_at', true)],
      indices: [
        { name: 'uq_ntf_inbox_source', columnNames: ['user_id', 'source_key'], isUnique: true },
        { name: 'ix_ntf_inbox_user_created', columnNames: ['user_id', 'created_at', 'id'] },
        { name: 'ix_ntf_inbox_user_read', columnNames: ['user_id', 'read_at'] },
      ],
      foreignKeys: [{ name: 'fk_ntf_inbox_user', columnNames: ['user_id'], referencedTableName: 'org_user', referencedColumnNames: ['id'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'ntf_task_overdue',
      columns: [c.id('item_id'), c.timestamp('notified_at')],
    }));
    await queryRunner.createTable(new Table({
      name: 'org_user_preference',
      columns: [c.id('user_id'), c.text('inbox_filters'), c.timestamp('updated_at')],
      foreignKeys: [{ name: 'fk_org_user_preference_user', columnNames: ['user_id'], referencedTableName: 'org_user', referencedColumnNames: ['id'] }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['org_user_preference', 'ntf_task_overdue', 'ntf_inbox']) await queryRunner.dropTable(table);
  }
}
