import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parsePolicy } from '../../src/domain';
import { BackfillTaskPriority1732300092000 } from '../../src/persistence/migrations/1732300092000-BackfillTaskPriority';
import { createTestApplication, TestApplication } from '../support/app';
import { complete, HOUR, MINUTE, register, registrationBody } from '../complaints/support';
import { taskList } from './support';

jest.setTimeout(120_000);

const POLICY = path.join(__dirname, '..', '..', 'config', 'policy.json');

let t: TestApplication;
afterEach(async () => { await t.dispose(); });

async function dispatched(overrides: Record<string, unknown>, phone: string) {
  const registered = await register(t, registrationBody({ ...overrides, complainant: { name: '客户', phone } }));
  await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
  return registered;
}

describe('direct (越级) complaints go first (issue 11, point 5; 002 四(二))', () => {
  test('Given a normal and a later direct complaint, then the list shows their priority, sorts by it on request and pages through it', async () => {
    t = await createTestApplication();
    const normal = await dispatched({ level: 'normal' }, '13800000001');
    await t.advance(30 * MINUTE);
    const direct = await dispatched({ level: 'direct' }, '13800000002');
    await t.advance(MINUTE);
    const another = await dispatched({ level: 'normal' }, '13800000003');
    // the policy's default limits for direct complaints are the seed's (the same as for normal ones)
    expect(direct.deadlines.responseDueAt).toBe('2026-11-23T03:30:00.000Z');

    const ops = t.bearer('ops1');
    const byDue = await taskList(t, ops);
    expect(byDue.map((task) => [task.businessKey, task.priority])).toEqual([[normal.number, 50], [direct.number, 80], [another.number, 50]]);
    const byPriority = await taskList(t, ops, { sort: 'priority' });
    expect(byPriority.map((task) => task.businessKey)).toEqual([direct.number, normal.number, another.number]);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(t.app.http).get('/tasks').query({ sort: 'priority', limit: 1, ...(cursor ? { cursor } : {}) }).set('Authorization', ops);
      expect(res.status).toBe(200);
      pages.push(...res.body.items.map((task: { businessKey: string }) => task.businessKey));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([direct.number, normal.number, another.number]);

    const detail = await request(t.app.http).get(`/tasks/${byPriority[0].id}`).set('Authorization', ops);
    expect(detail.body).toMatchObject({ priority: 80, escalationLevel: 0 });
    expect((await request(t.app.http).get('/tasks').query({ sort: 'urgent' }).set('Authorization', ops)).status).toBe(400);
  });

  test('Given tasks that were waiting before priorities were indexed (rank 0), then the back-fill migration puts the direct complaint first again', async () => {
    t = await createTestApplication();
    const normal = await dispatched({ level: 'normal' }, '13800000001');
    await t.advance(MINUTE);
    const direct = await dispatched({ level: 'direct' }, '13800000002');
    await t.app.db.transaction((manager) => manager.query('UPDATE wf_candidate SET priority_rank = 0'));
    const ops = t.bearer('ops1');
    expect((await taskList(t, ops, { sort: 'priority' })).map((task) => task.businessKey)).toEqual([normal.number, direct.number]);

    const queryRunner = t.app.db.dataSource.createQueryRunner();
    try {
      await new BackfillTaskPriority1732300092000().up(queryRunner);
    } finally {
      await queryRunner.release();
    }
    expect((await taskList(t, ops, { sort: 'priority' })).map((task) => task.businessKey)).toEqual([direct.number, normal.number]);
  });

  test('Given a policy giving direct complaints one hour to respond, then a direct complaint escalates after an hour, a normal one not yet', async () => {
    const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
    raw.timeLimits.directBySeverity.general.response = { amount: 1, unit: 'hours' };
    t = await createTestApplication({ policy: parsePolicy(raw) });
    const normal = await dispatched({ level: 'normal' }, '13800000001');
    const direct = await dispatched({ level: 'direct' }, '13800000002');
    expect(direct.deadlines.responseDueAt).toBe('2026-11-23T02:00:00.000Z');

    await t.advance(HOUR + MINUTE);
    const levels = Object.fromEntries((await taskList(t, t.bearer('ops1'))).map((task) => [task.businessKey, task.escalationLevel]));
    expect(levels).toEqual({ [normal.number]: 0, [direct.number]: 1 });
  });
});
