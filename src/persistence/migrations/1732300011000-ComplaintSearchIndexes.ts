import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The console's complaint search: customer name prefixes, and newest-first keyset pages (received_at, id). */
export class ComplaintSearchIndexes1732300011000 implements MigrationInterface {
  name = 'ComplaintSearchIndexes1732300011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('complaint', new TableIndex({ name: 'ix_complaint_customer', columnNames: ['complainant_name'] }));
    await queryRunner.createIndex('complaint', new TableIndex({ name: 'ix_complaint_received_id', columnNames: ['received_at', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('complaint', 'ix_complaint_received_id');
    await queryRunner.dropIndex('complaint', 'ix_complaint_customer');
  }
}
