import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The penalty case a console notification is about (notice issued, exemption decided), so the bell opens that case. */
export class InboxPenaltyLink1732300110000 implements MigrationInterface {
  name = 'InboxPenaltyLink1732300110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ntf_inbox', new TableColumn({ name: 'penalty_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ntf_inbox', 'penalty_id');
  }
}
