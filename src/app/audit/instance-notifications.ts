import type { EntityManager } from 'typeorm';
import { OutboxRow } from '../../persistence/entities/notifications';
import { InboxRepository, type InstanceInboxRow } from '../../persistence/repositories/inbox-repository';
import { NotificationRepository } from '../../persistence/repositories/notification-repository';
import type { NotificationChannel } from './notification-labels';

/**
 * One message a step of the instance sent: an e-mail or webhook call (queued, then delivered by the worker, with
 * retries), or a console message (in the recipient's inbox at once, then read or not).
 */
export interface InstanceNotification {
  id: string;
  elementId: string | null;
  /** The step's name in the diagram version the instance is pinned to. */
  elementName: string | null;
  template: string;
  channel: NotificationChannel;
  /** An address, `webhook`, a robot's name, or the username of a console message's recipient. */
  recipient: string;
  /** The console recipient's display name; null for mails and webhooks. */
  recipientName: string | null;
  subject: string;
  body: string;
  /** Mails and webhooks: pending (waiting for their first or next attempt), sending, sent, or failed (given up). Console: unread or read. */
  status: string;
  attempts: number;
  queuedAt: Date;
  /** When the next attempt is due, while one is. */
  nextAttemptAt: Date | null;
  /** When it reached the recipient: a mail or webhook once delivered, a console message at once. */
  sentAt: Date | null;
  /** When the recipient read a console message. */
  readAt: Date | null;
  /** Why the last attempt failed. */
  lastError: string | null;
}

export function outboxNotification(row: OutboxRow, elementNames: ReadonlyMap<string, string>): InstanceNotification {
  return {
    id: row.id, elementId: row.elementId, elementName: elementNames.get(row.elementId) ?? null, template: row.template,
    channel: row.channel, recipient: row.recipient, recipientName: null, subject: row.subject, body: row.body, status: row.status,
    attempts: row.attempts, queuedAt: row.createdAt, nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    sentAt: row.sentAt, readAt: null, lastError: row.lastError,
  };
}

/** A console message; its step is the task it is about, when it is about one. */
export function consoleNotification(row: InstanceInboxRow, elementNames: ReadonlyMap<string, string>): InstanceNotification {
  const elementId = row.taskElementId;
  return {
    id: row.id, elementId, elementName: elementId ? elementNames.get(elementId) ?? null : null, template: row.template,
    channel: 'console', recipient: row.username, recipientName: row.displayName, subject: row.title, body: row.body,
    status: row.readAt ? 'read' : 'unread', attempts: 0, queuedAt: row.createdAt, nextAttemptAt: null, sentAt: row.createdAt,
    readAt: row.readAt, lastError: null,
  };
}

/** The mails, webhook calls and console messages of these instances together, oldest first. */
export async function notificationsOf(manager: EntityManager, instanceIds: readonly string[], elementNames: ReadonlyMap<string, string>): Promise<InstanceNotification[]> {
  const sent = (await new NotificationRepository(manager).byInstances(instanceIds)).map((row) => outboxNotification(row, elementNames));
  const shown = (await new InboxRepository(manager).byInstances(instanceIds)).map((row) => consoleNotification(row, elementNames));
  return [...sent, ...shown].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
}
