import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks that were already waiting when TaskPriorityIndex added wf_candidate.priority_rank got rank 0; this gives
 * them the rank of their task's camunda:priority (stored negated, so the index walks highest first), as new tasks get.
 */
export class BackfillTaskPriority1732300092000 implements MigrationInterface {
  name = 'BackfillTaskPriority1732300092000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      const priority = "JSON_UNQUOTE(JSON_EXTRACT(i.payload, '$.priority'))";
      await queryRunner.query(`UPDATE wf_candidate c JOIN wf_item i ON i.id = c.item_id
        SET c.priority_rank = -(CASE WHEN ${priority} REGEXP '^-?[0-9]+$' THEN CAST(${priority} AS SIGNED) ELSE 0 END)
        WHERE c.priority_rank = 0`);
      return;
    }
    await queryRunner.query(`UPDATE wf_candidate SET priority_rank = -COALESCE((
        SELECT CAST(json_extract(i.payload, '$.priority') AS INTEGER) FROM wf_item i WHERE i.id = wf_candidate.item_id), 0)
      WHERE priority_rank = 0`);
  }

  async down(): Promise<void> {}
}
