import request from 'supertest';
import { AppServices } from '../../src/app/services';
import { complaintsModule } from '../../src/bootstrap/complaints-module';
import { APP_MODULES } from '../../src/bootstrap/modules';
import { HandlerMetadata, HandlerRegistry, ServiceHandler, VariableDeclaration } from '../../src/engine/handlers/registry';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, register, registrationBody } from './support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

const post = (body: unknown, user: Parameters<TestApplication['bearer']>[0] = 'desk1', key?: string) => {
  const req = request(t.app.http).post('/complaints').set('Authorization', t.bearer(user));
  if (key !== undefined) req.set('Idempotency-Key', key);
  return req.send(body as object);
};

async function listNumbers(user: Parameters<TestApplication['bearer']>[0], query: Record<string, unknown> = {}) {
  const res = await request(t.app.http).get('/complaints').query({ limit: 100, ...query }).set('Authorization', t.bearer(user));
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ number: string }>).map((i) => i.number).sort();
}

describe('registration form', () => {
  test('Given a complete form, then the complaint gets the next number of the registering department and its process starts', async () => {
    const res = await post(registrationBody({ requestedReplyAt: '2026-11-24T10:00:00+08:00', complex: true }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: '2026KF001', kind: 'complaint', status: 'registered', receivedBy: 'desk1', registeringDeptCode: 'KF',
      requestedReplyAt: '2026-11-24T02:00:00.000Z', handlerGroup: 'management-rep', currentStep: '分类派单',
      complainant: { name: '王先生', phone: '13800138000', email: null },
    });
    expect(res.body.currentSteps).toEqual([expect.objectContaining({ elementId: 'dispatch', candidateGroups: ['service-desk'] })]);
    // The answer shows the waiting step as reading the complaint afterwards does: id, name, groups, due time.
    expect(res.body.currentSteps).toEqual((await complaint(t, res.body.number)).currentSteps);
    expect(res.body.currentSteps[0]).toMatchObject({ name: '分类派单', assignee: null, dueAt: res.body.deadlines.responseDueAt });
    expect((await post(registrationBody())).body.number).toBe('2026KF002');
  });

  test('Given a direct complaint (went over the handler\'s head), then its tasks carry a higher priority than normal ones', async () => {
    const normal = await register(t);
    const direct = await register(t, registrationBody({ level: 'direct' }));
    const priorityOf = async (taskId: string) =>
      (await request(t.app.http).get(`/tasks/${taskId}`).set('Authorization', t.bearer('desk1'))).body.data.priority;
    expect(await priorityOf(direct.currentSteps[0].taskId)).toBeGreaterThan(await priorityOf(normal.currentSteps[0].taskId));
  });

  test('Given no phone and no e-mail, then 400 names the complainant', async () => {
    const res = await post(registrationBody({ complainant: { name: '匿名', address: '某地' } }));
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'complainant' })]));
  });

  test('Given an e-mail only, then the registration is accepted', async () => {
    const res = await post(registrationBody({ complainant: { name: '李女士', email: 'li@example.com' } }));
    expect(res.status).toBe(201);
  });

  test('Given a phone that is not a Chinese number, bad enums and no content, then 400 lists each field', async () => {
    const res = await post(registrationBody({ complainant: { name: '王', phone: '12345' }, severity: 'huge', channel: 'fax', content: '' }));
    expect(res.status).toBe(400);
    const fields = (res.body.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['complainant.phone', 'severity', 'channel', 'content']));
    expect(await listNumbers('desk1')).toEqual([]);
  });

  test('Given no token, then 401; given someone who receives no complaints (an auditor), then 403', async () => {
    expect((await request(t.app.http).post('/complaints').send(registrationBody())).status).toBe(401);
    expect((await post(registrationBody(), 'auditor1')).status).toBe(403);
  });

  test('Given an unknown number, then 404', async () => {
    const res = await request(t.app.http).get('/complaints/2026KF999').set('Authorization', t.bearer('desk1'));
    expect(res.status).toBe(404);
  });
});

describe('who sees which complaint', () => {
  test('Given a complaint dispatched to ops (YW), then ops staff see it only after dispatch and quality staff never do', async () => {
    const registered = await register(t);
    expect(await listNumbers('ops1')).toEqual([]);
    expect((await request(t.app.http).get(`/complaints/${registered.number}`).set('Authorization', t.bearer('ops1'))).status).toBe(403);

    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });

    expect(await listNumbers('ops1')).toEqual([registered.number]);
    expect(await listNumbers('head-yw')).toEqual([registered.number]);
    expect(await listNumbers('quality1')).toEqual([]);
    expect(await listNumbers('auditor1')).toEqual([registered.number]);
    expect((await complaint(t, registered.number, 'ops1')).responsibleDeptCode).toBe('YW');
  });

  test('Given complaints of several kinds and severities, then the list filters and pages them', async () => {
    const major = await register(t, registrationBody({ severity: 'major' }));
    const inquiry = await register(t, registrationBody({ kind: 'inquiry', severity: 'minor' }));
    await t.advance(2 * 24 * 60 * 60_000);
    const later = await register(t, registrationBody({ severity: 'minor', category: 'serviceQuality' }));

    expect(await listNumbers('desk1', { severity: 'major' })).toEqual([major.number]);
    expect(await listNumbers('desk1', { kind: 'inquiry' })).toEqual([inquiry.number]);
    expect(await listNumbers('desk1', { from: '2026-11-24T00:00:00Z' })).toEqual([later.number]);
    expect(await listNumbers('desk1', { to: '2026-11-24T00:00:00Z' })).toEqual([major.number, inquiry.number].sort());

    const list = (query: Record<string, unknown>) => request(t.app.http).get('/complaints').query(query).set('Authorization', t.bearer('desk1'));
    const first = await list({ limit: 2, count: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, nextCursor: expect.any(String) });
    const second = await list({ limit: 2, cursor: first.body.nextCursor, count: true });
    expect(second.body).toEqual({ items: [expect.anything()], nextCursor: null, total: 3 });
    // newest first; major and inquiry were registered in the same millisecond, so their order is the id's
    const numbers = [...first.body.items, ...second.body.items].map((i: { number: string }) => i.number);
    expect(numbers[0]).toBe(later.number);
    expect(numbers.slice(1).sort()).toEqual([major.number, inquiry.number].sort());
    expect((await list({ limit: 2, cursor: first.body.nextCursor })).body).not.toHaveProperty('total'); // counted on request only
    expect((await list({ severity: 'minor', count: 'true' })).body.total).toBe(2); // the count has the page's filter

    const bad = await list({ severity: 'huge', limit: 1000 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'severity']);
    const numbered = await list({ page: 2, pageSize: 2 }); // numbered pages are gone: say so rather than answer page 1
    expect(numbered.status).toBe(400);
    expect(numbered.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['page', 'pageSize']);
  });
});

describe('overdue complaints (超时)', () => {
  test('Given a major and a general complaint, then overdue=true lists each once its first response is late, and only while it is open', async () => {
    const major = await register(t, registrationBody({ severity: 'major' }));
    const general = await register(t, registrationBody({ content: '另一件事' }));
    const majorDue = Date.parse(major.deadlines.responseDueAt);
    const generalDue = Date.parse(general.deadlines.responseDueAt);
    expect(majorDue).toBeLessThan(generalDue);
    expect(await listNumbers('desk1', { overdue: true })).toEqual([]);

    t.clock.advance(majorDue - t.clock.now().getTime() + 60_000);
    expect(await listNumbers('desk1', { overdue: 'true' })).toEqual([major.number]);
    expect(await listNumbers('desk1', { overdue: true, severity: 'general' })).toEqual([]);
    expect(await listNumbers('desk1', { overdue: false })).toEqual([major.number, general.number].sort());

    t.clock.advance(generalDue - t.clock.now().getTime() + 60_000);
    expect(await listNumbers('desk1', { overdue: true })).toEqual([major.number, general.number].sort());
    const bad = await request(t.app.http).get('/complaints').query({ overdue: 'yes' }).set('Authorization', t.bearer('desk1'));
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['overdue']);

    // Closed (here by hand, as a settled minor complaint is), it is no longer overdue, whatever its columns say.
    await t.app.db.transaction((m) => m.query('UPDATE complaint SET status = ? WHERE number = ?', ['closed', general.number]));
    expect(await listNumbers('desk1', { overdue: true })).toEqual([major.number]);
  });
});

describe('numbering under concurrency', () => {
  test('Given 20 registrations at the same time, then they are numbered 001 to 020 with no gap and no duplicate', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(registrationBody({ content: `并发登记 ${i}` }))));
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const numbers = responses.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `2026KF${String(i + 1).padStart(3, '0')}`));
    expect(await listNumbers('desk1')).toEqual(numbers);
  });
});

describe('idempotent registration', () => {
  test('Given a retried request with the same Idempotency-Key and body, then the first answer comes back and nothing new is created', async () => {
    const first = await post(registrationBody(), 'desk1', 'reg-7f3a');
    const retry = await post(registrationBody(), 'desk1', 'reg-7f3a');

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.number).toBe(first.body.number);
    expect(await listNumbers('desk1')).toEqual([first.body.number]);
  });

  test('Given the same key with a different body, then 409 and nothing is created', async () => {
    await post(registrationBody(), 'desk1', 'reg-1');
    const other = await post(registrationBody({ content: '另一件事' }), 'desk1', 'reg-1');
    expect(other.status).toBe(409);
    expect(await listNumbers('desk1')).toEqual(['2026KF001']);
  });

  test('Given the same key sent five times at once, then exactly one complaint exists and every answer names it', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(registrationBody(), 'desk1', 'burst-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.number))).toEqual(new Set(['2026KF001']));
    expect(await listNumbers('desk1')).toEqual(['2026KF001']);
    expect((await post(registrationBody(), 'desk1', 'burst-2')).body.number).toBe('2026KF002');
  });

  test('Given an Idempotency-Key that is too long, then 400', async () => {
    const res = await post(registrationBody(), 'desk1', 'k'.repeat(101));
    expect(res.status).toBe(400);
  });
});

describe('atomic registration', () => {
  test('Given the process cannot start, then neither the complaint nor its number is kept', async () => {
    await t.dispose();
    let failPrepare = true;
    const flakyComplaints = {
      ...complaintsModule,
      registerHandlers: (registry: HandlerRegistry, services: AppServices) => complaintsModule.registerHandlers!({
        register: (name: string, handler: ServiceHandler, metadata?: HandlerMetadata) => registry.register(name, name !== 'complaint.prepare' ? handler : (call) => {
          if (failPrepare) throw new Error('routing table unavailable');
          return handler(call);
        }, metadata),
        declareStartData: (key: string, fields: VariableDeclaration[]) => registry.declareStartData(key, fields),
      } as unknown as HandlerRegistry, services),
    };
    t = await createTestApplication({ modules: APP_MODULES.map((m) => (m === complaintsModule ? flakyComplaints : m)) });

    const failed = await post(registrationBody());
    expect(failed.status).toBe(409); // an incident: the process could not continue
    expect(await listNumbers('desk1')).toEqual([]);

    failPrepare = false;
    expect((await post(registrationBody())).body.number).toBe('2026KF001');
  });
});
