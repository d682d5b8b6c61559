import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

export class ComplaintTables1732300002000 implements MigrationInterface {
  name = 'ComplaintTables1732300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'complaint',
      columns: [
        c.id('id'), c.str('number', 30), c.int('year'), c.str('registering_dept_code', 10), c.int('seq'),
        c.str('complainant_name', 100), c.str('complainant_org', 200, true), c.str('complainant_address', 300, true),
        c.str('complainant_phone', 40, true), c.str('complainant_email', 200, true), c.str('complainant_key', 220),
        c.str('channel', 20), c.str('kind', 20), c.str('origin', 20), c.str('level', 20), c.str('category', 30),
        c.str('severity', 20), c.bool('is_complex'), c.text('content'), c.text('customer_demand', true),
        c.timestamp('requested_reply_at', true), c.text('evidence'),
        c.str('received_by', 64), c.timestamp('received_at'), c.str('responsible_dept_code', 10, true),
        c.str('handler_group', 40, true), c.str('instance_id', 36, true),
        c.str('status', 30), c.str('current_step', 300, true),
        c.timestamp('response_due_at', true), c.timestamp('resolution_due_at', true), c.timestamp('capa_due_at', true),
        c.timestamp('dispatched_at', true), c.timestamp('responded_at', true), c.timestamp('resolved_at', true),
        c.timestamp('capa_at', true), c.timestamp('closed_at', true), c.timestamp('callback_due_at', true),
        c.timestamp('callback_at', true), c.str('satisfaction', 20, true), c.text('leader_decision', true),
        { ...c.int('reopen_count'), default: 0 }, { ...c.int('escalation_level'), default: 0 },
        c.bool('is_repeat'), c.str('repeat_of', 30, true),
        c.timestamp('created_at'), c.timestamp('updated_at'),
      ],
      indices: [
        { name: 'uq_complaint_number', columnNames: ['number'], isUnique: true },
        { name: 'uq_complaint_dept_year_seq', columnNames: ['registering_dept_code', 'year', 'seq'], isUnique: true },
        { name: 'ix_complaint_repeat_lookup', columnNames: ['complainant_key', 'category', 'received_at'] },
        { name: 'ix_complaint_kind', columnNames: ['kind'] },
        { name: 'ix_complaint_category', columnNames: ['category'] },
        { name: 'ix_complaint_severity', columnNames: ['severity'] },
        { name: 'ix_complaint_received_at', columnNames: ['received_at'] },
        { name: 'ix_complaint_responsible_dept', columnNames: ['responsible_dept_code'] },
        { name: 'ix_complaint_instance', columnNames: ['instance_id'] },
        { name: 'ix_complaint_status', columnNames: ['status'] },
        { name: 'ix_complaint_is_repeat', columnNames: ['is_repeat'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'complaint_sequence',
      columns: [{ ...c.str('dept_code', 10), isPrimary: true }, { ...c.int('year'), isPrimary: true }, c.int('next_seq')],
    }));
    await queryRunner.createTable(new Table({
      name: 'complaint_idempotency',
      columns: [{ ...c.str('idempotency_key', 100), isPrimary: true }, { ...c.str('username', 64), isPrimary: true },
        c.str('request_hash', 64), c.str('complaint_number', 30), c.text('response'), c.timestamp('created_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['complaint_idempotency', 'complaint_sequence', 'complaint']) await queryRunner.dropTable(table);
  }
}
