import nodemailer from 'nodemailer';
import { OutboxRow } from '../../persistence/entities/notifications';
import { messageIdFor } from '../../engine/notifications/compose';
import { NotificationConfig } from '../../engine/notifications/notification-config';
import { refusal, webhookRequest } from './webhook-formats';

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

/** Posts each message to the configured URL in its format (webhook-formats.ts); `now` signs chat robot calls. */
export function webhookSender(webhook: NotificationConfig['webhook'], now: () => Date = () => new Date()): ChannelSender {
  const format = webhook.format ?? 'json';
  return async (message) => {
    if (!webhook.url) throw new Error('No webhook URL is configured');
    const request = webhookRequest(format, webhook.url, message, webhook.secret ?? null, now());
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.idempotencyKey },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(webhook.timeoutMs),
    });
    if (!response.ok) throw new Error(`Webhook answered ${response.status} ${response.statusText}`);
    if (format === 'json') {
      await response.body?.cancel();
      return;
    }
    const refused = refusal(format, await response.json().catch(() => null));
    if (refused) throw new Error(refused);
  };
}
