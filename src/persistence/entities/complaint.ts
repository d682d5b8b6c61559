import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../columns';

import { COMPLAINT_STATUSES, ComplaintStatus } from '../../domain/complaint';

export { COMPLAINT_STATUSES, type ComplaintStatus };

export const SATISFACTIONS = ['satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/**
 * One complaint, suggestion or inquiry (客户投诉/建议信息登记处理单 R/G095-1). The SLA columns
 * (`*_due_at`, `*_at`) feed penalties (overdue days) and the monthly statistics.
 */
@Entity('complaint')
@Index('uq_complaint_dept_year_seq', ['registeringDeptCode', 'year', 'seq'], { unique: true })
@Index('ix_complaint_repeat_lookup', ['complainantKey', 'category', 'receivedAt'])
@Index('ix_complaint_customer', ['complainantName'])
@Index('ix_complaint_received_id', ['receivedAt', 'id'])
export class ComplaintRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  /** e.g. 2026KF001 (003 表一 编号规则). */
  @Index('uq_complaint_number', { unique: true }) @Column({ type: 'varchar', length: 30 }) number: string;
  @Column({ type: 'int' }) year: number;
  @Column({ name: 'registering_dept_code', type: 'varchar', length: 10 }) registeringDeptCode: string;
  @Column({ type: 'int' }) seq: number;

  @Column({ name: 'complainant_name', type: 'varchar', length: 100 }) complainantName: string;
  @Column({ name: 'complainant_org', type: 'varchar', length: 200, nullable: true }) complainantOrg: string | null;
  @Column({ name: 'complainant_address', type: 'varchar', length: 300, nullable: true }) complainantAddress: string | null;
  @Column({ name: 'complainant_phone', type: 'varchar', length: 40, nullable: true }) complainantPhone: string | null;
  @Column({ name: 'complainant_email', type: 'varchar', length: 200, nullable: true }) complainantEmail: string | null;
  /** complainantKey() of the domain: same person for repeat-complaint detection. */
  @Column({ name: 'complainant_key', type: 'varchar', length: 220 }) complainantKey: string;

  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Index('ix_complaint_kind') @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 20 }) origin: string;
  @Column({ type: 'varchar', length: 20 }) level: string;
  @Index('ix_complaint_category') @Column({ type: 'varchar', length: 30 }) category: string;
  @Index('ix_complaint_severity') @Column({ type: 'varchar', length: 20 }) severity: string;
  /** Needs several departments (000 4.2.2 复杂投诉): routed like a major one. */
  @Column({ name: 'is_complex', type: 'boolean' }) isComplex: boolean;
  @Column({ type: 'text' }) content: string;
  @Column({ name: 'customer_demand', type: 'text', nullable: true }) customerDemand: string | null;
  @TimestampColumn({ name: 'requested_reply_at', nullable: true }) requestedReplyAt: Date | null;
  /** Attachment descriptions or links. */
  @JsonColumn() evidence: string[];

  @Column({ name: 'received_by', type: 'varchar', length: 64 }) receivedBy: string;
  @Index('ix_complaint_received_at') @TimestampColumn({ name: 'received_at' }) receivedAt: Date;
  /** Department the complaint was dispatched to; null until dispatched. */
  @Index('ix_complaint_responsible_dept') @Column({ name: 'responsible_dept_code', type: 'varchar', length: 10, nullable: true }) responsibleDeptCode: string | null;
  /** Candidate group that handles it (routing of 000 4.2.2), null until classified. */
  @Column({ name: 'handler_group', type: 'varchar', length: 40, nullable: true }) handlerGroup: string | null;
  @Index('ix_complaint_instance') @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true }) instanceId: string | null;

  @Index('ix_complaint_status') @Column({ type: 'varchar', length: 30 }) status: ComplaintStatus;
  /** Name(s) of the waiting user task(s), for lists; null once the process ended. */
  @Column({ name: 'current_step', type: 'varchar', length: 300, nullable: true }) currentStep: string | null;

  @TimestampColumn({ name: 'response_due_at', nullable: true }) responseDueAt: Date | null;
  @TimestampColumn({ name: 'resolution_due_at', nullable: true }) resolutionDueAt: Date | null;
  @TimestampColumn({ name: 'capa_due_at', nullable: true }) capaDueAt: Date | null;
  @TimestampColumn({ name: 'dispatched_at', nullable: true }) dispatchedAt: Date | null;
  @TimestampColumn({ name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @TimestampColumn({ name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @TimestampColumn({ name: 'capa_at', nullable: true }) capaAt: Date | null;
  @TimestampColumn({ name: 'closed_at', nullable: true }) closedAt: Date | null;
  @TimestampColumn({ name: 'callback_due_at', nullable: true }) callbackDueAt: Date | null;
  @TimestampColumn({ name: 'callback_at', nullable: true }) callbackAt: Date | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) satisfaction: Satisfaction | null;
  /** The division leader's final decision after repeated dissatisfaction (003 4.2.3). */
  @Column({ name: 'leader_decision', type: 'text', nullable: true }) leaderDecision: string | null;
  /** Times the customer was dissatisfied and the complaint was handled again. */
  @Column({ name: 'reopen_count', type: 'int', default: 0 }) reopenCount: number;
  /** 0 = not escalated; n = escalationChain[n] of the policy is in charge (000 4.4). */
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel: number;
  @Index('ix_complaint_is_repeat') @Column({ name: 'is_repeat', type: 'boolean' }) isRepeat: boolean;
  /** Number of the earlier complaint this one repeats. */
  @Column({ name: 'repeat_of', type: 'varchar', length: 30, nullable: true }) repeatOf: string | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** Next free sequence number per registering department and year; locked by the registering transaction. */
@Entity('complaint_sequence')
export class ComplaintSequenceRow {
  @PrimaryColumn({ name: 'dept_code', type: 'varchar', length: 10 }) deptCode: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ name: 'next_seq', type: 'int' }) nextSeq: number;
}

/** The first answer to a registration carrying an Idempotency-Key, replayed for retries. */
@Entity('complaint_idempotency')
export class ComplaintIdempotencyRow {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 100 }) idempotencyKey: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) username: string;
  /** SHA-256 of the canonical request body; a different body under the same key is a conflict. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash: string;
  @Column({ name: 'complaint_number', type: 'varchar', length: 30 }) complaintNumber: string;
  @JsonColumn() response: Record<string, unknown>;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

export const COMPLAINT_ENTITIES = [ComplaintRow, ComplaintSequenceRow, ComplaintIdempotencyRow];
