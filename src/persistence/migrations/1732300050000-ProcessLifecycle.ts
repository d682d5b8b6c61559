import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Which version of each process new instances start on, and whether new starts are suspended. */
export class ProcessLifecycle1732300050000 implements MigrationInterface {
  name = 'ProcessLifecycle1732300050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'wf_process',
      columns: [c.id('process_key', 100), c.str('active_definition_id', 64), { ...c.bool('suspended'), default: false },
        c.timestamp('updated_at'), c.str('updated_by', 100, true)],
    }));
    // Processes deployed before: the newest version stays the one new instances start on.
    await queryRunner.query(`INSERT INTO wf_process (process_key, active_definition_id, suspended, updated_at, updated_by)
      SELECT d.process_key, d.id, 0, d.deployed_at, d.deployed_by FROM wf_definition d
      WHERE d.version = (SELECT MAX(v.version) FROM wf_definition v WHERE v.process_key = d.process_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('wf_process');
  }
}
