import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxRow } from '../../persistence/entities/notifications';
import { NotificationRepository } from '../../persistence/repositories/notification-repository';
import { ComposedMessage, compose, deliveriesFor, idempotencyKey, recipientSpecs } from './compose';
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

/** A message as a channel that delivers inside the step's own transaction sees it. */
export interface InTransactionMessage extends ComposedMessage {
  template: string;
  instanceId: string;
  elementId: string;
  occurrence?: string;
  /** The template's recipients with data fields expanded, e.g. group:ops, user:ops1, department:YW. */
  recipients: Array<{ kind: string; target: string }>;
  data: Readonly<Record<string, unknown>>;
  now: Date;
}

/**
 * A channel written in the same transaction as the step (an in-application inbox) instead of being delivered
 * later by the worker. The application registers it in NotificationConfig.inTransactionChannels.
 */
export interface InTransactionChannel {
  deliver(manager: EntityManager, message: InTransactionMessage): Promise<void>;
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
  const deliveries = deliveriesFor(template, request.data, config, request.template);
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
  for (const channel of config.inTransactionChannels ?? []) {
    await channel.deliver(manager, {
      ...message, template: request.template, instanceId: request.instanceId, elementId: request.elementId, occurrence: request.occurrence,
      recipients: recipientSpecs(template, request.data), data: request.data, now: request.now,
    });
  }
  return { queued, recipients: deliveries.map((d) => d.recipient) };
}
