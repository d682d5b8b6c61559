import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { openTask, registrationBody } from '../complaints/support';

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('request ids in the audit trail', () => {
  it('Given a registration and a completion sent with X-Request-Id, then the audit entries they wrote carry those ids and the chain still verifies', async () => {
    const registered = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1'))
      .set('X-Request-Id', 'reg-20261123-0001').send(registrationBody()).expect(201);
    const task = await openTask(t, registered.body.number, 'dispatch', 'desk1');
    await request(t.app.http).post(`/tasks/${task.id}/claim`).set('Authorization', t.bearer('desk1')).set('X-Request-Id', 'claim-0001').send({}).expect(200);
    const done = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { responsibleDept: 'YW' } }).expect(200);
    const generated = done.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const { body } = await request(t.app.http).get(`/instances/${registered.body.instanceId}/history`).set('Authorization', t.bearer('auditor1')).expect(200);
    const byAction = (action: string) => body.entries.filter((e: { action: string }) => e.action === action);
    expect(byAction('started')[0].requestId).toBe('reg-20261123-0001');
    expect(byAction('claimed')[0].requestId).toBe('claim-0001');
    expect(byAction('completed')[0]).toMatchObject({ elementId: 'dispatch', requestId: generated });

    const verdict = await request(t.app.http).get(`/instances/${registered.body.instanceId}/verify`).set('Authorization', t.bearer('auditor1')).expect(200);
    expect(verdict.body.ok).toBe(true);
  });
});
