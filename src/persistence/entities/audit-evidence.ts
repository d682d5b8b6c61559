import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../columns';

/**
 * The last row of each audit chain (scope), written in the same transaction as the rows. A chain whose rows end
 * before its head lost its tail.
 */
@Entity('wf_audit_head')
export class AuditHeadRow {
  @PrimaryColumn({ type: 'varchar', length: 120 }) scope: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 64 }) hash: string;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}

/**
 * A daily anchor: the Merkle root over every chain head at the moment it was made. It is itself written to the
 * audit log (scope `audit:anchors`) and can be exported and filed outside the system; a chain deleted with its
 * head still appears in every anchor made before.
 */
@Entity('wf_audit_anchor')
export class AuditAnchorRow {
  /** YYYY-MM-DD in Asia/Shanghai. */
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'varchar', length: 64 }) root: string;
  @Column({ type: 'int' }) chains: number;
  /** The root of the anchor before, so anchors form a chain of their own. */
  @Column({ name: 'previous_root', type: 'varchar', length: 64, nullable: true }) previousRoot: string | null;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

/** The chain heads an anchor covers (its Merkle leaves). */
@Entity('wf_audit_anchor_head')
@Index('ix_wf_audit_anchor_head_scope', ['scope'])
export class AuditAnchorHeadRow {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 120 }) scope: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}

export const AUDIT_EVIDENCE_ENTITIES = [AuditHeadRow, AuditAnchorRow, AuditAnchorHeadRow];
