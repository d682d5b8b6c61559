import request from 'supertest';
import { DemoUsername } from '../../src/app/identity';
import { consoleInbox } from '../../src/app/notifications/console-inbox';
import { OverdueTaskNotifier } from '../../src/app/notifications/task-notifications';
import { loadNotificationConfig, NotificationConfig } from '../../src/engine/notifications/notification-config';
import { queueNotification } from '../../src/engine/notifications/outbox';
import { OutboxRow } from '../../src/persistence/entities/notifications';
import { InboxRow } from '../../src/persistence/entities/staff';
import { createTestApplication, TestApplication } from '../support/app';
import { complete, HOUR, openTask, register, registrationBody } from '../complaints/support';
import { extraUser } from '../seed-rules/support';
import { executedPenalty, insertComplaint } from '../penalties/support';

describe('staff notifications', () => {
  let t: TestApplication;
  let config: NotificationConfig;
  beforeEach(async () => {
    t = await createTestApplication();
    config = { ...loadNotificationConfig(), inTransactionChannels: [consoleInbox(t.app.policy.departmentScopedGroups, t.app.db)] };
  });
  afterEach(async () => { await t.dispose(); });

  const inbox = async (user: DemoUsername, query: Record<string, unknown> = {}) =>
    (await request(t.app.http).get('/me/notifications').query(query).set('Authorization', t.bearer(user)).expect(200)).body;
  const outbox = (template: string) => t.app.db.read((m) => m.find(OutboxRow, { where: { template }, order: { recipient: 'ASC' } }));
  const inboxRows = (kind: string) => t.app.db.read((m) => m.find(InboxRow, { where: { kind } }));

  it('puts an arriving task into the inbox of every member of its groups and mails the group', async () => {
    const { number } = await register(t, registrationBody({ category: 'technicalService' }));
    const dispatch = await openTask(t, number, 'dispatch', 'desk1');

    const desk = await inbox('desk1');
    expect(desk).toEqual({
      items: [{
        id: expect.any(String), kind: 'task-arrived', title: `新任务：分类派单（${number}）`, body: expect.stringContaining('办理期限：2026-11-23 11:00'),
        taskId: dispatch.id, complaintNumber: number, penaltyId: null, createdAt: '2026-11-23T01:00:00.000Z', readAt: null,
      }],
      nextCursor: null,
      unreadCount: 1,
    });
    expect((await outbox('taskArrived')).map((m) => [m.channel, m.recipient])).toEqual([['email', 'kefu@complaint-flow.local']]);

    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    const firstResponse = await openTask(t, number, 'firstResponse', 'ops1');
    for (const user of ['ops1', 'head-yw'] as const) {
      expect((await inbox(user)).items).toEqual([expect.objectContaining({ kind: 'task-arrived', taskId: firstResponse.id, complaintNumber: number })]);
    }
    expect((await inbox('quality1')).items).toEqual([]);
    expect((await outbox('taskArrived')).map((m) => m.recipient)).toEqual(['kefu@complaint-flow.local', 'yunwei@complaint-flow.local']);

    // A head giving the task to a member tells that member; claiming it oneself tells nobody.
    t.clock.advance(60_000);
    await request(t.app.http).post(`/tasks/${firstResponse.id}/assign`).set('Authorization', t.bearer('head-yw')).send({ username: 'ops1' }).expect(200);
    const ops = await inbox('ops1');
    expect(ops.items.map((n: { title: string }) => n.title)).toEqual([`任务已分派给您：首次响应（${number}）`, `新任务：首次响应（${number}）`]);
    expect((await inbox('head-yw')).items).toHaveLength(1);
  });

  it('tells someone who joined a group about the next task, though the group was told of one before', async () => {
    const first = await register(t, registrationBody({ category: 'technicalService' }));
    const newcomer = await extraUser(t, { username: 'desk9', displayName: '新同事', departmentCode: 'KF', groups: ['service-desk'] });
    const second = await register(t, registrationBody({ category: 'technicalService' }));

    const told = (await request(t.app.http).get('/me/notifications').set('Authorization', newcomer).expect(200)).body.items;
    expect(told.map((n: { complaintNumber: string }) => n.complaintNumber)).toEqual([second.number]);
    expect((await inbox('desk1')).items.map((n: { complaintNumber: string }) => n.complaintNumber).sort()).toEqual([first.number, second.number].sort());
  });

  it('tells department heads only about tasks of the departments they belong to or head', async () => {
    const headZl = await extraUser(t, { username: 'head-zl', displayName: '钱红', departmentCode: 'ZL', groups: ['dept-head'], headOf: ['dept-head'] });
    const headOfSeveral = await extraUser(t, {
      username: 'head-gc', displayName: '孔亮', departmentCode: 'GC', groups: ['dept-head'], headsDepartments: ['ZL', 'SC'],
    });
    const { number } = await register(t, registrationBody({ category: 'serviceAttitude', content: '维修人员态度恶劣' }));
    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'ZL' });
    const told = async (authorization: string, kind: string) => (await request(t.app.http).get('/me/notifications').set('Authorization', authorization).expect(200))
      .body.items.filter((n: { kind: string }) => n.kind === kind).map((n: { complaintNumber: string }) => n.complaintNumber);

    expect(await told(headZl, 'task-arrived')).toEqual([number]);
    expect(await told(headOfSeveral, 'task-arrived')).toEqual([number]);
    expect(await told(t.bearer('head-yw'), 'task-arrived')).toEqual([]); // heads 运维管理部 only: the task is not one it may open

    t.clock.advance(3 * 24 * HOUR);
    expect(await new OverdueTaskNotifier(t.app.db, t.clock, config).announceOverdue()).toBeGreaterThan(0);
    expect(await told(headZl, 'task-overdue')).toEqual([number]);
    expect(await told(t.bearer('head-yw'), 'task-overdue')).toEqual([]);
  });

  it('announces an overdue task once, even when two server processes check at the same time', async () => {
    const { number } = await register(t, registrationBody({ severity: 'general' })); // dispatch due within 2 hours
    const dispatch = await openTask(t, number, 'dispatch', 'desk1');
    const notifiers = [new OverdueTaskNotifier(t.app.db, t.clock, config), new OverdueTaskNotifier(t.app.db, t.clock, config)];

    expect(await notifiers[0].announceOverdue()).toBe(0);
    t.clock.advance(2 * HOUR + 60_000);
    const announced = await Promise.all(notifiers.map((n) => n.announceOverdue()));
    expect(announced.sort()).toEqual([0, 1]);
    expect(await notifiers[1].announceOverdue()).toBe(0);
    t.clock.advance(HOUR);
    expect(await notifiers[0].announceOverdue()).toBe(0);

    expect((await outbox('taskOverdue')).map((m) => m.recipient)).toEqual(['kefu@complaint-flow.local']);
    const rows = await inboxRows('task-overdue');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ taskId: dispatch.id, complaintNumber: number, title: `任务已超期：分类派单（${number}）` });
    expect((await inbox('desk1', { unread: true })).unreadCount).toBe(2);
  });

  it('brings any notification addressed to a group into its members\' inboxes, e.g. an escalation', async () => {
    const { number, instanceId } = await register(t);
    const escalation: NotificationConfig = {
      ...config,
      templates: {
        ...config.templates,
        taskEscalated: { subject: '投诉 {{complaintNumber}} 已升级至{{escalationGroupName}}', body: '请督办。', to: ['group:{{escalationGroup}}'] },
      },
    };
    await t.app.db.transaction((manager) => queueNotification(manager, escalation, {
      template: 'taskEscalated', instanceId, elementId: 'escalate', now: t.clock.now(), occurrence: 'level-2',
      data: { complaintNumber: number, escalationGroup: 'division-leader', escalationGroupName: '分管领导' },
    }));
    expect((await inbox('leader1')).items).toEqual([expect.objectContaining({
      kind: 'task-escalated', title: `投诉 ${number} 已升级至分管领导`, complaintNumber: number, taskId: null,
    })]);
    expect((await inbox('gm1')).items).toEqual([]);
  });

  it('links a penalty notice to its case, so the bell opens the case rather than the complaint general affairs may not see', async () => {
    const number = await insertComplaint(t);
    const { id } = await executedPenalty(t, number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });

    const notices = (await inbox('ga1')).items.filter((n: { kind: string }) => n.kind === 'penalty-notice');
    expect(notices).toEqual([expect.objectContaining({ complaintNumber: number, penaltyId: id, taskId: null })]);
    // The notice is addressed to the fined department too: its head hears of it in the console, its staff by mail.
    expect((await inbox('head-yw')).items.filter((n: { kind: string }) => n.kind === 'penalty-notice'))
      .toEqual([expect.objectContaining({ penaltyId: id })]);
    expect((await inbox('ops1')).items.filter((n: { kind: string }) => n.kind === 'penalty-notice')).toEqual([]);
    expect((await inbox('quality1')).items).toEqual([]);
  });

  it('shows the auditor, on the instance, the mail queued for an arriving task and the console message that reached each member, read or not', async () => {
    const { number, instanceId } = await register(t, registrationBody({ category: 'technicalService' }));
    const [message] = (await inbox('desk1')).items;
    t.clock.advance(60_000);
    await request(t.app.http).post(`/me/notifications/${message.id}/read`).set('Authorization', t.bearer('desk1')).send().expect(204);

    const { body } = await request(t.app.http).get(`/instances/${instanceId}/notifications`).set('Authorization', t.bearer('auditor1')).expect(200);

    const subject = `新任务：分类派单（${number}）`;
    expect(body).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'kefu@complaint-flow.local', recipientName: null, subject, status: 'pending', elementId: 'dispatch', readAt: null }),
      expect.objectContaining({
        channel: 'console', recipient: 'desk1', recipientName: '张敏', subject, elementId: 'dispatch', elementName: '分类派单',
        status: 'read', sentAt: '2026-11-23T01:00:00.000Z', readAt: '2026-11-23T01:01:00.000Z',
      }),
    ]);
  });

  it('pages the inbox and marks notifications read', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i += 1) {
      numbers.push((await register(t)).number);
      t.clock.advance(60_000);
    }
    const first = await inbox('desk1', { limit: 2 });
    expect(first.items.map((n: { complaintNumber: string }) => n.complaintNumber)).toEqual([numbers[2], numbers[1]]);
    const second = await inbox('desk1', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((n: { complaintNumber: string }) => n.complaintNumber)).toEqual([numbers[0]]);
    expect(second.nextCursor).toBeNull();

    const read = (user: DemoUsername, id: string) => request(t.app.http).post(`/me/notifications/${id}/read`).set('Authorization', t.bearer(user)).send();
    await read('desk1', first.items[0].id).expect(204);
    await read('ops1', first.items[1].id).expect(404);
    const unread = await inbox('desk1', { unread: true });
    expect(unread.unreadCount).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(first.items[0].id);
    expect((await inbox('desk1')).items.find((n: { id: string }) => n.id === first.items[0].id).readAt).toBe(t.clock.now().toISOString());

    await request(t.app.http).post('/me/notifications/read-all').set('Authorization', t.bearer('desk1')).send().expect(204);
    expect(await inbox('desk1', { unread: true })).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });
});
