import fs from 'node:fs';
import path from 'node:path';
import { compose, deliveriesFor, idempotencyKey } from '../../src/engine/notifications/compose';
import { parseNotificationConfig } from '../../src/engine/notifications/notification-config';

const config = parseNotificationConfig(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'notifications.json'), 'utf8')));

describe('composing notifications', () => {
  it('Given an information-flow notice charged to two departments, then both departments and general affairs are addressed once each', () => {
    const deliveries = deliveriesFor(config.templates.penaltyNotice, { chargedDepartments: ['YW', 'ZL'], departmentCode: 'YW' }, config);

    expect(deliveries).toEqual([
      { channel: 'email', recipient: 'yunwei@complaint-flow.local' },
      { channel: 'email', recipient: 'zhiliang@complaint-flow.local' },
      { channel: 'email', recipient: 'zonghe@complaint-flow.local' },
    ]);
  });

  it('Given a customer message, then it goes to the complainant\'s own email, and nowhere when there is none', () => {
    const template = config.templates.customerReplyDue;
    expect(deliveriesFor(template, { complainantEmail: 'wang@example.com' }, config)).toEqual([{ channel: 'email', recipient: 'wang@example.com' }]);
    expect(deliveriesFor(template, {}, config)).toEqual([]);
  });

  it('Given a configured webhook, then every notification is also posted to it', () => {
    const withHook = { ...config, webhook: { url: 'http://127.0.0.1:9/hook', timeoutMs: 1000 } };
    expect(deliveriesFor(config.templates.exemptionDecision, { departmentCode: 'YW' }, withHook)).toContainEqual({ channel: 'webhook', recipient: 'webhook' });
  });

  it('Given a webhook that names its templates (a staff chat), then only those are posted to it', () => {
    const chat = { ...config, webhook: { url: 'http://127.0.0.1:9/hook', timeoutMs: 1000, templates: ['taskArrived', 'taskOverdue'] } };
    expect(deliveriesFor(config.templates.taskArrived, { departmentCode: 'YW' }, chat, 'taskArrived')).toContainEqual({ channel: 'webhook', recipient: 'webhook' });
    expect(deliveriesFor(config.templates.customerReplyDue, { complainantEmail: 'wang@example.com' }, chat, 'customerReplyDue'))
      .toEqual([{ channel: 'email', recipient: 'wang@example.com' }]);
    expect(() => parseNotificationConfig({ ...config, webhook: { ...chat.webhook, templates: ['taskArived'] } })).toThrow('webhook.templates must list template keys of this file');
  });

  it('fills placeholders from the instance data and keeps only the used fields as payload', () => {
    const message = compose(config.templates.exemptionRefund, { noticeNumber: '2026KF001', refundText: '240.00 元', refundPayrollMonth: '2026-12', secret: 'x' });

    expect(message.subject).toBe('免责申请已批准（2026KF001），返还 240.00 元');
    expect(message.body).toContain('计入 2026-12 绩效工资');
    expect(message.payload).not.toHaveProperty('secret');
  });

  it('Given a task of a process without a business key, then the message has no empty brackets and no empty complaint-number line', () => {
    const message = compose(config.templates.taskArrived, { taskName: '审批', complaintNumber: '', dueText: '无' });

    expect(message.subject).toBe('新任务：审批');
    expect(message.body).toBe('任务：审批\n办理期限：无\n请在控制台的任务列表中认领处理。');
    const numbered = compose(config.templates.taskArrived, { taskName: '审批', complaintNumber: '2026KF001', dueText: '无' });
    expect(numbered.subject).toBe('新任务：审批（2026KF001）');
    expect(numbered.body).toContain('投诉编号：2026KF001');
  });

  it('keeps a bracket or a line that still has text from another placeholder', () => {
    const template = { subject: '{{a}}（{{b}}，{{c}}）', body: '甲：{{a}}\n乙：{{b}} 元\n丙', to: [] };
    const message = compose(template, { a: '', b: '', c: '3' });

    expect(message.subject).toBe('（，3）');
    expect(message.body).toBe('乙： 元\n丙');
  });

  it('derives one idempotency key per instance, element, channel and recipient', () => {
    const mail = { channel: 'email' as const, recipient: 'a@b.c' };
    expect(idempotencyKey('i1', 'notify', mail)).toBe(idempotencyKey('i1', 'notify', mail));
    expect(idempotencyKey('i1', 'notify', mail)).not.toBe(idempotencyKey('i1', 'notify', { ...mail, recipient: 'd@b.c' }));
    expect(idempotencyKey('i1', 'notify', mail)).not.toBe(idempotencyKey('i2', 'notify', mail));
  });

  it('rejects a configuration with a bad sender or webhook URL, naming the fields', () => {
    expect(() => parseNotificationConfig({ ...config, smtp: { ...config.smtp!, from: 'nobody' }, webhook: { url: 'ftp://x', timeoutMs: 1 } }))
      .toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: 'smtp.from' }), expect.objectContaining({ field: 'webhook.url' })] }));
  });
});
