import { Brackets, EntityManager, In } from 'typeorm';
import { OutboxRow } from '../entities/notifications';
import { insertRowsCounted, jsonParameter } from '../raw-writes';

const OUTBOX_COLUMNS = ['id', 'idempotency_key', 'instance_id', 'element_id', 'template', 'channel', 'recipient', 'subject', 'body',
  'payload', 'status', 'attempts', 'next_attempt_at', 'lease_owner', 'lease_until', 'sent_at', 'last_error', 'created_at'];

/** The notification outbox: queued by process steps, claimed with a lease and delivered by a worker. */
export class NotificationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Queues the message unless its idempotency key is already queued (a retried step). True when it was new. */
  async enqueue(row: OutboxRow): Promise<boolean> {
    const inserted = await insertRowsCounted(this.manager, 'ntf_outbox', OUTBOX_COLUMNS, [[
      row.id, row.idempotencyKey, row.instanceId, row.elementId, row.template, row.channel, row.recipient, row.subject, row.body,
      jsonParameter(row.payload), row.status, row.attempts, row.nextAttemptAt, row.leaseOwner ?? null, row.leaseUntil ?? null,
      row.sentAt ?? null, row.lastError ?? null, row.createdAt,
    ]], { ignoreDuplicates: true });
    return inserted > 0;
  }

  /** Messages a worker may take now: pending and due, or `sending` under a lease that ran out (a worker died). */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.manager.createQueryBuilder(OutboxRow, 'o')
      .select('o.id', 'id')
      .where(new Brackets((q) => q
        .where('(o.status = :pending AND o.next_attempt_at <= :now)', { pending: 'pending', now })
        .orWhere('(o.status = :sending AND o.lease_until < :now)', { sending: 'sending' })))
      .orderBy('o.next_attempt_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Takes one message for `owner` until `leaseUntil`; null when another worker holds it or it is done. */
  async claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<OutboxRow | null> {
    const result = await this.manager.createQueryBuilder().update(OutboxRow)
      .set({ status: 'sending', leaseOwner: owner, leaseUntil, attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .andWhere(new Brackets((q) => q
        .where('(status = :pending AND next_attempt_at <= :now)', { pending: 'pending', now })
        .orWhere('(status = :sending AND lease_until < :now)', { sending: 'sending' })))
      .execute();
    if (!result.affected) return null;
    return this.manager.findOneBy(OutboxRow, { id });
  }

  /** Whether `owner` still holds the lease, i.e. nobody took the message over meanwhile. */
  async holdsLease(id: string, owner: string, now: Date): Promise<boolean> {
    const row = await this.manager.findOne(OutboxRow, { where: { id }, select: { id: true, status: true, leaseOwner: true, leaseUntil: true } });
    return !!row && row.status === 'sending' && row.leaseOwner === owner && !!row.leaseUntil && row.leaseUntil.getTime() >= now.getTime();
  }

  async markSent(id: string, owner: string, sentAt: Date): Promise<void> {
    await this.manager.createQueryBuilder().update(OutboxRow)
      .set({ status: 'sent', sentAt, leaseOwner: null, leaseUntil: null, lastError: null })
      .where('id = :id AND lease_owner = :owner AND status = :sending', { id, owner, sending: 'sending' })
      .execute();
  }

  /** Gives the message back for a later attempt, or gives up on it (`failed`) when `retryAt` is null. */
  async markAttemptFailed(id: string, owner: string, error: string, retryAt: Date | null): Promise<void> {
    await this.manager.createQueryBuilder().update(OutboxRow)
      .set(retryAt
        ? { status: 'pending', nextAttemptAt: retryAt, leaseOwner: null, leaseUntil: null, lastError: error.slice(0, 2000) }
        : { status: 'failed', leaseOwner: null, leaseUntil: null, lastError: error.slice(0, 2000) })
      .where('id = :id AND lease_owner = :owner AND status = :sending', { id, owner, sending: 'sending' })
      .execute();
  }

  /** The messages of these instances, oldest first. */
  byInstances(instanceIds: readonly string[]): Promise<OutboxRow[]> {
    if (instanceIds.length === 0) return Promise.resolve([]);
    return this.manager.find(OutboxRow, { where: { instanceId: In([...instanceIds]) }, order: { createdAt: 'ASC', recipient: 'ASC', id: 'ASC' } });
  }
}
