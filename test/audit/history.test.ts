import request from 'supertest';
import { AuditRow } from '../../src/persistence/entities/engine';
import { createTestApplication, TestApplication } from '../support/app';
import { complaintRow, insertComplaints, processFixture, waitingItem } from './support';

jest.setTimeout(60_000);

let t: TestApplication;
beforeEach(async () => {
  t = await createTestApplication();
  await t.app.engine.deploy('auditFlow', processFixture('audit-flow.bpmn'), 'owner1');
});
afterEach(async () => { await t.dispose(); });

/** A complaint registered by KF and routed to YW, with its (fixture) lifecycle instance run to the end. */
async function finishedComplaint() {
  const complaint = complaintRow({ registeringDeptCode: 'KF', responsibleDeptCode: 'YW' });
  const started = await t.app.engine.startProcess('auditFlow', { businessKey: complaint.number, complaintNumber: complaint.number }, { actor: 'desk1' });
  await insertComplaints(t.app, [{ ...complaint, instanceId: started.id }]);
  const register = await waitingItem(t.app, started.id, 'register');
  await t.app.engine.assignTask(register.id, { assignee: 'desk1' }, { actor: 'desk1' });
  await t.app.engine.completeTask(register.id, { accepted: true }, { actor: 'desk1' });
  t.clock.advance(60 * 60_000);
  const handle = await waitingItem(t.app, started.id, 'handle');
  await t.app.engine.completeTask(handle.id, { resolution: '更换光猫' }, { actor: 'ops1' });
  return { complaint, instanceId: started.id };
}

const get = (path: string, user: Parameters<TestApplication['bearer']>[0]) => request(t.app.http).get(path).set('Authorization', t.bearer(user));

describe('GET /instances/:id/history', () => {
  it('Given a finished instance, when the auditor reads its history, then every step is listed in order with who, when and the diagram names', async () => {
    const { instanceId } = await finishedComplaint();

    const { body } = await get(`/instances/${instanceId}/history`, 'auditor1').expect(200);

    expect(body.instance).toMatchObject({ id: instanceId, processKey: 'auditFlow', version: 1, status: 'end' });
    expect(body.entries.map((e: any) => e.seq)).toEqual(body.entries.map((_: unknown, i: number) => i + 1));
    expect(body.entries.map((e: any) => [e.action, e.elementName, e.actor])).toEqual([
      ['started', null, 'desk1'],
      ['task created', '登记投诉', null],
      ['claimed', '登记投诉', 'desk1'],
      ['completed', '登记投诉', 'desk1'],
      ['task created', '处理投诉', null],
      ['completed', '处理投诉', 'ops1'],
      ['ended', null, 'ops1'],
    ]);
    const claimed = body.entries[2];
    expect(claimed).toMatchObject({ elementId: 'register', before: { assignee: null }, after: { assignee: 'desk1' }, itemId: expect.any(String) });
    expect(body.entries[5]).toMatchObject({ at: '2026-11-23T02:00:00.000Z', after: { resolution: '更换光猫' } });
    expect(body.people).toEqual({ desk1: '张敏', ops1: '李强' });
  });

  it('Given a complaint of KF routed to YW, then staff of KF and YW and the company leadership may read it, other departments get 403, unknown ids 404, no token 401', async () => {
    const { instanceId } = await finishedComplaint();

    await get(`/instances/${instanceId}/history`, 'desk1').expect(200); // KF registered it
    await get(`/instances/${instanceId}/history`, 'ops1').expect(200); // YW handles it
    await get(`/instances/${instanceId}/history`, 'rep1').expect(200); // escalations reach the management representative
    const refused = await get(`/instances/${instanceId}/history`, 'quality1').expect(403); // ZL
    expect(refused.body.error).toBe('history_forbidden');
    await get(`/instances/${instanceId}/verify`, 'quality1').expect(403);
    await get(`/instances/${instanceId}/diagram`, 'quality1').expect(403);
    await get('/instances/00000000-0000-0000-0000-000000000000/history', 'auditor1').expect(404);
    await request(t.app.http).get(`/instances/${instanceId}/history`).expect(401);
  });

  it('Given an instance that belongs to no complaint, then only auditors and the company leadership may read it', async () => {
    const started = await t.app.engine.startProcess('auditFlow', {}, { actor: 'desk1' });
    await get(`/instances/${started.id}/history`, 'desk1').expect(403);
    await get(`/instances/${started.id}/history`, 'leader1').expect(200);
    await get(`/instances/${started.id}/history`, 'auditor1').expect(200);
  });
});

describe('GET /instances/:id/verify', () => {
  it('Given an untouched trail, then the chain verifies; when one row\'s "after" is edited in the database, then verify names that row', async () => {
    const { instanceId } = await finishedComplaint();
    const intact = await get(`/instances/${instanceId}/verify`, 'auditor1').expect(200);
    expect(intact.body).toMatchObject({ ok: true, checked: 7, head: { seq: 7, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, problems: [] });

    await t.app.db.transaction((m) => m.getRepository(AuditRow).update({ scope: instanceId, seq: 4 }, { after: { accepted: false } }));

    const { body } = await get(`/instances/${instanceId}/verify`, 'auditor1').expect(200);
    expect(body).toMatchObject({ ok: false, rows: 7, firstBrokenSeq: 4 });
    expect(body.problems).toEqual([{ scope: instanceId, seq: 4, kind: 'edited', message: expect.stringContaining('第 4 行') }]);
  });

  it('Given a row removed from the middle of the trail, then verify reports the gap', async () => {
    const { instanceId } = await finishedComplaint();
    await t.app.db.transaction((m) => m.getRepository(AuditRow).delete({ scope: instanceId, seq: 3 }));

    const { body } = await get(`/instances/${instanceId}/verify`, 'auditor1').expect(200);
    expect(body).toMatchObject({ ok: false, rows: 6, firstBrokenSeq: 3 });
    expect(body.problems).toEqual([{ scope: instanceId, seq: 3, kind: 'missing-rows', message: '第 3 行缺失（被删除）' }]);
  });

  it('Reading history, verifying and fetching the diagram change no audit row', async () => {
    const { instanceId, complaint } = await finishedComplaint();
    const before = await t.app.db.read((m) => m.getRepository(AuditRow).find({ order: { id: 'ASC' } }));

    await get(`/instances/${instanceId}/history`, 'auditor1').expect(200);
    await get(`/instances/${instanceId}/verify`, 'auditor1').expect(200);
    await get(`/instances/${instanceId}/diagram`, 'auditor1').expect(200);
    await get(`/complaints/${complaint.number}/history`, 'auditor1').expect(200);

    expect(await t.app.db.read((m) => m.getRepository(AuditRow).find({ order: { id: 'ASC' } }))).toEqual(before);
  });
});

describe('GET /instances/:id/diagram', () => {
  it('Given an instance waiting at its second task, then the pinned XML comes with the completed path and the active task', async () => {
    const complaint = complaintRow();
    const started = await t.app.engine.startProcess('auditFlow', { businessKey: complaint.number }, { actor: 'desk1' });
    await insertComplaints(t.app, [{ ...complaint, instanceId: started.id }]);
    await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'register')).id, { accepted: true }, { actor: 'desk1' });
    // a newer version must not change what this instance shows
    await t.app.engine.deploy('auditFlow', processFixture('audit-flow-v2.bpmn'), 'owner1');

    const { body } = await get(`/instances/${started.id}/diagram`, 'ops1').expect(200);

    expect(body.xml).toBe(processFixture('audit-flow.bpmn'));
    expect(body.instance.version).toBe(1);
    expect(body).toMatchObject({ instanceId: started.id, processKey: 'auditFlow', version: 1 });
    expect(body.completedElementIds).toEqual(['received', 'register', 'accept']);
    expect(body.takenFlowIds).toEqual(['toRegister', 'toAccept', 'toHandle']);
    expect(body.activeElementIds).toEqual(['handle']);
    expect(body.activeTasks).toEqual([expect.objectContaining({ elementId: 'handle', name: '处理投诉', candidateGroups: ['ops'], assignee: null })]);
    expect(body.incidentElementIds).toEqual([]);
  });

  it('Given a gateway where no flow matched, then it is reported as failed while the task before it stays active', async () => {
    const started = await t.app.engine.startProcess('auditFlow', {}, { actor: 'desk1' });
    const register = await waitingItem(t.app, started.id, 'register');
    await expect(t.app.engine.completeTask(register.id, {}, { actor: 'desk1' })).rejects.toMatchObject({ status: 409 });

    const { body } = await get(`/instances/${started.id}/diagram`, 'auditor1').expect(200);

    expect(body.incidentElementIds).toEqual(['accept']);
    expect(body.incidents).toEqual([expect.objectContaining({ elementId: 'accept', message: expect.any(String) })]);
    expect(body.activeElementIds).toEqual(['register']);
  });

  async function startTimers() {
    await t.app.engine.deploy('auditTimers', processFixture('audit-timers.bpmn'), 'owner1');
    return t.app.engine.startProcess('auditTimers', {}, { actor: 'desk1' });
  }

  it('Given a task done in time twice (one loop back), then the cancelled boundary timers are not completed, the loop counts two passes and only taken flows are listed', async () => {
    const started = await startTimers();
    await t.advance(31 * 60_000); // the reminder fires, the deadline stays armed
    await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'handle')).id, { satisfied: false }, { actor: 'ops1' });
    await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'handle')).id, { satisfied: true }, { actor: 'ops1' });

    const { body } = await get(`/instances/${started.id}/diagram`, 'auditor1').expect(200);

    expect([...body.completedElementIds].sort()).toEqual(['check', 'closed', 'handle', 'received', 'remind', 'reminded']);
    expect(body.completedElementIds).not.toContain('deadline');
    expect([...body.takenFlowIds].sort()).toEqual(['again', 'toCheck', 'toClosed', 'toHandle', 'toReminded']);
    expect(body.runCounts).toEqual({ received: 1, toHandle: 1, handle: 2, remind: 1, toReminded: 1, reminded: 1, toCheck: 2, check: 2, again: 1, toClosed: 1, closed: 1 });
    expect(body.activeElementIds).toEqual([]);
    expect(body.pendingTimers).toEqual([]);
  });

  it('Given the interrupting deadline fired, then it and its flow are on the path, the task it cut short is interrupted and the escalation task is active', async () => {
    const started = await startTimers();
    const waiting = await get(`/instances/${started.id}/diagram`, 'auditor1').expect(200);
    expect(waiting.body.pendingTimers.map((p: any) => [p.elementId, p.dueAt])).toEqual([
      ['remind', '2026-11-23T01:30:00.000Z'], ['deadline', '2026-11-23T03:00:00.000Z'],
    ]);

    await t.advance(2 * 60 * 60_000 + 60_000);

    const { body } = await get(`/instances/${started.id}/diagram`, 'auditor1').expect(200);
    expect(body.completedElementIds).toEqual(expect.arrayContaining(['remind', 'deadline']));
    expect(body.completedElementIds).not.toContain('handle');
    expect(body.interruptedElementIds).toEqual(['handle']);
    expect(body.takenFlowIds).toEqual(expect.arrayContaining(['toEscalated', 'toReminded']));
    expect(body.activeTasks.map((task: any) => [task.elementId, task.candidateGroups])).toEqual([['escalated', ['management-rep']]]);
  });
});

describe('GET /instances/:id/history?element=', () => {
  it('Given a finished instance, when the auditor filters by one element, then only that element\'s rows come back', async () => {
    const { instanceId } = await finishedComplaint();

    const { body } = await get(`/instances/${instanceId}/history?element=register`, 'auditor1').expect(200);

    expect(body.entries.map((e: any) => [e.seq, e.action, e.elementId])).toEqual([[2, 'task created', 'register'], [3, 'claimed', 'register'], [4, 'completed', 'register']]);
    const none = await get(`/instances/${instanceId}/history?element=nowhere`, 'auditor1').expect(200);
    expect(none.body.entries).toEqual([]);
  });
});

describe('GET /complaints/:number/history', () => {
  it('Given a complaint with its lifecycle and a penalty instance, then both timelines come back, lifecycle first', async () => {
    const { complaint, instanceId } = await finishedComplaint();
    t.clock.advance(60_000);
    const penalty = await t.app.engine.startProcess('auditFlow', { complaintNumber: complaint.number, businessKey: 'CF-P-1' }, { actor: 'head-yw' });
    await t.app.engine.startProcess('auditFlow', { complaintNumber: 'someone-else' }, { actor: 'desk1' });

    const { body } = await get(`/complaints/${complaint.number}/history`, 'auditor1').expect(200);

    expect(body.complaint).toMatchObject({ number: complaint.number, registeringDeptCode: 'KF', responsibleDeptCode: 'YW' });
    expect(body.instances.map((i: any) => i.instance.id)).toEqual([instanceId, penalty.id]);
    expect(body.instances[0].entries.at(-1).action).toBe('ended');
    expect(body.instances[1].entries.map((e: any) => e.action)).toEqual(['started', 'task created']);
    // Everyone the timelines name, by the name colleagues know them by.
    const named = new Set(body.instances.flatMap((i: any) => i.entries.map((e: any) => e.actor)).filter((a: string | null) => a && !a.startsWith('system')));
    expect(named.has('head-yw')).toBe(true);
    expect(Object.keys(body.people).sort()).toEqual([...named].sort());
    expect(body.people['head-yw']).toBe('赵建国');
  });

  it('Unknown complaint → 404; another department → 403', async () => {
    const { complaint } = await finishedComplaint();
    await get('/complaints/2026KF999/history', 'auditor1').expect(404);
    await get(`/complaints/${complaint.number}/history`, 'ga1').expect(403);
  });

  it('Whoever reads every complaint (leadership, service desk) reads its timeline too, as the console shows it beside the complaint', async () => {
    const { complaint } = await finishedComplaint();
    await get(`/complaints/${complaint.number}/history`, 'leader1').expect(200);
    await get(`/complaints/${complaint.number}/history`, 'rep1').expect(200);
  });
});
