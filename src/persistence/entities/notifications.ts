import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../columns';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** `robot`: a group chat robot of config/notifications.json's `robots`, named by the recipient. */
export type OutboxChannel = 'email' | 'webhook' | 'robot';

/**
 * One message to one recipient over one channel, written in the same transaction as the process step
 * that caused it and delivered later by the NotificationWorker. `idempotencyKey` (instance, element,
 * channel, recipient) is unique, so a retried step never queues a message twice.
 */
@Entity('ntf_outbox')
@Index('ix_ntf_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_ntf_outbox_key', { unique: true }) @Column({ name: 'idempotency_key', type: 'varchar', length: 64 }) idempotencyKey: string;
  @Index('ix_ntf_outbox_instance') @Column({ name: 'instance_id', type: 'varchar', length: 36 }) instanceId: string;
  @Column({ name: 'element_id', type: 'varchar', length: 100 }) elementId: string;
  @Column({ type: 'varchar', length: 60 }) template: string;
  @Column({ type: 'varchar', length: 10 }) channel: OutboxChannel;
  /** An email address, or the webhook channel's name. */
  @Column({ type: 'varchar', length: 200 }) recipient: string;
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
  /** The facts the message was made from, sent as JSON to webhooks. */
  @JsonColumn() payload: Record<string, any>;
  @Column({ type: 'varchar', length: 10 }) status: OutboxStatus;
  @Column({ type: 'int' }) attempts: number;
  @TimestampColumn({ name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column({ name: 'lease_owner', type: 'varchar', length: 100, nullable: true }) leaseOwner: string | null;
  @TimestampColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @TimestampColumn({ name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

export const NOTIFICATION_ENTITIES = [OutboxRow];
