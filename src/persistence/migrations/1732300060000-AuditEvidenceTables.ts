import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Chain heads and daily anchors of the audit trail. */
export class AuditEvidenceTables1732300060000 implements MigrationInterface {
  name = 'AuditEvidenceTables1732300060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'wf_audit_head',
      columns: [c.id('scope', 120), c.int('seq'), c.str('hash', 64), c.timestamp('updated_at')],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_audit_anchor',
      columns: [c.id('day', 10), c.str('root', 64), c.int('chains'), c.str('previous_root', 64, true), c.timestamp('created_at')],
    }));
    await queryRunner.createTable(new Table({
      name: 'wf_audit_anchor_head',
      columns: [{ ...c.str('day', 10), isPrimary: true }, { ...c.str('scope', 120), isPrimary: true }, c.int('seq'), c.str('hash', 64)],
      indices: [{ name: 'ix_wf_audit_anchor_head_scope', columnNames: ['scope'] }],
    }));
    // Heads of the chains written before this migration: their current last row.
    await queryRunner.query(
      'INSERT INTO wf_audit_head (scope, seq, hash, updated_at) '
      + 'SELECT a.scope, a.seq, a.hash, a.at FROM wf_audit a '
      + 'JOIN (SELECT scope, MAX(seq) AS seq FROM wf_audit GROUP BY scope) last ON last.scope = a.scope AND last.seq = a.seq',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('wf_audit_anchor_head');
    await queryRunner.dropTable('wf_audit_anchor');
    await queryRunner.dropTable('wf_audit_head');
  }
}
