import nodemailer from 'nodemailer';
import { OutboxRow } from '../../persistence/entities/notifications';
import { messageIdFor } from '../../engine/notifications/compose';
import { NotificationConfig } from '../../engine/notifications/notification-config';

/** Sends one outbox message; throws when the channel did not accept it. */
export type ChannelSender = (message: OutboxRow) => Promise<void>;

export function smtpSender(smtp: NonNullable<NotificationConfig['smtp']>): { send: ChannelSender; close(): void } {
  const transport = nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure, ignoreTLS: smtp.ignoreTLS ?? false, auth: smtp.auth,
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
  });
  return {
    send: async (message) => {
      await transport.sendMail({
        from: smtp.from, to: message.recipient, subject: message.subject, text: message.body,
        // The same message re-sent after a crash carries the same Message-ID, so mail clients and audits see one message.
        messageId: messageIdFor(message.idempotencyKey),
        date: message.createdAt,
        headers: { 'X-Complaint-Flow-Key': message.idempotencyKey, 'X-Complaint-Flow-Template': message.template },
      });
    },
    close: () => transport.close(),
  };
}

export function webhookSender(webhook: NotificationConfig['webhook']): ChannelSender {
  return async (message) => {
    if (!webhook.url) throw new Error('No webhook URL is configured');
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.idempotencyKey },
      body: JSON.stringify({
        id: message.idempotencyKey, template: message.template, instanceId: message.instanceId, elementId: message.elementId,
        subject: message.subject, body: message.body, data: message.payload, createdAt: message.createdAt.toISOString(),
      }),
      signal: AbortSignal.timeout(webhook.timeoutMs),
    });
    if (!response.ok) throw new Error(`Webhook answered ${response.status} ${response.statusText}`);
    await response.body?.cancel();
  };
}
