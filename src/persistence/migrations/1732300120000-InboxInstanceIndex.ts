import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The console messages of one process instance, oldest first, for its auditor (GET /instances/:id/notifications). */
export class InboxInstanceIndex1732300120000 implements MigrationInterface {
  name = 'InboxInstanceIndex1732300120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('ntf_inbox', new TableIndex({ name: 'ix_ntf_inbox_instance', columnNames: ['instance_id', 'created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ntf_inbox', 'ix_ntf_inbox_instance');
  }
}
