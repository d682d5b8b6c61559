import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';
import type { NotificationPage, StaffNotification } from '../api/types';

/** The bell: unread count and the latest notifications of /me/notifications. */
export const useNotificationStore = defineStore('notifications', () => {
  const unreadCount = ref(0);
  const items = ref<StaffNotification[]>([]);
  const nextCursor = ref<string | null>(null);

  async function refreshUnread(): Promise<void> {
    const page = await api.get<NotificationPage>('/me/notifications', { unread: true, limit: 1 });
    unreadCount.value = page.unreadCount;
  }

  async function loadList(more = false): Promise<void> {
    const page = await api.get<NotificationPage>('/me/notifications', { cursor: more ? nextCursor.value : undefined, limit: 20 });
    items.value = more ? [...items.value, ...page.items] : page.items;
    nextCursor.value = page.nextCursor;
    unreadCount.value = page.unreadCount;
  }

  async function markRead(notification: StaffNotification): Promise<void> {
    if (notification.readAt) return;
    await api.post(`/me/notifications/${encodeURIComponent(notification.id)}/read`);
    notification.readAt = new Date().toISOString();
    unreadCount.value = Math.max(0, unreadCount.value - 1);
  }

  async function markAllRead(): Promise<void> {
    await api.post('/me/notifications/read-all');
    const now = new Date().toISOString();
    for (const item of items.value) item.readAt ??= now;
    unreadCount.value = 0;
  }

  return { unreadCount, items, nextCursor, refreshUnread, loadList, markRead, markAllRead };
});
