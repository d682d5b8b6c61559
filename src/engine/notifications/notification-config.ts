import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { ValidationError } from '../../domain';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  /** Plain SMTP without STARTTLS (a local relay). */
  ignoreTLS?: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export interface DeliverySettings {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a worker owns a message it is sending; after that another worker may retry it. */
  leaseMs: number;
  batchSize: number;
  pollIntervalMs: number;
}

export interface TemplateSettings {
  subject: string;
  body: string;
  /**
   * `group:<id>`, `department:<code>` (its mailboxes; in the console, its heads), `email:<address>`, `customer`,
   * `user:<username>` (console inbox only);
   * `{{field}}` reads instance data (lists expand).
   */
  to: string[];
}

export interface NotificationConfig {
  description?: string;
  smtp: SmtpSettings | null;
  /**
   * A POST of every notification to one URL; null switches the channel off. `format` json (default: the whole
   * message, for another system) or a group chat robot's text message: wecom (企业微信), dingtalk (钉钉), feishu
   * (飞书). `secret`: the robot's 加签 secret (DingTalk, Feishu). `templates`: only these go to the webhook (a staff
   * chat wants the task messages, not the customer's); null or absent, all. NOTIFY_WEBHOOK_URL and
   * NOTIFY_WEBHOOK_SECRET override url and secret, so a robot's key need not be in the file.
   */
  webhook: { url: string | null; timeoutMs: number; format?: WebhookFormat; secret?: string | null; templates?: string[] | null };
  /**
   * Group chat robots by name, e.g. the 运维管理部 WeCom group's. A group's or department's recipient list addresses
   * one with `robot:<name>`, so its chat is told of what its mailboxes are told. `url` and `secret` may be
   * `env:<VARIABLE>`, read from the environment at start, so the robots' keys need not be in the file.
   */
  robots?: Record<string, RobotSettings>;
  delivery: DeliverySettings;
  recipients: { groups: Record<string, string[]>; departments: Record<string, string[]> };
  templates: Record<string, TemplateSettings>;
  /** Not from the file: channels the application adds that deliver inside the step's transaction (see outbox.ts). */
  inTransactionChannels?: readonly import('./outbox').InTransactionChannel[];
}

/** In recipients.groups and recipients.departments: `robot:<name>` addresses that group chat robot (`robots`). */
export const ROBOT_PREFIX = 'robot:';

export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk', 'feishu'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface RobotSettings {
  url: string;
  format: WebhookFormat;
  secret?: string | null;
}

export const DEFAULT_NOTIFICATIONS_FILE = path.join(PROJECT_ROOT, 'config', 'notifications.json');

/** Reads config/notifications.json (or the file NOTIFICATIONS_FILE names, relative to the project root); a broken file stops the start with every problem listed. */
export function loadNotificationConfig(
  file = process.env.NOTIFICATIONS_FILE ? path.resolve(PROJECT_ROOT, process.env.NOTIFICATIONS_FILE) : DEFAULT_NOTIFICATIONS_FILE,
  env: NodeJS.ProcessEnv = process.env,
): NotificationConfig {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { webhook?: Record<string, unknown> };
  if (raw && typeof raw === 'object' && raw.webhook && typeof raw.webhook === 'object') {
    if (env.NOTIFY_WEBHOOK_URL) raw.webhook.url = env.NOTIFY_WEBHOOK_URL;
    if (env.NOTIFY_WEBHOOK_SECRET) raw.webhook.secret = env.NOTIFY_WEBHOOK_SECRET;
  }
  const robots = (raw as { robots?: Record<string, Record<string, unknown>> }).robots;
  for (const robot of Object.values(robots && typeof robots === 'object' ? robots : {})) {
    for (const key of ['url', 'secret']) {
      const value = robot?.[key];
      if (typeof value === 'string' && value.startsWith('env:')) robot[key] = env[value.slice(4)] ?? null;
    }
  }
  return parseNotificationConfig(raw);
}

export function parseNotificationConfig(raw: unknown): NotificationConfig {
  const problems: { field: string; messages: string[] }[] = [];
  const fail = (field: string, message: string) => problems.push({ field, messages: [message] });
  // The webhook and every robot post in a format, signed with an optional secret.
  const checkFormat = (field: string, format: unknown) => {
    if (!(WEBHOOK_FORMATS as readonly unknown[]).includes(format)) fail(field, `must be one of ${WEBHOOK_FORMATS.join(', ')}`);
  };
  const checkSecret = (field: string, secret: unknown) => {
    if (secret !== undefined && secret !== null && typeof secret !== 'string') fail(field, 'must be text or null');
  };
  const config = raw as NotificationConfig;
  if (!config || typeof config !== 'object') throw new ValidationError('notifications config must be an object', [{ field: 'notifications', messages: ['must be an object'] }]);
  if (config.smtp !== null) {
    if (!config.smtp || typeof config.smtp.host !== 'string') fail('smtp.host', 'must be a host name (or set smtp to null)');
    else {
      if (!Number.isInteger(config.smtp.port) || config.smtp.port < 1 || config.smtp.port > 65535) fail('smtp.port', 'must be a port number');
      if (typeof config.smtp.from !== 'string' || !config.smtp.from.includes('@')) fail('smtp.from', 'must be a sender address');
    }
  }
  if (!config.webhook || (config.webhook.url !== null && !/^https?:\/\//.test(String(config.webhook.url)))) fail('webhook.url', 'must be an http(s) URL or null');
  if (config.webhook?.format !== undefined) checkFormat('webhook.format', config.webhook.format);
  checkSecret('webhook.secret', config.webhook?.secret);
  const delivery = config.delivery as unknown as Record<string, unknown> | undefined;
  for (const key of ['maxAttempts', 'baseBackoffMs', 'maxBackoffMs', 'leaseMs', 'batchSize', 'pollIntervalMs']) {
    const value = delivery?.[key];
    if (!Number.isSafeInteger(value) || (value as number) < 1) fail(`delivery.${key}`, 'must be a whole number from 1');
  }
  for (const kind of ['groups', 'departments'] as const) {
    const map = config.recipients?.[kind];
    if (!map || typeof map !== 'object') { fail(`recipients.${kind}`, 'must map names to address lists'); continue; }
    for (const [name, addresses] of Object.entries(map)) {
      const known = (a: unknown) => typeof a === 'string' && (a.startsWith(ROBOT_PREFIX) ? !!config.robots?.[a.slice(ROBOT_PREFIX.length)] : a.includes('@'));
      if (!Array.isArray(addresses) || !addresses.every(known)) fail(`recipients.${kind}.${name}`, 'must be a list of email addresses and robot:<name> of robots');
    }
  }
  if (!config.templates || typeof config.templates !== 'object') fail('templates', 'must map template keys to { subject, body, to }');
  else {
    for (const [key, template] of Object.entries(config.templates)) {
      if (typeof template?.subject !== 'string' || typeof template?.body !== 'string') fail(`templates.${key}`, 'needs subject and body text');
      if (!Array.isArray(template?.to) || template.to.length === 0) fail(`templates.${key}.to`, 'must list at least one recipient');
    }
  }
  if (config.robots !== undefined && (config.robots === null || typeof config.robots !== 'object')) fail('robots', 'must map names to { url, format, secret }');
  for (const [name, robot] of Object.entries(config.robots ?? {})) {
    if (typeof robot?.url !== 'string' || !/^https?:\/\//.test(robot.url)) fail(`robots.${name}.url`, 'must be an http(s) URL (or env:<VARIABLE> naming one)');
    checkFormat(`robots.${name}.format`, robot?.format);
    checkSecret(`robots.${name}.secret`, robot?.secret);
  }
  const takes = config.webhook?.templates;
  if (takes !== undefined && takes !== null
    && (!Array.isArray(takes) || takes.some((key) => typeof key !== 'string' || !config.templates || !(key in config.templates)))) {
    fail('webhook.templates', 'must list template keys of this file, or be null');
  }
  if (problems.length > 0) {
    throw new ValidationError(`Invalid notifications config: ${problems.map((p) => `${p.field} ${p.messages[0]}`).join('; ')}`, problems, 'invalid_notifications_config');
  }
  return config;
}
