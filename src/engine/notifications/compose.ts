import { createHash } from 'node:crypto';
import { NotificationConfig, ROBOT_PREFIX, TemplateSettings } from './notification-config';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export interface ComposedMessage {
  subject: string;
  body: string;
  /** The data fields the template used, kept with the message for webhooks. */
  payload: Record<string, unknown>;
}

export interface Delivery {
  /** robot: a group chat robot, named by `recipient`. */
  channel: 'email' | 'webhook' | 'robot';
  recipient: string;
}

/** A bracketed part of a template, full-width or ASCII, with at least one placeholder in it. */
const BRACKETED = /[（(][^（()）\n]*\{\{[^（()）\n]*[）)]/g;
/** A body line that is a label and its value: 投诉编号：{{complaintNumber}}. */
const LABELLED_LINE = /^[^{}\n]*[：:]\s*(\{\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}\}\s*)+$/;

export function render(text: string, data: Readonly<Record<string, unknown>>): string {
  return text.replace(PLACEHOLDER, (_match, field: string) => display(data[field]));
}

/**
 * Placeholders with no value leave no stubs: a bracketed part whose placeholders are all empty is left out of the
 * subject and body (新任务：首次响应（） would otherwise reach a process without a business key), and so is a body
 * line that is only a label and empty placeholders (投诉编号：).
 */
export function compose(template: TemplateSettings, data: Readonly<Record<string, unknown>>): ComposedMessage {
  const payload: Record<string, unknown> = {};
  for (const text of [template.subject, template.body, ...template.to]) {
    for (const [, field] of text.matchAll(PLACEHOLDER)) if (data[field] !== undefined) payload[field] = data[field];
  }
  const subject = render(withoutEmptyParts(template.subject, data), data).slice(0, 300);
  const body = withoutEmptyParts(template.body, data).split('\n')
    .filter((line) => !(LABELLED_LINE.test(line) && allPlaceholdersEmpty(line, data)))
    .map((line) => render(line, data)).join('\n');
  return { subject, body, payload };
}

function withoutEmptyParts(text: string, data: Readonly<Record<string, unknown>>): string {
  return text.replace(BRACKETED, (part) => (allPlaceholdersEmpty(part, data) ? '' : part));
}

/** True when the text has placeholders and every one of them renders as nothing. */
function allPlaceholdersEmpty(text: string, data: Readonly<Record<string, unknown>>): boolean {
  const fields = [...text.matchAll(PLACEHOLDER)].map(([, field]) => field);
  return fields.length > 0 && fields.every((field) => display(data[field]) === '');
}

/**
 * Who gets the message: each email address and group chat robot once, plus the webhook when configured (and, when the webhook names
 * the templates it takes, `templateKey` is one of them). A recipient spec may name a data field
 * (`department:{{chargedDepartments}}`) whose value is one code or a list of codes.
 */
export function deliveriesFor(template: TemplateSettings, data: Readonly<Record<string, unknown>>, config: NotificationConfig, templateKey?: string): Delivery[] {
  const addresses = new Set<string>();
  for (const spec of template.to) {
    const [kind, ...rest] = spec.split(':');
    const targets = expand(rest.join(':'), data);
    if (kind === 'group') targets.forEach((t) => config.recipients.groups[t]?.forEach((a) => addresses.add(a)));
    else if (kind === 'department') targets.forEach((t) => config.recipients.departments[t]?.forEach((a) => addresses.add(a)));
    else if (kind === 'email') targets.forEach((t) => addresses.add(t));
    else if (kind === 'customer' && typeof data.complainantEmail === 'string' && data.complainantEmail.includes('@')) addresses.add(data.complainantEmail);
  }
  const deliveries: Delivery[] = [...addresses].sort().map((address) => (address.startsWith(ROBOT_PREFIX)
    ? { channel: 'robot', recipient: address.slice(ROBOT_PREFIX.length) }
    : { channel: 'email', recipient: address }));
  const takes = config.webhook.templates;
  if (config.webhook.url && (!takes || (templateKey !== undefined && takes.includes(templateKey)))) deliveries.push({ channel: 'webhook', recipient: 'webhook' });
  return deliveries;
}

/** The template's recipient specs with `{{field}}` lists expanded: `group:ops`, `user:ops1`, `department:YW` … */
export function recipientSpecs(template: TemplateSettings, data: Readonly<Record<string, unknown>>): Array<{ kind: string; target: string }> {
  return template.to.flatMap((spec) => {
    const [kind, ...rest] = spec.split(':');
    return rest.length === 0 ? [{ kind, target: '' }] : expand(rest.join(':'), data).map((target) => ({ kind, target }));
  });
}

/**
 * One message per (instance, element, channel, recipient) — and per `occurrence` when an element notifies each
 * time it runs (an escalation climbing level by level): the outbox's unique key and the mail's Message-ID.
 */
export function idempotencyKey(instanceId: string, elementId: string, delivery: Delivery, occurrence?: string): string {
  const parts = [instanceId, elementId, delivery.channel, delivery.recipient, ...(occurrence ? [occurrence] : [])];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function messageIdFor(key: string): string {
  return `<${key}@complaint-flow>`;
}

function expand(spec: string, data: Readonly<Record<string, unknown>>): string[] {
  const single = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(spec);
  if (!single) return spec ? [render(spec, data)] : [];
  const value = data[single[1]];
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map(String).filter((v) => v !== '');
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(display).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
