import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../columns';

import { COMPLAINT_STATUSES, ComplaintStatus, Satisfaction } from '../../domain/complaint';

export { COMPLAINT_STATUSES, type ComplaintStatus };

/**
 * One complaint, suggestion or inquiry (客户投诉/建议信息登记处理单 R/G095-1). The SLA columns
 * (`*_due_at`, `*_at`) feed penalties (overdue days) and the monthly statistics.
 */
@Entity('complaint')
@Index('uq_complaint_dept_year_seq', ['registeringDeptCode', 'year', 'seq'], { unique: true })
@Index('ix_complaint_repeat_lookup', ['complainantKey', 'category', 'receivedAt'])
@Index('ix_complaint_customer', ['complainantName'])
@Index('ix_complaint_received_id', ['receivedAt', 'id'])
// GET /complaints: each filter's equality and the newest-first keyset order in one index (migration 1732300100000)
@Index('ix_complaint_status_received', ['status', 'receivedAt', 'id'])
@Index('ix_complaint_dept_received', ['responsibleDeptCode', 'receivedAt', 'id'])
@Index('ix_complaint_kind_received', ['kind', 'receivedAt', 'id'])
@Index('ix_complaint_severity_received', ['severity', 'receivedAt', 'id'])
@Index('ix_complaint_category_received', ['category', 'receivedAt', 'id'])
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
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 20 }) origin: string;
  @Column({ type: 'varchar', length: 20 }) level: string;
  @Column({ type: 'varchar', length: 30 }) category: string;
  @Column({ type: 'varchar', length: 20 }) severity: string;
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
  @Column({ name: 'responsible_dept_code', type: 'varchar', length: 10, nullable: true }) responsibleDeptCode: string | null;
  /** Candidate group that handles it (routing of 000 4.2.2), null until classified. */
  @Column({ name: 'handler_group', type: 'varchar', length: 40, nullable: true }) handlerGroup: string | null;
  /** Place in the monthly statistics (表四, config/report-groups.json), e.g. `broadband.drops`; chosen at dispatch. */
  @Column({ name: 'report_group', type: 'varchar', length: 60, nullable: true }) reportGroup: string | null;
  @Index('ix_complaint_instance') @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true }) instanceId: string | null;

  @Column({ type: 'varchar', length: 30 }) status: ComplaintStatus;
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

  // ---- handling outcome (001 6.6.4 yearly summary, 003 表二): filled as the steps complete ----
  /** Cause found by the investigation (调查处理 原因分析). */
  @Column({ name: 'handling_cause', type: 'text', nullable: true }) handlingCause: string | null;
  @Column({ name: 'handling_result', type: 'text', nullable: true }) handlingResult: string | null;
  /** 纠正和预防措施记录表 (003 表二). */
  @Column({ name: 'corrective_action', type: 'text', nullable: true }) correctiveAction: string | null;
  @Column({ name: 'preventive_action', type: 'text', nullable: true }) preventiveAction: string | null;
  @Column({ name: 'measures_in_place', type: 'boolean', nullable: true }) measuresInPlace: boolean | null;
  /** 分管领导意见 on the CAPA record (003 4.2.2); approved or sent back. */
  @Column({ name: 'capa_approved', type: 'boolean', nullable: true }) capaApproved: boolean | null;
  @Column({ name: 'capa_review_opinion', type: 'text', nullable: true }) capaReviewOpinion: string | null;
  @Column({ name: 'capa_reviewed_by', type: 'varchar', length: 64, nullable: true }) capaReviewedBy: string | null;
  @TimestampColumn({ name: 'capa_reviewed_at', nullable: true }) capaReviewedAt: Date | null;
  /** Root-cause analysis meeting of major and serious complaints (001 6.3.3). */
  @TimestampColumn({ name: 'root_cause_meeting_at', nullable: true }) rootCauseMeetingAt: Date | null;
  @Column({ name: 'root_cause_attendees', type: 'text', nullable: true }) rootCauseAttendees: string | null;
  @Column({ name: 'root_cause', type: 'text', nullable: true }) rootCause: string | null;
  @Column({ name: 'root_cause_measures', type: 'text', nullable: true }) rootCauseMeasures: string | null;
  /** The reply to the customer along the division leader's final decision (003 4.2.3). */
  @Column({ name: 'final_reply', type: 'text', nullable: true }) finalReply: string | null;
  @TimestampColumn({ name: 'final_reply_at', nullable: true }) finalReplyAt: Date | null;
  /** Minutes from receipt to the first response / to the resolution, and whether within the limits. */
  @Column({ name: 'response_minutes', type: 'int', nullable: true }) responseMinutes: number | null;
  @Column({ name: 'responded_within_limit', type: 'boolean', nullable: true }) respondedWithinLimit: boolean | null;
  @Column({ name: 'resolution_minutes', type: 'int', nullable: true }) resolutionMinutes: number | null;
  @Column({ name: 'resolved_within_limit', type: 'boolean', nullable: true }) resolvedWithinLimit: boolean | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** The handling outcome columns, filled by the complaint handlers as the steps complete. */
export const COMPLAINT_OUTCOME_UNSET = {
  handlingCause: null, handlingResult: null, correctiveAction: null, preventiveAction: null, measuresInPlace: null,
  capaApproved: null, capaReviewOpinion: null, capaReviewedBy: null, capaReviewedAt: null,
  rootCauseMeetingAt: null, rootCauseAttendees: null, rootCause: null, rootCauseMeasures: null, finalReply: null, finalReplyAt: null,
  responseMinutes: null, respondedWithinLimit: null, resolutionMinutes: null, resolvedWithinLimit: null,
} as const;

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

/** A number taken from a gap-free sequence and not yet on a committed record (see number-holds.ts). */
@Entity('number_hold')
export class NumberHoldRow {
  @PrimaryColumn({ name: 'sequence_name', type: 'varchar', length: 80 }) sequenceName: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @TimestampColumn({ name: 'held_until' }) heldUntil: Date;
  @Column({ type: 'boolean' }) released: boolean;
}

export const COMPLAINT_ENTITIES = [ComplaintRow, ComplaintSequenceRow, ComplaintIdempotencyRow, NumberHoldRow];
