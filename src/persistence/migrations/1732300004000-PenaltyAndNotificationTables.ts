import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

export class PenaltyAndNotificationTables1732300004000 implements MigrationInterface {
  name = 'PenaltyAndNotificationTables1732300004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'pen_penalty',
      columns: [c.id('id'), c.str('complaint_number', 30), c.str('instance_id', 36), c.str('category', 40), c.str('department_code', 10),
        c.str('responsible_person', 100), c.text('facts'), c.str('status', 20), c.str('proposed_by', 64), c.str('opinion_by', 64, true),
        c.str('notice_number', 30, true), c.int('total_fen', true), c.timestamp('created_at'), c.timestamp('updated_at')],
      indices: [
        { name: 'ix_pen_penalty_complaint', columnNames: ['complaint_number'] },
        { name: 'uq_pen_penalty_instance', columnNames: ['instance_id'], isUnique: true },
        { name: 'ix_pen_penalty_department', columnNames: ['department_code'] },
        { name: 'uq_pen_penalty_notice', columnNames: ['notice_number'], isUnique: true },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'pen_notice_sequence',
      columns: [{ ...c.int('year'), isPrimary: true }, { ...c.str('department_code', 10), isPrimary: true }, c.int('last_seq')],
    }));
    await queryRunner.createTable(new Table({
      name: 'pen_exemption',
      columns: [c.id('id'), c.str('penalty_id', 36), c.str('instance_id', 36), c.str('department_code', 10), c.str('requested_by', 64),
        c.text('reasons'), c.text('outage_explanation', true), c.text('improvement_measures', true),
        c.text('general_affairs_opinion', true), c.text('service_desk_opinion', true), c.text('leader_opinion', true), c.text('manager_opinion', true),
        c.str('status', 20),
        c.text('decision_note', true), c.timestamp('decided_at', true), c.timestamp('created_at')],
      indices: [
        { name: 'ix_pen_exemption_penalty', columnNames: ['penalty_id'] },
        { name: 'uq_pen_exemption_instance', columnNames: ['instance_id'], isUnique: true },
      ],
      foreignKeys: [{ name: 'fk_pen_exemption_penalty', columnNames: ['penalty_id'], referencedTableName: 'pen_penalty', referencedColumnNames: ['id'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'pen_ledger_entry',
      columns: [c.serial('seq'), c.str('id', 36), c.str('entry_key', 120), c.str('kind', 20), c.str('department_code', 10), c.int('amount_fen'),
        c.str('payroll_month', 7), c.str('penalty_id', 36, true), c.str('complaint_number', 30, true), c.str('fine_entry_id', 36, true),
        c.str('reason', 300), c.timestamp('created_at'), c.str('created_by', 64)],
      indices: [
        { name: 'uq_pen_ledger_entry_id', columnNames: ['id'], isUnique: true },
        { name: 'uq_pen_ledger_entry_key', columnNames: ['entry_key'], isUnique: true },
        { name: 'ix_pen_ledger_month_department', columnNames: ['payroll_month', 'department_code'] },
        { name: 'ix_pen_ledger_penalty', columnNames: ['penalty_id'] },
      ],
      foreignKeys: [{ name: 'fk_pen_ledger_fine_entry', columnNames: ['fine_entry_id'], referencedTableName: 'pen_ledger_entry', referencedColumnNames: ['id'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'ntf_outbox',
      columns: [c.id('id'), c.str('idempotency_key', 64), c.str('instance_id', 36), c.str('element_id', 100), c.str('template', 60),
        c.str('channel', 10), c.str('recipient', 200), c.str('subject', 300), c.text('body'), c.text('payload'), c.str('status', 10),
        c.int('attempts'), c.timestamp('next_attempt_at'), c.str('lease_owner', 100, true), c.timestamp('lease_until', true),
        c.timestamp('sent_at', true), c.text('last_error', true), c.timestamp('created_at')],
      indices: [
        { name: 'uq_ntf_outbox_key', columnNames: ['idempotency_key'], isUnique: true },
        { name: 'ix_ntf_outbox_due', columnNames: ['status', 'next_attempt_at'] },
        { name: 'ix_ntf_outbox_instance', columnNames: ['instance_id'] },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ntf_outbox', 'pen_ledger_entry', 'pen_exemption', 'pen_notice_sequence', 'pen_penalty']) {
      await queryRunner.dropTable(table);
    }
  }
}
