// Pure: the console imports this module too.

/**
 * How a message went out: mail, webhook and chat robot through the outbox (its OutboxChannel, which must stay
 * assignable to this), console messages into the inbox.
 */
export type NotificationChannel = 'email' | 'webhook' | 'robot' | 'console';

/** The channels' names, for the auditor's 通知 tab (through GET /vocabulary) and the dossier. */
export const NOTIFICATION_CHANNEL_LABELS: Readonly<Record<NotificationChannel, string>> = {
  email: '邮件', webhook: 'Webhook', robot: '群机器人', console: '站内消息',
};

/**
 * Whom a message reached, as the 通知 tab and the dossier name it: the webhook's system, a console message's person
 * by name and account, otherwise the address or the chat robot's name.
 */
export function recipientLabel(message: { channel: string; recipient: string; recipientName: string | null }): string {
  if (message.channel === 'webhook') return '外部系统';
  if (message.channel === 'console' && message.recipientName) return `${message.recipientName}（${message.recipient}）`;
  return message.recipient;
}
