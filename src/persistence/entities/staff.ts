import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../columns';

/**
 * A notification in one user's console inbox, written by the inbox channel in the same transaction as the step
 * that queued the notification. `sourceKey` is unique per user, so a retried step adds nothing.
 */
@Entity('ntf_inbox')
@Index('uq_ntf_inbox_source', ['userId', 'sourceKey'], { unique: true })
@Index('ix_ntf_inbox_user_created', ['userId', 'createdAt', 'id'])
@Index('ix_ntf_inbox_user_read', ['userId', 'readAt'])
@Index('ix_ntf_inbox_instance', ['instanceId', 'createdAt'])
export class InboxRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @Column({ name: 'source_key', type: 'varchar', length: 64 }) sourceKey: string;
  /** task-arrived, task-overdue, task-escalated, or the template name in kebab case. */
  @Column({ type: 'varchar', length: 60 }) kind: string;
  @Column({ type: 'varchar', length: 60 }) template: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'task_id', type: 'varchar', length: 36, nullable: true }) taskId: string | null;
  @Column({ name: 'complaint_number', type: 'varchar', length: 30, nullable: true }) complaintNumber: string | null;
  /** The penalty case the notification is about, when its process names one. */
  @Column({ name: 'penalty_id', type: 'varchar', length: 36, nullable: true }) penaltyId: string | null;
  @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'read_at', nullable: true }) readAt: Date | null;
}

/** A waiting user task whose lateness was announced: the primary key makes it once per task, whichever process sees it. */
@Entity('ntf_task_overdue')
export class TaskOverdueRow {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 }) itemId: string;
  @TimestampColumn({ name: 'notified_at' }) notifiedAt: Date;
}

/** Console settings of one user. */
@Entity('org_user_preference')
export class UserPreferenceRow {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  /** JSON of the saved inbox filters. */
  @Column({ name: 'inbox_filters', type: 'text' }) inboxFilters: string;
  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}

export const STAFF_ENTITIES = [InboxRow, TaskOverdueRow, UserPreferenceRow];
