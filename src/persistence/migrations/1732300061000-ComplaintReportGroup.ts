import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** The complaint's place in the monthly statistics (表四 group, e.g. `broadband.drops`), chosen at dispatch. */
export class ComplaintReportGroup1732300061000 implements MigrationInterface {
  name = 'ComplaintReportGroup1732300061000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('complaint', new TableColumn(columnTypes(queryRunner).str('report_group', 60, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('complaint', 'report_group');
  }
}
