import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** The operation an incident interrupted (complete a task with its data, fire a timer), so it can be retried. */
export class IncidentOperation1732300051000 implements MigrationInterface {
  name = 'IncidentOperation1732300051000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.addColumn('wf_incident', new TableColumn(c.text('operation', true)));
    await queryRunner.createIndex('wf_incident', new TableIndex({ name: 'ix_wf_incident_process', columnNames: ['process_key'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('wf_incident', 'ix_wf_incident_process');
    await queryRunner.dropColumn('wf_incident', 'operation');
  }
}
