import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from './schema-helpers';

/**
 * A system failure not caused by people (003 4.3.2 e) under policy readings.nonHumanOutage = exemptOnConfirmation:
 * the department's outage explanation (系统故障情况说明) and improvement measures (改进措施) are filed on the penalty
 * itself, and the division leader's confirmation is recorded next to them. Later failures of the department are
 * repeats when measures were promised before.
 */
export class PenaltyOutageStatement1732300080000 implements MigrationInterface {
  name = 'PenaltyOutageStatement1732300080000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.addColumns('pen_penalty', [
      new TableColumn(c.text('outage_explanation', true)),
      new TableColumn(c.text('improvement_measures', true)),
      new TableColumn(c.str('outage_filed_by', 64, true)),
      new TableColumn(c.bool('outage_confirmed', true)),
      new TableColumn(c.text('outage_leader_comment', true)),
      new TableColumn(c.str('outage_decided_by', 64, true)),
      new TableColumn(c.timestamp('outage_decided_at', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['outage_decided_at', 'outage_decided_by', 'outage_leader_comment', 'outage_confirmed', 'outage_filed_by', 'improvement_measures', 'outage_explanation']) {
      await queryRunner.dropColumn('pen_penalty', column);
    }
  }
}
