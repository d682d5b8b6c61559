import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { robotSender, webhookSender } from '../../src/app/notifications/channels';
import { NotificationWorker } from '../../src/app/notifications/notification-worker';
import { deliveriesFor } from '../../src/engine/notifications/compose';
import { queueNotification } from '../../src/engine/notifications/outbox';
import { createTestApplication } from '../support/app';
import { chatText } from '../../src/app/notifications/webhook-formats';
import { DEFAULT_NOTIFICATIONS_FILE, loadNotificationConfig, NotificationConfig, parseNotificationConfig, WebhookFormat } from '../../src/engine/notifications/notification-config';
import { OutboxRow } from '../../src/persistence/entities/notifications';

/**
 * A local stand-in for the group chat robots of WeCom, DingTalk and Feishu: it checks the 加签 signature as they do
 * (with its own copy of the secret) and answers as they do, HTTP 200 with a result code in the body.
 */
interface Received { url: string; body: Record<string, any> }
let robot: http.Server;
let base: string;
let received: Received[];
let robotSecret: string;
let robotCode: number;

beforeAll(async () => {
  robot = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push({ url: req.url!, body });
      const url = new URL(req.url!, 'http://robot');
      let answer: Record<string, unknown>;
      if (url.pathname === '/dingtalk') {
        const timestamp = url.searchParams.get('timestamp');
        const expected = timestamp && createHmac('sha256', robotSecret).update(`${timestamp}\n${robotSecret}`).digest('base64');
        answer = url.searchParams.get('sign') === expected ? { errcode: robotCode, errmsg: robotCode === 0 ? 'ok' : 'busy' } : { errcode: 310000, errmsg: 'sign not match' };
      } else if (url.pathname === '/feishu') {
        const expected = createHmac('sha256', `${body.timestamp}\n${robotSecret}`).update('').digest('base64');
        answer = body.sign === expected ? { code: robotCode, msg: robotCode === 0 ? 'success' : 'busy' } : { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
      } else {
        answer = { errcode: robotCode, errmsg: robotCode === 0 ? 'ok' : 'api freq out of limit' };
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise<void>((resolve) => robot.close(() => resolve())); });
beforeEach(() => {
  received = [];
  robotSecret = 'SEC-robot-secret';
  robotCode = 0;
});

const now = new Date('2026-11-23T01:00:00Z');
const message = Object.assign(new OutboxRow(), {
  id: 'm1', idempotencyKey: 'k1', instanceId: 'i1', elementId: 'notifyArrived', template: 'taskArrived', channel: 'webhook', recipient: 'webhook',
  subject: '新任务：首次响应（2026KF001）', body: '任务：首次响应\n办理期限：2026-11-23 11:00', payload: { complaintNumber: '2026KF001' },
  status: 'sending', attempts: 1, createdAt: now,
} as Partial<OutboxRow>) as OutboxRow;

const send = (format: WebhookFormat, path: string, secret: string | null = null) =>
  webhookSender({ url: `${base}${path}`, timeoutMs: 5000, format, secret }, () => now)(message);

describe('group chat robots as the webhook (企业微信, 钉钉, 飞书)', () => {
  test('WeCom gets the subject and text as a text message; a refusal it answers with HTTP 200 (too many messages a minute) fails the attempt', async () => {
    await send('wecom', '/cgi-bin/webhook/send?key=k');
    expect(received[0].body).toEqual({ msgtype: 'text', text: { content: '新任务：首次响应（2026KF001）\n任务：首次响应\n办理期限：2026-11-23 11:00' } });

    robotCode = 45009;
    await expect(send('wecom', '/cgi-bin/webhook/send?key=k')).rejects.toThrow('The WeCom robot refused the message: code 45009 (api freq out of limit)');
  });

  test('DingTalk with 加签: the call carries the time and its signature in the query; a wrong secret is refused', async () => {
    await send('dingtalk', '/dingtalk?access_token=t', 'SEC-robot-secret');
    const url = new URL(received[0].url, 'http://robot');
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe(String(now.getTime()));
    expect(received[0].body).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('新任务：首次响应（2026KF001）') } });

    await expect(send('dingtalk', '/dingtalk?access_token=t', 'SEC-another')).rejects.toThrow('code 310000 (sign not match)');
  });

  test('Feishu with 签名校验: the time in seconds and its signature travel in the body; a wrong secret is refused', async () => {
    await send('feishu', '/feishu', 'SEC-robot-secret');
    expect(received[0].body).toEqual({
      timestamp: String(now.getTime() / 1000), sign: expect.any(String), msg_type: 'text', content: { text: expect.stringContaining('办理期限') },
    });
    await expect(send('feishu', '/feishu', 'SEC-another')).rejects.toThrow('code 19021');
  });

  test('the plain json format still posts the whole message for another system, whatever its answer', async () => {
    robotCode = 1;
    await send('json', '/events');
    expect(received[0].body).toEqual({
      id: 'k1', template: 'taskArrived', instanceId: 'i1', elementId: 'notifyArrived', subject: message.subject, body: message.body,
      data: { complaintNumber: '2026KF001' }, createdAt: now.toISOString(),
    });
  });

  test('a long message is cut to what WeCom takes (2,048 bytes of UTF-8) at a character boundary, with an ellipsis', () => {
    const long = chatText({ subject: '新任务', body: '投诉内容'.repeat(400) }, 2048);
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(2048);
    expect(long.endsWith('…')).toBe(true);
    expect(long.startsWith('新任务\n投诉内容')).toBe(true);
  });

  test('an unknown format or a secret that is not text stops the start, naming the field', () => {
    const config = (webhook: Record<string, unknown>) => () => parseNotificationConfig({
      smtp: null, webhook: { url: null, timeoutMs: 5000, ...webhook }, templates: {}, recipients: { groups: {}, departments: {} },
      delivery: { maxAttempts: 1, baseBackoffMs: 1, maxBackoffMs: 1, leaseMs: 1, batchSize: 1, pollIntervalMs: 1 },
    });
    expect(config({ format: 'wechat' })).toThrow('webhook.format must be one of json, wecom, dingtalk, feishu');
    expect(config({ format: 'dingtalk', secret: 42 })).toThrow('webhook.secret must be text or null');
    expect(config({ format: 'dingtalk', secret: 'SEC1' })).not.toThrow();
  });

  test('the robot\'s address and secret may come from the environment, so its key stays out of config/notifications.json', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc';
    const loaded = loadNotificationConfig(DEFAULT_NOTIFICATIONS_FILE, { NOTIFY_WEBHOOK_URL: url, NOTIFY_WEBHOOK_SECRET: 'SEC-from-env' });
    expect(loaded.webhook).toMatchObject({ url, secret: 'SEC-from-env' });
    expect(loadNotificationConfig(DEFAULT_NOTIFICATIONS_FILE, {}).webhook).toMatchObject({ url: null });
  });
});

describe('a department\'s or group\'s own chat robot (config robots, recipients robot:<name>)', () => {
  /** The shipped configuration with 运维管理部's WeCom group and the service desk's DingTalk group added. */
  const withRobots = (): NotificationConfig => {
    const file = JSON.parse(fs.readFileSync(DEFAULT_NOTIFICATIONS_FILE, 'utf8'));
    file.robots = {
      'yw-chat': { url: `${base}/cgi-bin/webhook/send?key=yw`, format: 'wecom' },
      'kf-chat': { url: `${base}/dingtalk?access_token=kf`, format: 'dingtalk', secret: 'SEC-robot-secret' },
    };
    file.recipients.departments.YW.push('robot:yw-chat');
    file.recipients.groups['service-desk'].push('robot:kf-chat');
    return parseNotificationConfig(file);
  };

  test('a message to the department reaches its chat as well as its mailbox, each robot once', () => {
    const config = withRobots();
    expect(deliveriesFor(config.templates.penaltyNotice, { chargedDepartments: ['YW'], departmentCode: 'YW' }, config, 'penaltyNotice')).toEqual([
      { channel: 'robot', recipient: 'yw-chat' },
      { channel: 'email', recipient: 'yunwei@complaint-flow.local' },
      { channel: 'email', recipient: 'zonghe@complaint-flow.local' },
    ]);
  });

  test('the worker posts each robot\'s message to that robot, in its format; an unknown robot is a failed attempt', async () => {
    const config = withRobots();
    const t = await createTestApplication({ start: '2026-11-23T01:00:00Z' });
    try {
      await t.app.db.transaction((manager) => queueNotification(manager, config, {
        template: 'taskArrived', instanceId: 'i-robot', elementId: 'dispatch', now: t.clock.now(),
        data: { taskName: '分类派单', complaintNumber: '2026KF001', dueDate: '2026-11-23T03:00:00.000Z', candidateGroups: ['service-desk'] },
      }));
      const worker = new NotificationWorker(t.app.db, t.clock, { ...config, smtp: null }, 'robots');
      const report = await worker.deliverDue();
      expect(received.map((r) => new URL(r.url, 'http://robot').pathname)).toEqual(['/dingtalk']);
      expect(received[0].body).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('新任务：分类派单（2026KF001）') } });
      expect(report.sent).toBe(1); // the DingTalk robot took it; no mail server is configured here
      await expect(robotSender(config.robots!, 5000, () => now)({ ...message, recipient: 'zl-chat' } as OutboxRow)).rejects.toThrow('No robot "zl-chat" is configured');
      await worker.stop();
    } finally {
      await t.dispose();
    }
  });

  test('a robot\'s address and secret may be env:<VARIABLE>; an unknown robot in a recipient list stops the start', () => {
    const file = JSON.parse(fs.readFileSync(DEFAULT_NOTIFICATIONS_FILE, 'utf8'));
    file.robots = { 'yw-chat': { url: 'env:YW_ROBOT_URL', format: 'feishu', secret: 'env:YW_ROBOT_SECRET' } };
    file.recipients.departments.YW.push('robot:yw-chat');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-robots-'));
    const written = path.join(dir, 'notifications.json');
    try {
      fs.writeFileSync(written, JSON.stringify(file));
      const loaded = loadNotificationConfig(written, { YW_ROBOT_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc', YW_ROBOT_SECRET: 'SEC-yw' });
      expect(loaded.robots).toEqual({ 'yw-chat': { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc', format: 'feishu', secret: 'SEC-yw' } });
      expect(() => loadNotificationConfig(written, {})).toThrow('robots.yw-chat.url must be an http(s) URL');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    file.recipients.departments.ZL.push('robot:zl-chat');
    expect(() => parseNotificationConfig({ ...file, robots: { 'yw-chat': { url: 'https://x.example/hook', format: 'wecom' } } }))
      .toThrow('recipients.departments.ZL must be a list of email addresses and robot:<name> of robots');
  });
});
