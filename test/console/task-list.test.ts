import request from 'supertest';
import { DemoUsername } from '../../src/app/identity';
import { createTestApplication, TestApplication } from '../support/app';
import { MINUTE, openTask, register, registrationBody } from '../complaints/support';
import { statementsDuring } from '../support/statements';

describe('task list for the console', () => {
  let t: TestApplication;
  beforeEach(async () => { t = await createTestApplication(); });
  afterEach(async () => { await t.dispose(); });

  const tasks = async (user: DemoUsername, query: Record<string, unknown> = {}) => {
    const response = await request(t.app.http).get('/tasks').query(query).set('Authorization', t.bearer(user)).expect(200);
    return response.body.items as Array<Record<string, any>>;
  };
  const numbersIn = (items: Array<Record<string, any>>) => items.map((item) => item.complaintNumber).sort();

  it('shows the complaint each task works on, with the start of its SLA window', async () => {
    const general = await register(t, registrationBody({ complainant: { name: '李女士', phone: '13900139000' }, category: 'serviceQuality' }));
    const [task] = (await tasks('desk1')).filter((item) => item.businessKey === general.number);
    expect(task).toMatchObject({
      elementId: 'dispatch',
      complaintNumber: general.number,
      customerName: '李女士',
      severity: 'general',
      category: 'serviceQuality',
      kind: 'complaint',
      departmentCode: null,
      dueAt: general.deadlines.responseDueAt,
      slaStartedAt: general.receivedAt,
    });

    const detail = await request(t.app.http).get(`/tasks/${task.id}`).set('Authorization', t.bearer('desk1')).expect(200);
    expect(detail.body).toMatchObject({ complaintNumber: general.number, customerName: '李女士', form: expect.any(Array) });
  });

  it('filters tasks due soon and tasks assigned to the caller', async () => {
    const major = await register(t, registrationBody({ severity: 'major' })); // first response within 30 minutes
    const general = await register(t, registrationBody({ severity: 'general' })); // within 2 hours
    const minor = await register(t, registrationBody({ severity: 'minor' })); // within 24 hours

    expect(numbersIn(await tasks('desk1', { dueWithinMinutes: 60 }))).toEqual([major.number]);
    expect(numbersIn(await tasks('desk1', { dueWithinMinutes: 180 }))).toEqual([major.number, general.number].sort());
    t.clock.advance(45 * MINUTE);
    expect(numbersIn(await tasks('desk1', { dueWithinMinutes: 180 }))).toEqual([general.number]);
    expect(numbersIn(await tasks('desk1', { overdue: true }))).toEqual([major.number]);

    const minorTask = await openTask(t, minor.number, 'dispatch', 'desk1');
    await request(t.app.http).post(`/tasks/${minorTask.id}/claim`).set('Authorization', t.bearer('desk1')).send({}).expect(200);
    expect(numbersIn(await tasks('desk1', { mine: true }))).toEqual([minor.number]);
    expect(numbersIn(await tasks('desk1', { mine: false }))).toEqual([major.number, general.number, minor.number].sort());

    const invalid = await request(t.app.http).get('/tasks').query({ dueWithinMinutes: 0, mine: 'yes' }).set('Authorization', t.bearer('desk1')).expect(400);
    expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['dueWithinMinutes', 'mine']);
  });

  it('answers a completion with the tasks that come next and the complaint status', async () => {
    const { number } = await register(t, registrationBody({ category: 'technicalService' }));
    const dispatch = await openTask(t, number, 'dispatch', 'desk1');
    const completed = await request(t.app.http).post(`/tasks/${dispatch.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { responsibleDept: 'YW' } }).expect(200);

    expect(completed.body).toMatchObject({
      task: { id: dispatch.id, status: 'completed', complaintNumber: number },
      next: [{ taskId: expect.any(String), name: '首次响应', elementId: 'firstResponse', candidateGroups: ['ops'], assignee: null }],
      instanceEnded: false,
      complaintStatus: 'dispatched',
    });
    const [firstResponse] = (await tasks('ops1')).filter((item) => item.complaintNumber === number);
    expect(firstResponse).toMatchObject({ id: completed.body.next[0].taskId, departmentCode: 'YW' });

    const inquiry = await register(t, registrationBody({ kind: 'inquiry' }));
    const answer = await openTask(t, inquiry.number, 'answerInquiry', 'desk1');
    const answered = await request(t.app.http).post(`/tasks/${answer.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { answer: '可在营业厅办理' } }).expect(200);
    expect(answered.body).toMatchObject({ next: [], instanceEnded: true, complaintStatus: 'closed' });
  });

  it('reads a page of tasks with their complaints, and one task with its complaint, in one statement each', async () => {
    for (let i = 0; i < 5; i++) await register(t, registrationBody({ complainant: { name: `客户${i}`, phone: `1390013900${i}` } }));
    await tasks('desk1'); // the caller is signed in: the statements below are the list's own
    let page: Array<Record<string, any>> = [];
    const listing = await statementsDuring(t.app.db, async () => { page = await tasks('desk1', { limit: 3 }); });
    expect(listing.statements).toBe(1);
    expect(page).toHaveLength(3);
    expect(page.every((item) => /^客户\d$/.test(item.customerName))).toBe(true);

    const readTask = async (id: string) => (await request(t.app.http).get(`/tasks/${id}`).set('Authorization', t.bearer('desk1')).expect(200)).body;
    await readTask(page[1].id); // the forms of the process version are read once, then kept
    let detail: Record<string, any> = {};
    const reading = await statementsDuring(t.app.db, async () => { detail = await readTask(page[0].id); });
    expect(reading.statements).toBe(1);
    expect(detail).toMatchObject({ complaintNumber: page[0].complaintNumber, customerName: page[0].customerName });
  });
});

