import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../../engine/notifications/notification-config';
import { InTransactionChannel, InTransactionMessage } from '../../engine/notifications/outbox';
import { InboxRow } from '../../persistence/entities/staff';
import { Database } from '../../persistence/database';
import { InboxRepository } from '../../persistence/repositories/inbox-repository';
import { identityCachesOf } from '../identity/identity-cache';
import { TASK_DEPARTMENT_FIELD } from '../tasks/task-access';

/** Inbox kinds of the staff templates; any other template's kind is its name in kebab case. */
const KIND_OF_TEMPLATE: Readonly<Record<string, string>> = {
  taskArrived: 'task-arrived',
  taskAssigned: 'task-arrived',
  taskOverdue: 'task-overdue',
  taskEscalated: 'task-escalated',
};

export function inboxKindOf(template: string): string {
  return KIND_OF_TEMPLATE[template] ?? template.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The console as a notification channel: every notification addressed to `group:<id>` or `user:<username>` puts a
 * row into the inbox of each active member of the group and of the named user, and one addressed to
 * `department:<code>` into the inboxes of the department's heads, in the step's transaction.
 * Members of department-scoped groups (policy `departmentScopedGroups`, e.g. dept-head) are told only about work of
 * a department they belong to or head, as they may only open such tasks.
 */
export function consoleInbox(departmentScopedGroups: readonly string[], db: Database): InTransactionChannel {
  const caches = identityCachesOf(db);
  /** Every step that starts a task notifies its groups: the members are read once per identity generation. */
  const recipients = async (manager: EntityManager, ...query: Parameters<InboxRepository['activeRecipients']>) => {
    const now = Date.now();
    const generation = await caches.generation(manager, now);
    const key = JSON.stringify(query);
    const known = caches.recipients.get(key, generation, now);
    if (known) return known;
    const found = await new InboxRepository(manager).activeRecipients(...query);
    caches.recipients.set(key, found, generation, now);
    return found;
  };
  return {
    async deliver(manager: EntityManager, message: InTransactionMessage): Promise<void> {
      const groups = message.recipients.filter((r) => r.kind === 'group' && r.target).map((r) => r.target);
      const usernames = message.recipients.filter((r) => r.kind === 'user' && r.target).map((r) => r.target);
      const departments = message.recipients.filter((r) => r.kind === 'department' && r.target).map((r) => r.target);
      if (groups.length === 0 && usernames.length === 0 && departments.length === 0) return;
      const department = message.data[TASK_DEPARTMENT_FIELD];
      const scope = typeof department === 'string' && department !== '' ? { groups: departmentScopedGroups, departmentCode: department } : undefined;
      const users = await recipients(manager, [...new Set(groups)].sort(), [...new Set(usernames)].sort(), scope,
        { groups: departmentScopedGroups, departmentCodes: [...new Set(departments)].sort() });
      await new InboxRepository(manager).add(users.map((user) => inboxRow(user.id, message)));
    },
  };
}

/** The configuration with the console inbox added as a channel: what the server, and a CLI that notifies, deliver with. */
export function withConsoleInbox(fileConfig: NotificationConfig, departmentScopedGroups: readonly string[], db: Database): NotificationConfig {
  return { ...fileConfig, inTransactionChannels: [...(fileConfig.inTransactionChannels ?? []), consoleInbox(departmentScopedGroups, db)] };
}

function inboxRow(userId: string, message: InTransactionMessage): InboxRow {
  const taskId = typeof message.data.taskId === 'string' ? message.data.taskId : null;
  const complaintNumber = typeof message.data.complaintNumber === 'string' ? message.data.complaintNumber.slice(0, 30) : null;
  const penaltyId = typeof message.data.penaltyId === 'string' && message.data.penaltyId.length <= 36 ? message.data.penaltyId : null;
  return Object.assign(new InboxRow(), {
    id: randomUUID(),
    userId,
    sourceKey: sourceKey(message),
    kind: inboxKindOf(message.template),
    template: message.template,
    title: message.subject,
    body: message.body,
    taskId,
    complaintNumber,
    penaltyId,
    instanceId: message.instanceId,
    createdAt: message.now,
    readAt: null,
  });
}

/** Same notification (instance, element, template, occurrence) → same key, so a retried step adds no second row. */
function sourceKey(message: InTransactionMessage): string {
  return createHash('sha256')
    .update(JSON.stringify([message.instanceId, message.elementId, message.template, message.occurrence ?? null]))
    .digest('hex');
}
