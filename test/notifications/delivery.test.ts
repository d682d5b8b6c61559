import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { NotificationConfig, parseNotificationConfig } from '../../src/engine/notifications/notification-config';
import { NotificationWorker } from '../../src/app/notifications/notification-worker';
import { queueNotification } from '../../src/engine/notifications/outbox';
import { createNotificationsModule } from '../../src/bootstrap/notifications-module';
import { APP_MODULES } from '../../src/bootstrap/modules';
import { OutboxRow } from '../../src/persistence/entities/notifications';
import { ExemptionRow, PenaltyRow } from '../../src/persistence/entities/penalties';
import type { DemoUsername } from '../../src/app/identity';
import { createTestApplication, TestApplication } from '../support/app';
import { api, completeTask, expectCompleted, insertComplaint, openPenalty } from '../penalties/support';

jest.setTimeout(60_000);

const LEASE_MS = 60_000;
const BACKOFF_MS = 30_000;

interface Mail { to: string[]; messageId: string; text: string; raw: string }

/** The text part of a single-part mail as nodemailer sends it (base64 for non-ASCII text). */
function textOf(raw: string): string {
  const [headers, ...body] = raw.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  return /Content-Transfer-Encoding:\s*base64/i.test(headers) ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8') : content;
}

let smtp: SMTPServer;
let webhook: http.Server;
let mails: Mail[];
let hooks: Array<{ key: string | undefined; body: Record<string, unknown>; status: number }>;
let webhookFailures: number;
let config: NotificationConfig;
let t: TestApplication;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => { raw += chunk; });
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '',
          text: textOf(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  webhook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const status = webhookFailures > 0 ? 500 : 204;
      if (webhookFailures > 0) webhookFailures -= 1;
      hooks.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'notifications.json'), 'utf8'));
  // These scenarios count the messages of penalty and exemption steps; the staff's task messages (taskArrived …,
  // test/console/staff-notifications.test.ts) are switched off by leaving their templates out.
  const { taskArrived, taskAssigned, taskOverdue, ...templates } = file.templates;
  config = parseNotificationConfig({
    ...file,
    templates,
    smtp: { ...file.smtp, host: '127.0.0.1', port: ((smtp as unknown as { server: http.Server }).server.address() as AddressInfo).port },
    webhook: { url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/events`, timeoutMs: 5000 },
    delivery: { ...file.delivery, leaseMs: LEASE_MS, baseBackoffMs: BACKOFF_MS },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
});

const workers: NotificationWorker[] = [];
function worker(id: string, overrides: Partial<NotificationConfig> = {}): NotificationWorker {
  const created = new NotificationWorker(t.app.db, t.clock, { ...config, ...overrides }, id);
  workers.push(created);
  return created;
}

beforeEach(async () => {
  mails = [];
  hooks = [];
  webhookFailures = 0;
  t = await createTestApplication({
    start: '2026-11-23T01:00:00Z',
    modules: APP_MODULES.map((module) => (module.name === 'notifications' ? createNotificationsModule(config) : module)),
  });
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await t?.dispose();
});

/** Runs a penalty up to the issued notice, which queues the 处罚通知单 notification. */
async function issuedNotice(): Promise<string> {
  const opened = await openPenalty(t, 'desk1', await insertComplaint(t), { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
  await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '属实' }));
  await expectCompleted(await completeTask(t, 'desk1', opened.body.instanceId, 'fillNotice', { incident: '态度恶劣', penaltyReason: '服务规范' }));
  return opened.body.instanceId;
}

function outbox(instanceId: string): Promise<OutboxRow[]> {
  return t.app.db.read((m) => m.find(OutboxRow, { where: { instanceId }, order: { recipient: 'ASC' } }));
}

describe('notification outbox', () => {
  it('Given a penalty notice was issued, when the worker runs twice, then each mailbox and the webhook get it exactly once', async () => {
    const instanceId = await issuedNotice();
    expect((await outbox(instanceId)).map((r) => [r.channel, r.recipient, r.status])).toEqual([
      ['webhook', 'webhook', 'pending'],
      ['email', 'yunwei@complaint-flow.local', 'pending'],
      ['email', 'zonghe@complaint-flow.local', 'pending'],
    ].sort((a, b) => a[1].localeCompare(b[1])));

    expect(await worker('a').deliverDue()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(await worker('a2').deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(mails.map((m) => m.to).flat().sort()).toEqual(['yunwei@complaint-flow.local', 'zonghe@complaint-flow.local']);
    const rows = await outbox(instanceId);
    for (const mail of mails) {
      const row = rows.find((r) => r.recipient === mail.to[0])!;
      expect(mail.messageId).toBe(`<${row.idempotencyKey}@complaint-flow>`);
      expect(mail.text).toContain('处罚通知单编号：2026KFCF001');
    }
    expect(hooks).toEqual([expect.objectContaining({ status: 204, body: expect.objectContaining({ template: 'penaltyNotice', instanceId, elementId: 'notifyNotice' }) })]);
    expect(hooks[0].key).toBe(rows.find((r) => r.channel === 'webhook')!.idempotencyKey);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt !== null)).toBe(true);
  });

  it('Given a worker claimed the messages and died, when another worker takes over after the lease, then every message is still sent exactly once', async () => {
    const instanceId = await issuedNotice();
    const dying = worker('dying');
    const claimed = await dying.claimDue();
    expect(claimed).toHaveLength(3);

    const successor = worker('successor');
    expect((await successor.deliverDue()).sent).toBe(0);
    expect(mails).toHaveLength(0);

    t.clock.advance(LEASE_MS + 1);
    expect((await successor.deliverDue()).sent).toBe(3);
    expect((await dying.deliverClaimed(claimed)).sent).toBe(0);

    expect(mails.map((m) => m.to[0]).sort()).toEqual(['yunwei@complaint-flow.local', 'zonghe@complaint-flow.local']);
    expect(hooks).toHaveLength(1);
    expect((await outbox(instanceId)).map((r) => [r.status, r.attempts, r.leaseOwner])).toEqual([['sent', 2, null], ['sent', 2, null], ['sent', 2, null]]);
  });

  it('Given the webhook fails once, then it is retried after the backoff and not before, and the mails are not sent again', async () => {
    const instanceId = await issuedNotice();
    webhookFailures = 1;

    expect(await worker('a').deliverDue()).toEqual({ sent: 2, retrying: 1, failed: 0 });
    const waiting = (await outbox(instanceId)).find((r) => r.channel === 'webhook')!;
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('500') });
    expect(waiting.nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + BACKOFF_MS);

    expect((await worker('a').deliverDue()).sent).toBe(0);
    t.clock.advance(BACKOFF_MS);
    expect(await worker('a').deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(hooks.map((h) => h.status)).toEqual([500, 204]);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(1);
    expect(mails).toHaveLength(2);
  });

  it('Given the webhook failed once, then the auditor sees each message of the instance with how its delivery went; other departments may not', async () => {
    const instanceId = await issuedNotice();
    webhookFailures = 1;
    await worker('a').deliverDue();
    const read = (username: DemoUsername, id = instanceId) => api(t).get(`/instances/${id}/notifications`).set('Authorization', t.bearer(username));

    const { status, body } = await read('auditor1');

    expect(status).toBe(200);
    const sentAt = t.clock.now().toISOString();
    expect(body.map((m: { channel: string; recipient: string; status: string }) => [m.channel, m.recipient, m.status]).sort()).toEqual([
      // The notice also reached the consoles of the fined department's head and of general affairs, unread so far.
      ['console', 'ga1', 'unread'], ['console', 'head-yw', 'unread'],
      ['email', 'yunwei@complaint-flow.local', 'sent'], ['email', 'zonghe@complaint-flow.local', 'sent'], ['webhook', 'webhook', 'pending'],
    ]);
    const mail = body.find((m: { recipient: string }) => m.recipient === 'yunwei@complaint-flow.local');
    expect(mail).toMatchObject({
      elementId: 'notifyNotice', elementName: expect.any(String), template: 'penaltyNotice', attempts: 1, sentAt, nextAttemptAt: null, lastError: null,
      subject: expect.stringContaining('处罚通知单'), body: expect.stringContaining('处罚通知单编号：2026KFCF001'),
    });
    expect(body.find((m: { channel: string }) => m.channel === 'webhook')).toMatchObject({
      attempts: 1, sentAt: null, lastError: expect.stringContaining('500'), nextAttemptAt: new Date(t.clock.now().getTime() + BACKOFF_MS).toISOString(),
    });
    expect((await read('head-yw')).status).toBe(200); // the fined department's head
    expect((await read('quality1')).body.error).toBe('history_forbidden');
    expect((await read('auditor1', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('Given a channel that keeps failing, when the attempts are used up, then the message is marked failed and left alone', async () => {
    const instanceId = await issuedNotice();
    webhookFailures = 100;
    const impatient = worker('impatient', { delivery: { ...config.delivery, maxAttempts: 2 } });

    await impatient.deliverDue();
    t.clock.advance(BACKOFF_MS);
    expect(await impatient.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    t.clock.advance(10 * BACKOFF_MS);
    await impatient.deliverDue();

    expect(hooks).toHaveLength(2);
    expect((await outbox(instanceId)).find((r) => r.channel === 'webhook')).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('Given a step is retried, when it queues the same notification again, then no second message is queued', async () => {
    const instanceId = await issuedNotice();
    const before = await outbox(instanceId);

    const again = await t.app.db.transaction((manager) => queueNotification(manager, config, {
      template: 'penaltyNotice', instanceId, elementId: 'notifyNotice', data: { departmentCode: 'YW', chargedDepartments: ['YW'] }, now: t.clock.now(),
    }));

    expect(again.queued).toBe(0);
    expect((await outbox(instanceId)).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  /** Executes the notice's fine, files an exemption for YW and takes it through both investigations and the leader. */
  async function exemptionAtManager(): Promise<string> {
    const instanceId = await issuedNotice();
    await expectCompleted(await completeTask(t, 'ga1', instanceId, 'reviewPenalty', { reviewApproved: true }));
    const penalty = await t.app.db.read((m) => m.findOneByOrFail(PenaltyRow, { instanceId }));
    expect((await api(t).post(`/penalties/${penalty.id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '不属实' })).status).toBe(201);
    const exemption = await t.app.db.read((m) => m.findOneByOrFail(ExemptionRow, { penaltyId: penalty.id }));
    await expectCompleted(await completeTask(t, 'ga1', exemption.instanceId, 'generalAffairsInvestigation', { generalAffairsOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'desk1', exemption.instanceId, 'serviceDeskInvestigation', { serviceDeskOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'leader1', exemption.instanceId, 'leaderApproval', { leaderApproved: true }));
    return exemption.instanceId;
  }

  it('Given an approved exemption, then the department is told about the 240 元 refund and its payroll month', async () => {
    const exemptionInstance = await exemptionAtManager();
    await expectCompleted(await completeTask(t, 'gm1', exemptionInstance, 'managerApproval', { managerApproved: true }));

    await worker('a').deliverDue();

    const refundMail = mails.find((m) => m.to[0] === 'yunwei@complaint-flow.local' && m.text.includes('2026-12'));
    expect(refundMail?.text).toContain('返还金额：240.00 元，计入 2026-12 绩效工资');
  });

  it('Given the general manager rejects the exemption, then the department is told why and that the fine stands', async () => {
    const exemptionInstance = await exemptionAtManager();
    await expectCompleted(await completeTask(t, 'gm1', exemptionInstance, 'managerApproval', { managerApproved: false, managerComment: '证据不足' }));

    await worker('a').deliverDue();

    const decision = (await outbox(exemptionInstance)).filter((r) => r.channel === 'email');
    expect(decision.map((r) => [r.template, r.recipient, r.status])).toEqual([
      ['exemptionDecision', 'yunwei@complaint-flow.local', 'sent'], ['exemptionDecision', 'zonghe@complaint-flow.local', 'sent'],
    ]);
    expect(mails.find((m) => m.to[0] === 'yunwei@complaint-flow.local' && m.text.includes('总经理不同意：证据不足'))?.text).toContain('罚款维持');
  });
});

describe('the running worker', () => {
  it('Given more due messages than a batch, when the worker starts, then it delivers them all without waiting a poll interval per batch', async () => {
    const instanceId = await issuedNotice(); // a webhook call and two mails
    const running = worker('burst', { delivery: { ...config.delivery, batchSize: 2, pollIntervalMs: 600_000 } });

    running.start();

    // One batch per interval would leave the third message for ten minutes.
    for (let wait = 0; wait < 100 && !(await outbox(instanceId)).every((row) => row.status === 'sent'); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await outbox(instanceId)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    expect(mails.map((m) => m.to).flat().sort()).toEqual(['yunwei@complaint-flow.local', 'zonghe@complaint-flow.local']);
    expect(hooks).toHaveLength(1);
  });
});
