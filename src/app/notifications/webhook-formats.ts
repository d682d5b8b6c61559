import { createHmac } from 'node:crypto';
import { OutboxRow } from '../../persistence/entities/notifications';
import type { WebhookFormat } from '../../engine/notifications/notification-config';

/** One webhook call: where to, and what to post. */
export interface WebhookRequest {
  url: string;
  body: unknown;
}

/**
 * The request of each format: `json` posts the whole message (template, instance, step, subject, text, data) for
 * another system; the chat formats post it as a text message to a group robot of WeCom (企业微信), DingTalk (钉钉)
 * or Feishu (飞书), so the staff's group chat is told when work arrives. DingTalk and Feishu robots with 加签 need
 * the robot's secret, which signs the current time.
 */
export function webhookRequest(format: WebhookFormat, url: string, message: OutboxRow, secret: string | null, now: Date): WebhookRequest {
  switch (format) {
    case 'wecom':
      return { url, body: { msgtype: 'text', text: { content: chatText(message, WECOM_TEXT_BYTES) } } };
    case 'dingtalk':
      return { url: secret ? withQuery(url, dingtalkSignature(secret, now)) : url, body: { msgtype: 'text', text: { content: chatText(message, CHAT_TEXT_BYTES) } } };
    case 'feishu':
      return { url, body: { ...(secret ? feishuSignature(secret, now) : {}), msg_type: 'text', content: { text: chatText(message, CHAT_TEXT_BYTES) } } };
    default:
      return {
        url,
        body: {
          id: message.idempotencyKey, template: message.template, instanceId: message.instanceId, elementId: message.elementId,
          subject: message.subject, body: message.body, data: message.payload, createdAt: message.createdAt.toISOString(),
        },
      };
  }
}

/**
 * Why a robot refused a call it answered with HTTP 200, or null when it took it: the chat robots report errors
 * (a wrong key or signature, too many messages a minute) in the JSON body, not in the status.
 */
export function refusal(format: Exclude<WebhookFormat, 'json'>, answer: unknown): string | null {
  const body = (answer ?? {}) as { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
  const code = format === 'feishu' ? body.code ?? body.StatusCode : body.errcode;
  if (code === 0) return null;
  const text = format === 'feishu' ? body.msg : body.errmsg;
  return `${ROBOT_NAMES[format]} refused the message: ${code === undefined ? 'no result code' : `code ${String(code)}`}${text ? ` (${String(text)})` : ''}`;
}

const ROBOT_NAMES: Record<Exclude<WebhookFormat, 'json'>, string> = { wecom: 'The WeCom robot', dingtalk: 'The DingTalk robot', feishu: 'The Feishu robot' };

/** WeCom takes at most 2,048 bytes of text; the others more, but a chat message stays short. */
const WECOM_TEXT_BYTES = 2048;
const CHAT_TEXT_BYTES = 4000;

/** Subject and text as one chat message, cut at a character boundary to fit `maxBytes` of UTF-8. */
export function chatText(message: Pick<OutboxRow, 'subject' | 'body'>, maxBytes: number): string {
  const text = `${message.subject}\n${message.body}`.trim();
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const room = maxBytes - Buffer.byteLength('…', 'utf8');
  let cut = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > room) break;
    cut += char;
  }
  return `${cut}…`;
}

/** DingTalk 加签: HMAC-SHA256 of "<milliseconds>\n<secret>" keyed by the secret, base64, in the query. */
export function dingtalkSignature(secret: string, now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return { timestamp, sign: createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64') };
}

/** Feishu 签名校验: HMAC-SHA256 of nothing keyed by "<seconds>\n<secret>", base64, in the body. */
export function feishuSignature(secret: string, now: Date): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { timestamp, sign: createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64') };
}

function withQuery(url: string, parameters: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  return target.toString();
}
