import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The request an audit entry was written in (X-Request-Id), to match it with that request's log lines. */
export class AuditRequestId1732300091000 implements MigrationInterface {
  name = 'AuditRequestId1732300091000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('wf_audit', new TableColumn({ name: 'request_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('wf_audit', 'request_id');
  }
}
