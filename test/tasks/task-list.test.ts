import request from 'supertest';
import { HOUR, START, startTaskApplication, TaskTestContext } from './support';

jest.setTimeout(120_000);

let t: TaskTestContext;
beforeEach(async () => { t = await startTaskApplication(); });
afterEach(async () => { await t.dispose(); });

type Item = { id: string; dueAt: string | null; [key: string]: unknown };

/** Follows nextCursor until the last page; returns every page. */
async function allPages(user: Parameters<TaskTestContext['get']>[0], query: string): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/tasks?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await t.get(user, url).expect(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

const byDueThenId = (a: Item, b: Item) => (a.dueAt! < b.dueAt! ? -1 : a.dueAt! > b.dueAt! ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('GET /tasks', () => {
  it('Given seven open investigations, When ops1 pages through them three at a time, Then every task comes exactly once, sorted by due time', async () => {
    const dues = [5, 1, 3, 3, 8, 2, 3];
    const started = [];
    for (const dueInHours of dues) started.push(await t.startInvestigation({ dueInHours }));

    const pages = await allPages('ops1', 'limit=3');

    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const listed = pages.flat();
    expect(listed.map((i) => i.id).sort()).toEqual(started.map((s) => s.taskId).sort());
    expect(listed).toEqual([...listed].sort(byDueThenId));
    expect(listed.map((i) => i.dueAt)).toEqual([1, 2, 3, 3, 3, 5, 8].map((h) => new Date(Date.parse(START) + h * HOUR).toISOString()));
  });

  it('Given an open investigation, Then its list entry tells the process, instance, business key, groups, due time and time left', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4, businessKey: '2026KF001', severity: 'major', departmentCode: 'YW' });
    t.clock.advance(HOUR);

    const { body } = await t.get('quality1', '/tasks').expect(200);

    expect(body).toEqual({
      nextCursor: null,
      items: [{
        id: taskId, name: '调查处理', elementId: 'investigate', processKey: 'task-review', instanceId, businessKey: '2026KF001',
        candidateGroups: ['ops', 'quality'], assignee: null, assigneeName: null, assigneeActive: null, dueAt: '2026-11-23T05:00:00.000Z', overdue: false,
        timeLeftMs: 3 * HOUR, createdAt: expect.any(String), priority: 0, escalationLevel: 0,
        // No complaint 2026KF001 exists: the fixture process only borrows the number as business key.
        complaintNumber: null, customerName: null, severity: null, category: null, kind: null, departmentCode: null,
        slaStartedAt: expect.any(String),
      }],
    });
  });

  it('Given tasks of several groups, Then each caller sees only tasks of their groups, user or assignment', async () => {
    const first = await t.startInvestigation({ dueInHours: 1 });
    await t.startInvestigation({ dueInHours: 2 });
    await t.post('ops1', `/tasks/${first.taskId}/complete`, { data: { verdict: 'fixed', cause: '光猫故障' } }).expect(200);
    const approval = await t.waitingTaskOf(first.instanceId, 'approve');

    const ids = async (user: Parameters<TaskTestContext['get']>[0]) => (await t.get(user, '/tasks').expect(200)).body.items.map((i: Item) => i.id);

    const remaining = await ids('ops1');
    expect(await ids('desk1')).toEqual([]);
    expect(remaining).toHaveLength(1);
    // head-yw is in dept-head and ops; the approval has no due time, so it sorts last
    expect(await ids('head-yw')).toEqual([...remaining, approval]);
    expect((await t.get('head-yw', '/tasks?group=dept-head').expect(200)).body.items.map((i: Item) => i.id)).toEqual([approval]);
  });

  it('Given a task claimed by head-yw, When head-yw lists, Then it appears once although both the ops group and the assignment reach it', async () => {
    const a = await t.startInvestigation({ dueInHours: 1 });
    const b = await t.startInvestigation({ dueInHours: 2 });
    await t.post('head-yw', `/tasks/${a.taskId}/claim`).expect(200);

    const pages = await allPages('head-yw', 'limit=1');

    expect(pages.flat().map((i) => i.id)).toEqual([a.taskId, b.taskId]);
    const mine = (await t.get('head-yw', '/tasks?assignee=me').expect(200)).body.items;
    expect(mine.map((i: Item) => [i.id, i.assignee])).toEqual([[a.taskId, 'head-yw']]);
    expect((await t.get('ops1', '/tasks?assignee=head-yw').expect(200)).body.items.map((i: Item) => i.id)).toEqual([a.taskId]);
    expect((await t.get('quality1', '/tasks?group=quality&assignee=head-yw').expect(200)).body.items.map((i: Item) => i.id)).toEqual([a.taskId]);
  });

  it('Given complaints of different severity and department, Then severity, department and process filters keep only matching tasks', async () => {
    const majorYw = await t.startInvestigation({ dueInHours: 1, severity: 'major', departmentCode: 'YW' });
    const minorYw = await t.startInvestigation({ dueInHours: 2, severity: 'minor', departmentCode: 'YW' });
    const majorZl = await t.startInvestigation({ dueInHours: 3, severity: 'major', departmentCode: 'ZL' });
    const ids = async (query: string) => (await t.get('ops1', `/tasks?${query}`).expect(200)).body.items.map((i: Item) => i.id);

    expect(await ids('severity=major')).toEqual([majorYw.taskId, majorZl.taskId]);
    expect(await ids('department=YW')).toEqual([majorYw.taskId, minorYw.taskId]);
    expect(await ids('severity=major&department=ZL')).toEqual([majorZl.taskId]);
    expect(await ids('process=task-review&limit=1')).toEqual([majorYw.taskId]);
    expect(await ids('process=complaint-lifecycle')).toEqual([]);
  });

  it('Given the clock past some due times, Then overdue and dueBefore select by due time and items say they are overdue', async () => {
    const soon = await t.startInvestigation({ dueInHours: 1 });
    const later = await t.startInvestigation({ dueInHours: 3 });
    const latest = await t.startInvestigation({ dueInHours: 6 });
    t.clock.advance(2 * HOUR);
    const list = async (query: string) => (await t.get('ops1', `/tasks?${query}`).expect(200)).body.items;

    const overdue = await list('overdue=true');
    expect(overdue.map((i: Item) => i.id)).toEqual([soon.taskId]);
    expect(overdue[0]).toMatchObject({ overdue: true, timeLeftMs: -HOUR });
    expect((await list('overdue=false')).map((i: Item) => i.id)).toEqual([later.taskId, latest.taskId]);
    expect((await list(`dueBefore=${encodeURIComponent('2026-11-23T12:30:00+08:00')}`)).map((i: Item) => i.id)).toEqual([soon.taskId, later.taskId]);
    expect((await list('overdue=true&dueBefore=2026-11-23T01:30:00Z')).map((i: Item) => i.id)).toEqual([]);
  });

  it('Given bad query parameters, Then 400 names each bad parameter', async () => {
    const bad = await t.get('ops1', '/tasks?limit=0&overdue=maybe&dueBefore=tomorrow').expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['dueBefore', 'limit', 'overdue']);
    expect((await t.get('ops1', '/tasks?limit=101').expect(400)).body.fields[0].field).toBe('limit');
    expect((await t.get('ops1', '/tasks?cursor=not-a-cursor').expect(400)).body.fields).toEqual([
      { field: 'cursor', messages: ['is not a cursor returned by this list in this sort order'] },
    ]);
  });

  it('Given no token, Then 401; given a group the caller is not in, Then 403, except for auditors who read every group', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 1 });

    await request(t.app.http).get('/tasks').expect(401);
    expect((await t.get('ops1', '/tasks?group=dept-head').expect(403)).body.error).toBe('not_in_group');
    expect((await t.get('auditor1', '/tasks?group=ops').expect(200)).body.items.map((i: Item) => i.id)).toEqual([taskId]);
    expect((await t.get('auditor1', '/tasks').expect(200)).body.items).toEqual([]);
  });
});
