import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxRow } from '../../persistence/entities/notifications';
import { NotificationRepository } from '../../persistence/repositories/notification-repository';
import { compose, deliveriesFor, idempotencyKey } from './compose';
import { NotificationConfig } from './notification-config';

export interface NotificationRequest {
  template: string;
  instanceId: string;
  elementId: string;
  data: Readonly<Record<string, unknown>>;
  now: Date;
  /** Set when the element notifies again each time it runs (see idempotencyKey); retries of one run still dedupe. */
  occurrence?: string;
}

/**
 * Queues a notification in the caller's transaction, one outbox row per recipient and channel. Queuing the
 * same (instance, element, recipient) again changes nothing. Returns how many rows were new.
 */
export async function queueNotification(manager: EntityManager, config: NotificationConfig, request: NotificationRequest): Promise<{ queued: number; recipients: string[] }> {
  const template = config.templates[request.template];
  // A diagram naming a template the configuration lacks is a deployment mistake, not the caller's: it becomes an incident.
  if (!template) throw new Error(`Notification template "${request.template}" is not in config/notifications.json`);
  const message = compose(template, request.data);
  const repo = new NotificationRepository(manager);
  const deliveries = deliveriesFor(template, request.data, config);
  let queued = 0;
  for (const delivery of deliveries) {
    const row: OutboxRow = {
      id: randomUUID(), idempotencyKey: idempotencyKey(request.instanceId, request.elementId, delivery, request.occurrence), instanceId: request.instanceId,
      elementId: request.elementId, template: request.template, channel: delivery.channel, recipient: delivery.recipient,
      subject: message.subject, body: message.body, payload: message.payload, status: 'pending', attempts: 0,
      nextAttemptAt: request.now, leaseOwner: null, leaseUntil: null, sentAt: null, lastError: null, createdAt: request.now,
    };
    if (await repo.enqueue(row)) queued += 1;
  }
  return { queued, recipients: deliveries.map((d) => d.recipient) };
}
