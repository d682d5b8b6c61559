import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** The task list sorted by priority (highest first) as a keyset walk of its own index. */
export class TaskPriorityIndex1732300022000 implements MigrationInterface {
  name = 'TaskPriorityIndex1732300022000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.addColumn('wf_candidate', new TableColumn({ ...c.int('priority_rank'), default: 0 }));
    await queryRunner.createIndex('wf_candidate', new TableIndex({
      name: 'ix_wf_candidate_priority', columnNames: ['kind', 'value', 'priority_rank', 'due_sort', 'item_id'],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('wf_candidate', 'ix_wf_candidate_priority');
    await queryRunner.dropColumn('wf_candidate', 'priority_rank');
  }
}
