import { NotFoundError } from '../../domain/errors';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { InboxRow } from '../../persistence/entities/staff';
import { InboxKeyset, InboxRepository } from '../../persistence/repositories/inbox-repository';
import { Actor } from '../actor';
import { decodeTimeCursor, encodeTimeCursor } from '../time-cursor';

export interface StaffNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  complaintNumber: string | null;
  /** The penalty case the notification is about (notice, exemption decision); the console opens it. */
  penaltyId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface StaffNotificationPage {
  items: StaffNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

export const INBOX_PAGE_SIZE = 20;

/** The caller's console notifications, newest first, keyset-paged, with the number still unread. */
export async function listStaffNotifications(
  db: Database, actor: Actor, query: { unread?: boolean; cursor?: string; limit?: number },
): Promise<StaffNotificationPage> {
  const limit = query.limit ?? INBOX_PAGE_SIZE;
  const after = query.cursor ? inboxPosition(query.cursor) : null;
  return db.read(async (manager) => {
    const repo = new InboxRepository(manager);
    const rows = await repo.page(actor.userId, { unreadOnly: query.unread === true, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit ? encodeTimeCursor(last.createdAt, last.id) : null,
      unreadCount: await repo.unreadCount(actor.userId),
    };
  });
}

export async function markStaffNotificationRead(db: Database, clock: Clock, actor: Actor, id: string): Promise<void> {
  const found = await db.transaction((manager) => new InboxRepository(manager).markRead(actor.userId, id, clock.now()));
  if (!found) throw new NotFoundError(`You have no notification ${id}`, 'notification_not_found');
}

export async function markAllStaffNotificationsRead(db: Database, clock: Clock, actor: Actor): Promise<void> {
  await db.transaction((manager) => new InboxRepository(manager).markAllRead(actor.userId, clock.now()));
}

function toView(row: InboxRow): StaffNotification {
  return {
    id: row.id, kind: row.kind, title: row.title, body: row.body, taskId: row.taskId, complaintNumber: row.complaintNumber, penaltyId: row.penaltyId,
    createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null,
  };
}

function inboxPosition(cursor: string): InboxKeyset {
  const { at, id } = decodeTimeCursor(cursor);
  return { createdAt: at, id };
}
