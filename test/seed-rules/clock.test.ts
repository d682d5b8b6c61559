import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complete, HOUR, openTask, register } from '../complaints/support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('times come from the injected clock (issue 11, point 8)', () => {
  test('Given a manual clock days behind the real one, then the instance start and the task creation time follow it', async () => {
    const registered = await register(t);
    await t.advance(HOUR);
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });

    const task = await openTask(t, registered.number, 'firstResponse', 'ops1');
    expect(task).toMatchObject({ createdAt: '2026-11-23T02:00:00.000Z' });
    const detail = await request(t.app.http).get(`/tasks/${task.id}`).set('Authorization', t.bearer('ops1'));
    expect(detail.body.createdAt).toBe('2026-11-23T02:00:00.000Z');

    const history = await request(t.app.http).get(`/complaints/${registered.number}/history`).set('Authorization', t.bearer('auditor1'));
    expect(history.status).toBe(200);
    expect(history.body.instances[0].instance.startedAt).toBe('2026-11-23T01:00:00.000Z');
  });
});
