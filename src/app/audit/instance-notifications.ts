import { OutboxRow } from '../../persistence/entities/notifications';

/** One message a step of the instance queued (e-mail or webhook), and how its delivery went. */
export interface InstanceNotification {
  id: string;
  elementId: string;
  /** The step's name in the diagram version the instance is pinned to. */
  elementName: string | null;
  template: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  /** pending (waiting for its first or next attempt), sending, sent, or failed (given up after its last attempt). */
  status: string;
  attempts: number;
  queuedAt: Date;
  /** When the next attempt is due, while one is. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  /** Why the last attempt failed. */
  lastError: string | null;
}

export function instanceNotification(row: OutboxRow, elementNames: ReadonlyMap<string, string>): InstanceNotification {
  return {
    id: row.id, elementId: row.elementId, elementName: elementNames.get(row.elementId) ?? null, template: row.template,
    channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, status: row.status, attempts: row.attempts,
    queuedAt: row.createdAt, nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null, sentAt: row.sentAt, lastError: row.lastError,
  };
}
