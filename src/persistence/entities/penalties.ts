import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, JsonColumn, TimestampColumn } from '../columns';

/** `exempted`: a system failure nobody caused, let off once the division leader confirmed the outage explanation (003 4.3.2 e). */
export const PENALTY_STATUSES = ['proposed', 'noticeIssued', 'executed', 'rejected', 'handedToCompany', 'exempted'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

/** A penalty case (003 4.3) for one complaint, driven by the `penalty` process. */
@Entity('pen_penalty')
export class PenaltyRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_pen_penalty_complaint') @Column({ name: 'complaint_number', type: 'varchar', length: 30 }) complaintNumber: string;
  @Index('uq_pen_penalty_instance', { unique: true }) @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  /** A FineInputCategory of the domain (serviceConduct, serviceTimeLimit, …). */
  @Column({ type: 'varchar', length: 40 }) category: string;
  /** The department that owns the case and receives the notice (policy department code). */
  @Index('ix_pen_penalty_department') @Column({ name: 'department_code', type: 'varchar', length: 10 }) departmentCode: string;
  @Column({ name: 'responsible_person', type: 'varchar', length: 100 }) responsiblePerson: string;
  /** What happened, as the category needs it (violations, occurrences, publisher/receiver, causedByPeople …). */
  @JsonColumn() facts: Record<string, any>;
  @Column({ type: 'varchar', length: 20 }) status: PenaltyStatus;
  /** Username of whoever started the case. */
  @Column({ name: 'proposed_by', type: 'varchar', length: 64 }) proposedBy: string;
  /** Username of whoever recorded the department's penalty opinion. */
  @Column({ name: 'opinion_by', type: 'varchar', length: 64, nullable: true }) opinionBy: string | null;
  @Index('uq_pen_penalty_notice', { unique: true }) @Column({ name: 'notice_number', type: 'varchar', length: 30, nullable: true }) noticeNumber: string | null;
  /** Fine computed by calculateFine when the notice was issued; null before. */
  @FenColumn({ name: 'total_fen', nullable: true }) totalFen: number | null;
  /** Opened while another case for the same complaint, category and department stood: declared a separate breach. */
  @Column({ name: 'additional_breach', type: 'boolean', default: false }) additionalBreach: boolean;
  /**
   * A system failure not caused by people (003 4.3.2 e, readings.nonHumanOutage = exemptOnConfirmation): the department
   * head's outage explanation (系统故障情况说明) and improvement measures (改进措施), and the division leader's decision
   * on them (null while undecided or when no confirmation was asked for).
   */
  @Column({ name: 'outage_explanation', type: 'text', nullable: true }) outageExplanation: string | null;
  @Column({ name: 'improvement_measures', type: 'text', nullable: true }) improvementMeasures: string | null;
  @Column({ name: 'outage_filed_by', type: 'varchar', length: 64, nullable: true }) outageFiledBy: string | null;
  @Column({ name: 'outage_confirmed', type: 'boolean', nullable: true }) outageConfirmed: boolean | null;
  @Column({ name: 'outage_leader_comment', type: 'text', nullable: true }) outageLeaderComment: string | null;
  @Column({ name: 'outage_decided_by', type: 'varchar', length: 64, nullable: true }) outageDecidedBy: string | null;
  @TimestampColumn({ name: 'outage_decided_at', nullable: true }) outageDecidedAt: Date | null;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** The first answer to opening a penalty with an Idempotency-Key: retries get the same case. */
@Entity('pen_penalty_idempotency')
export class PenaltyIdempotencyRow {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 100 }) idempotencyKey: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) username: string;
  /** SHA-256 of complaint number and canonical body; a different request under the same key is a conflict. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash: string;
  @Column({ name: 'penalty_id', type: 'varchar', length: 36 }) penaltyId: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

/** Gap-free sequence of penalty notice numbers (处罚通知单, 003 表三) per year and issuing department. */
@Entity('pen_notice_sequence')
export class NoticeSequenceRow {
  @PrimaryColumn({ type: 'int' }) year: number;
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 10 }) departmentCode: string;
  @Column({ name: 'last_seq', type: 'int' }) lastSeq: number;
}

export const EXEMPTION_STATUSES = ['investigating', 'approved', 'rejected', 'refused'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

/** An exemption request (免责申诉单, 003 4.3.6 / 表五) against a penalty, driven by the `exemption` process. */
@Entity('pen_exemption')
export class ExemptionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_pen_exemption_penalty') @Column({ name: 'penalty_id', type: 'varchar', length: 36 }) penaltyId: string;
  @Index('uq_pen_exemption_instance', { unique: true }) @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @Column({ name: 'department_code', type: 'varchar', length: 10 }) departmentCode: string;
  @Column({ name: 'requested_by', type: 'varchar', length: 64 }) requestedBy: string;
  @Column({ type: 'text' }) reasons: string;
  @Column({ name: 'outage_explanation', type: 'text', nullable: true }) outageExplanation: string | null;
  @Column({ name: 'improvement_measures', type: 'text', nullable: true }) improvementMeasures: string | null;
  /** The opinions of 表五, in signing order. */
  @Column({ name: 'general_affairs_opinion', type: 'text', nullable: true }) generalAffairsOpinion: string | null;
  @Column({ name: 'service_desk_opinion', type: 'text', nullable: true }) serviceDeskOpinion: string | null;
  @Column({ name: 'leader_opinion', type: 'text', nullable: true }) leaderOpinion: string | null;
  @Column({ name: 'manager_opinion', type: 'text', nullable: true }) managerOpinion: string | null;
  @Column({ type: 'varchar', length: 20 }) status: ExemptionStatus;
  /** Why it ended without a refund (rejected by whom, or refused as a repeat failure). */
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @TimestampColumn({ name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

export const LEDGER_KINDS = ['fine', 'refund', 'correction'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * One immutable line of the fine ledger. `amountFen` is signed from the department's pay: a fine is
 * negative, a refund positive, a correction either. Rows are never updated or deleted; mistakes are
 * corrected by further rows. `entryKey` makes each fine and refund happen once even if a step is retried.
 */
@Entity('pen_ledger_entry')
@Index('ix_pen_ledger_month_department', ['payrollMonth', 'departmentCode'])
export class LedgerEntryRow {
  /** Insertion order: the ledger reads oldest first even within one millisecond. */
  @PrimaryGeneratedColumn({ name: 'seq' }) seq?: number;
  @Index('uq_pen_ledger_entry_id', { unique: true }) @Column({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_pen_ledger_entry_key', { unique: true }) @Column({ name: 'entry_key', type: 'varchar', length: 120 }) entryKey: string;
  @Column({ type: 'varchar', length: 20 }) kind: LedgerKind;
  @Column({ name: 'department_code', type: 'varchar', length: 10 }) departmentCode: string;
  @FenColumn({ name: 'amount_fen' }) amountFen: number;
  /** 'YYYY-MM' of the performance pay the entry lands in (Asia/Shanghai). */
  @Column({ name: 'payroll_month', type: 'varchar', length: 7 }) payrollMonth: string;
  @Index('ix_pen_ledger_penalty') @Column({ name: 'penalty_id', type: 'varchar', length: 36, nullable: true }) penaltyId: string | null;
  @Column({ name: 'complaint_number', type: 'varchar', length: 30, nullable: true }) complaintNumber: string | null;
  /** For refunds and corrections: the fine entry they relate to. */
  @Column({ name: 'fine_entry_id', type: 'varchar', length: 36, nullable: true }) fineEntryId: string | null;
  @Column({ type: 'varchar', length: 300 }) reason: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'varchar', length: 64 }) createdBy: string;
}

export const PENALTY_ENTITIES = [PenaltyRow, NoticeSequenceRow, ExemptionRow, LedgerEntryRow, PenaltyIdempotencyRow];
