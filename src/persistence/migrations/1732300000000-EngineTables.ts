import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

export class EngineTables1732300000000 implements MigrationInterface {
  name = 'EngineTables1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'wf_definition',
      columns: [c.id('id', 64), c.str('process_key', 100), c.int('version'), c.text('source'),
        c.str('deployed_by', 100, true), c.timestamp('deployed_at')],
      indices: [{ name: 'uq_wf_definition_key_version', columnNames: ['process_key', 'version'], isUnique: true }],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_instance',
      columns: [c.id('id'), c.str('process_key', 100), c.str('definition_id', 64), c.str('status', 20), c.int('revision'),
        c.str('business_key', 100, true), c.str('parent_item_id', 36, true), c.timestamp('started_at'),
        c.timestamp('ended_at', true), c.timestamp('updated_at'), c.text('data'), c.text('state')],
      indices: [
        { name: 'ix_wf_instance_process_key', columnNames: ['process_key'] },
        { name: 'ix_wf_instance_status', columnNames: ['status'] },
        { name: 'ix_wf_instance_business_key', columnNames: ['business_key'] },
        { name: 'ix_wf_instance_parent_item', columnNames: ['parent_item_id'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_item',
      columns: [c.id('id'), c.str('instance_id', 36), c.int('seq'), c.str('element_id', 100), c.str('element_type', 60),
        c.str('name', 200, true), c.str('status', 20), c.str('assignee', 100, true), c.timestamp('due_at', true),
        c.timestamp('timer_due_at', true), c.str('message_id', 100, true), c.str('signal_id', 100, true),
        c.str('item_key', 100, true), c.timestamp('started_at', true), c.timestamp('ended_at', true), c.text('payload')],
      indices: [
        { name: 'ix_wf_item_instance_seq', columnNames: ['instance_id', 'seq'] },
        { name: 'ix_wf_item_status_due', columnNames: ['status', 'due_at'] },
        { name: 'ix_wf_item_element', columnNames: ['element_id'] },
        { name: 'ix_wf_item_assignee', columnNames: ['assignee'] },
        { name: 'ix_wf_item_due', columnNames: ['due_at'] },
        { name: 'ix_wf_item_timer_due', columnNames: ['timer_due_at'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_candidate',
      columns: [c.id('item_id'), { ...c.str('kind', 10), isPrimary: true }, { ...c.str('value', 100), isPrimary: true },
        c.str('instance_id', 36), c.str('due_sort', 30)],
      indices: [
        { name: 'ix_wf_candidate_lookup', columnNames: ['kind', 'value', 'due_sort', 'item_id'] },
        { name: 'ix_wf_candidate_instance', columnNames: ['instance_id'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_timer',
      columns: [c.id('item_id'), c.str('instance_id', 36), c.str('element_id', 100), c.timestamp('due_at'),
        c.str('lease_owner', 100, true), c.timestamp('lease_until', true), { ...c.int('attempts'), default: 0 },
        c.text('last_error', true)],
      indices: [
        { name: 'ix_wf_timer_due', columnNames: ['due_at'] },
        { name: 'ix_wf_timer_instance', columnNames: ['instance_id'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_lock',
      columns: [c.id('instance_id'), c.str('owner', 100), c.timestamp('expires_at')],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_incident',
      columns: [c.serial(), c.str('instance_id', 36, true), c.str('item_id', 36, true), c.str('element_id', 100, true),
        c.str('process_key', 100, true), c.str('kind', 40), c.text('message'), c.timestamp('created_at'),
        c.timestamp('resolved_at', true)],
      indices: [{ name: 'ix_wf_incident_instance', columnNames: ['instance_id'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_audit',
      columns: [c.serial(), c.str('scope', 120), c.int('seq'), c.str('item_id', 36, true), c.str('element_id', 100, true),
        c.str('action', 40), c.str('actor', 100, true), c.timestamp('at'), c.text('before', true), c.text('after', true),
        c.str('prev_hash', 64), c.str('hash', 64)],
      indices: [
        { name: 'uq_wf_audit_scope_seq', columnNames: ['scope', 'seq'], isUnique: true },
        { name: 'ix_wf_audit_action', columnNames: ['action'] },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['wf_audit', 'wf_incident', 'wf_lock', 'wf_timer', 'wf_candidate', 'wf_item', 'wf_instance', 'wf_definition']) {
      await queryRunner.dropTable(table);
    }
  }
}
