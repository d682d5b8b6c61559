import { Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Column } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../columns';

/** One immutable version of a BPMN diagram. `id` is the SHA-256 of the XML, so identical uploads dedupe. */
@Entity('wf_definition')
@Index('uq_wf_definition_key_version', ['processKey', 'version'], { unique: true })
export class DefinitionRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ name: 'process_key', type: 'varchar', length: 100 }) processKey: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'deployed_by', type: 'varchar', length: 100, nullable: true }) deployedBy: string | null;
  @TimestampColumn({ name: 'deployed_at' }) deployedAt: Date;
}

/** Per process key: the version new instances start on (any deployed one: rollback) and whether starts are suspended. */
@Entity('wf_process')
export class ProcessRow {
  @PrimaryColumn({ name: 'process_key', type: 'varchar', length: 100 }) processKey: string;
  @Column({ name: 'active_definition_id', type: 'varchar', length: 64 }) activeDefinitionId: string;
  @Column({ type: 'boolean', default: false }) suspended: boolean;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'varchar', length: 100, nullable: true }) updatedBy: string | null;
}

@Entity('wf_instance')
export class InstanceRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ name: 'process_key', type: 'varchar', length: 100 }) processKey: string;
  @Column({ name: 'definition_id', type: 'varchar', length: 64 }) definitionId: string;
  @Index() @Column({ type: 'varchar', length: 20 }) status: string;
  /** Optimistic concurrency: every save bumps it and must name the revision it read. */
  @Column({ type: 'int' }) revision: number;
  @Index() @Column({ name: 'business_key', type: 'varchar', length: 100, nullable: true }) businessKey: string | null;
  @Index() @Column({ name: 'parent_item_id', type: 'varchar', length: 36, nullable: true }) parentItemId: string | null;
  @TimestampColumn({ name: 'started_at' }) startedAt: Date;
  @TimestampColumn({ name: 'ended_at', nullable: true }) endedAt: Date | null;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
  @JsonColumn() data: Record<string, unknown>;
  /** Engine bookkeeping: tokens and loops as bpmn-server saves them. */
  @JsonColumn() state: { tokens: unknown[]; loops: unknown[] };
}

/** One row per execution item (tasks, events, gateways, flows) of an instance. */
@Entity('wf_item')
@Index('ix_wf_item_instance_seq', ['instanceId', 'seq'])
@Index('ix_wf_item_status_due', ['status', 'dueAt'])
export class ItemRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @Column({ type: 'int' }) seq: number;
  @Index() @Column({ name: 'element_id', type: 'varchar', length: 100 }) elementId: string;
  @Column({ name: 'element_type', type: 'varchar', length: 60 }) elementType: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) name: string | null;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) assignee: string | null;
  /** The user task's due date (camunda:dueDate), used to sort the task list. */
  @Index() @TimestampColumn({ name: 'due_at', nullable: true }) dueAt: Date | null;
  /** The timer's due time (bpmn-server's `timeDue`). */
  @Index() @TimestampColumn({ name: 'timer_due_at', nullable: true }) timerDueAt: Date | null;
  @Column({ name: 'message_id', type: 'varchar', length: 100, nullable: true }) messageId: string | null;
  @Column({ name: 'signal_id', type: 'varchar', length: 100, nullable: true }) signalId: string | null;
  @Column({ name: 'item_key', type: 'varchar', length: 100, nullable: true }) itemKey: string | null;
  @TimestampColumn({ name: 'started_at', nullable: true }) startedAt: Date | null;
  @TimestampColumn({ name: 'ended_at', nullable: true }) endedAt: Date | null;
  /** The item exactly as bpmn-server's Item.save() returns it. */
  @JsonColumn() payload: Record<string, unknown>;
}

/** Candidate groups and users of a waiting task, one row each, so "my tasks" is an indexed lookup. */
@Index('ix_wf_candidate_priority', ['kind', 'value', 'priorityRank', 'dueSort', 'itemId'])
@Entity('wf_candidate')
@Index('ix_wf_candidate_lookup', ['kind', 'value', 'dueSort', 'itemId'])
export class CandidateRow {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 }) itemId: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) kind: 'group' | 'user' | 'assignee';
  @PrimaryColumn({ type: 'varchar', length: 100 }) value: string;
  @Index() @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  /** Due time as sortable text (ISO, 'z' when none) so keyset pages follow the index. */
  @Column({ name: 'due_sort', type: 'varchar', length: 30 }) dueSort: string;
  /** The user task's priority negated, so an ascending walk of ix_wf_candidate_priority gives the highest first. */
  @Column({ name: 'priority_rank', type: 'int', default: 0 }) priorityRank: number;
}

/** A durable timer: claimed with a lease by one poller, fired once. */
@Entity('wf_timer')
export class TimerRow {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 }) itemId: string;
  @Index() @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @Column({ name: 'element_id', type: 'varchar', length: 100 }) elementId: string;
  @Index() @TimestampColumn({ name: 'due_at' }) dueAt: Date;
  @Column({ name: 'lease_owner', type: 'varchar', length: 100, nullable: true }) leaseOwner: string | null;
  @TimestampColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
}

/** Instance lock with a lease, so a crashed holder never blocks an instance for good. */
@Entity('wf_lock')
export class LockRow {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @Column({ type: 'varchar', length: 100 }) owner: string;
  @TimestampColumn({ name: 'expires_at' }) expiresAt: Date;
}

/** Something an instance cannot get past without a person: no gateway flow matched, a handler failed. */
@Entity('wf_incident')
export class IncidentRow {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true }) instanceId: string | null;
  @Column({ name: 'item_id', type: 'varchar', length: 36, nullable: true }) itemId: string | null;
  @Column({ name: 'element_id', type: 'varchar', length: 100, nullable: true }) elementId: string | null;
  @Column({ name: 'process_key', type: 'varchar', length: 100, nullable: true }) processKey: string | null;
  @Column({ type: 'varchar', length: 40 }) kind: string;
  @Column({ type: 'text' }) message: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  /** What was interrupted, to retry it: `{ kind: 'complete', itemId, data, actor }`, `{ kind: 'timer', itemId }`, `{ kind: 'start', … }`. */
  @JsonColumn({ nullable: true }) operation: Record<string, unknown> | null;
}

/**
 * Append-only audit trail. Rows of one scope (an instance id, or `process:<key>` for deployments) form a hash
 * chain: `hash` = SHA-256 over the previous row's hash and this row's content.
 */
@Entity('wf_audit')
@Index('uq_wf_audit_scope_seq', ['scope', 'seq'], { unique: true })
export class AuditRow {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 120 }) scope: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ name: 'item_id', type: 'varchar', length: 36, nullable: true }) itemId: string | null;
  @Column({ name: 'element_id', type: 'varchar', length: 100, nullable: true }) elementId: string | null;
  @Index() @Column({ type: 'varchar', length: 40 }) action: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) actor: string | null;
  @TimestampColumn() at: Date;
  @JsonColumn({ nullable: true }) before: Record<string, unknown> | null;
  @JsonColumn({ nullable: true }) after: Record<string, unknown> | null;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
  /** X-Request-Id of the request that wrote the entry (null for timers and background work). */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true }) requestId: string | null;
}

export const ENGINE_ENTITIES = [DefinitionRow, ProcessRow, InstanceRow, ItemRow, CandidateRow, TimerRow, LockRow, IncidentRow, AuditRow];
