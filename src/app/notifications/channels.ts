import type nodemailer from 'nodemailer';
import { OutboxRow } from '../../persistence/entities/notifications';
import { messageIdFor } from '../../engine/notifications/compose';
import { NotificationConfig, WebhookFormat } from '../../engine/notifications/notification-config';
import { refusal, webhookRequest } from './webhook-formats';

/** Sends one outbox message; throws when the channel did not accept it. */
export type ChannelSender = (message: OutboxRow) => Promise<void>;

export function smtpSender(smtp: NonNullable<NotificationConfig['smtp']>): { send: ChannelSender; close(): void } {
  // Loaded only where mail is configured (it is most of a tenth of a second of start-up).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mailer = require('nodemailer') as typeof nodemailer;
  const transport = mailer.createTransport({
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
  return async (message) => {
    if (!webhook.url) throw new Error('No webhook URL is configured');
    await post({ url: webhook.url, format: webhook.format ?? 'json', secret: webhook.secret ?? null, timeoutMs: webhook.timeoutMs }, message, now());
  };
}

/** Posts each message to the group chat robot its recipient names (config `robots`). */
export function robotSender(robots: NonNullable<NotificationConfig['robots']>, timeoutMs: number, now: () => Date = () => new Date()): ChannelSender {
  return async (message) => {
    const robot = robots[message.recipient];
    if (!robot) throw new Error(`No robot "${message.recipient}" is configured`);
    await post({ url: robot.url, format: robot.format, secret: robot.secret ?? null, timeoutMs }, message, now());
  };
}

/** One POST in the target's format; throws when it was not taken (an HTTP error, or a chat robot's refusal). */
async function post(target: { url: string; format: WebhookFormat; secret: string | null; timeoutMs: number }, message: OutboxRow, now: Date): Promise<void> {
  const request = webhookRequest(target.format, target.url, message, target.secret, now);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.idempotencyKey },
    body: JSON.stringify(request.body),
    signal: AbortSignal.timeout(target.timeoutMs),
  });
  if (!response.ok) throw new Error(`Webhook answered ${response.status} ${response.statusText}`);
  if (target.format === 'json') {
    await response.body?.cancel();
    return;
  }
  const refused = refusal(target.format, await response.json().catch(() => null));
  if (refused) throw new Error(refused);
}
