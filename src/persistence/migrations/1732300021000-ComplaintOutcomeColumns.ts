import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Handling outcome facts on the complaint: CAPA record and its review, root-cause meeting, final reply, timeliness. */
export class ComplaintOutcomeColumns1732300021000 implements MigrationInterface {
  name = 'ComplaintOutcomeColumns1732300021000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    const columns = [
      c.text('handling_cause', true), c.text('handling_result', true),
      c.text('corrective_action', true), c.text('preventive_action', true), c.bool('measures_in_place', true),
      c.bool('capa_approved', true), c.text('capa_review_opinion', true), c.str('capa_reviewed_by', 64, true), c.timestamp('capa_reviewed_at', true),
      c.timestamp('root_cause_meeting_at', true), c.text('root_cause_attendees', true), c.text('root_cause', true), c.text('root_cause_measures', true),
      c.text('final_reply', true), c.timestamp('final_reply_at', true),
      c.int('response_minutes', true), c.bool('responded_within_limit', true), c.int('resolution_minutes', true), c.bool('resolved_within_limit', true),
    ];
    await queryRunner.addColumns('complaint', columns.map((column) => new TableColumn(column)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const names = ['handling_cause', 'handling_result', 'corrective_action', 'preventive_action', 'measures_in_place', 'capa_approved',
      'capa_review_opinion', 'capa_reviewed_by', 'capa_reviewed_at', 'root_cause_meeting_at', 'root_cause_attendees', 'root_cause',
      'root_cause_measures', 'final_reply', 'final_reply_at', 'response_minutes', 'responded_within_limit', 'resolution_minutes',
      'resolved_within_limit'];
    for (const name of names) await queryRunner.dropColumn('complaint', name);
  }
}
