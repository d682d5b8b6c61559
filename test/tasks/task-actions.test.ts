import request from 'supertest';
import { deactivateUser } from '../../src/app/identity';
import { withConsoleInbox } from '../../src/app/notifications/console-inbox';
import { releasedTasksNotice } from '../../src/app/notifications/task-notifications';
import { runUsersCommand } from '../../src/cli/users-command';
import { loadNotificationConfig } from '../../src/engine/notifications/notification-config';
import { OutboxRow } from '../../src/persistence/entities/notifications';
import { InboxRow } from '../../src/persistence/entities/staff';
import { AuditRow, InstanceRow } from '../../src/persistence/entities/engine';
import { PROCESS, startTaskApplication, TASK_REVIEW_XML, TaskTestContext } from './support';

jest.setTimeout(120_000);

let t: TaskTestContext;
beforeEach(async () => { t = await startTaskApplication(); });
afterEach(async () => { await t.dispose(); });

const VALID = { verdict: 'fixed', cause: '光猫故障，已更换' };

async function instance(id: string) {
  return t.app.db.read((m) => m.getRepository(InstanceRow).findOneByOrFail({ id }));
}
async function auditOf(instanceId: string) {
  const rows = await t.app.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: instanceId }, order: { seq: 'ASC' } }));
  return rows.map((r) => `${r.action}${r.actor ? ` by ${r.actor}` : ''}`);
}

describe('GET /tasks/:id', () => {
  it('Given an open investigation, When a candidate opens it, Then it shows the form, the instance data, business key and revision', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4, businessKey: '2026KF007', severity: 'general', departmentCode: 'YW' });

    const { body } = await t.get('ops1', `/tasks/${taskId}`).expect(200);

    expect(body).toMatchObject({
      id: taskId, instanceId, status: 'open', businessKey: '2026KF007', processKey: 'task-review', candidateGroups: ['ops', 'quality'],
      revision: (await instance(instanceId)).revision,
      data: { businessKey: '2026KF007', severity: 'general', departmentCode: 'YW' },
    });
    expect(body.form.map((f: { id: string }) => f.id)).toEqual(['verdict', 'cause', 'hoursSpent', 'ticket', 'fixedAt']);
    expect(body.form[0]).toEqual({
      id: 'verdict', label: '处理结论', type: 'enum', constraints: { required: true },
      values: [{ id: 'fixed', name: '已解决' }, { id: 'notReproducible', name: '无法复现' }, { id: 'forwarded', name: '转其他部门' }],
    });
  });

  it('Given a task, Then an unknown id is 404, a non-candidate gets 403, an auditor may read it, and no token is 401', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });

    expect((await t.get('ops1', '/tasks/00000000-0000-4000-8000-000000000000').expect(404)).body.error).toBe('task_not_found');
    expect((await t.get('desk1', `/tasks/${taskId}`).expect(403)).body.error).toBe('task_forbidden');
    expect((await t.get('auditor1', `/tasks/${taskId}`).expect(200)).body.id).toBe(taskId);
    await request(t.app.http).get(`/tasks/${taskId}`).expect(401);
  });
});

describe('claim and unclaim', () => {
  it('Given two candidates claiming the same task at once, Then exactly one gets it and the other gets 409', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });

    const answers = await Promise.all([t.post('ops1', `/tasks/${taskId}/claim`), t.post('quality1', `/tasks/${taskId}/claim`)]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.assignee;
    expect(['ops1', 'quality1']).toContain(winner);
    expect((await t.get('ops1', `/tasks/${taskId}`)).body.assignee).toBe(winner);
    expect((await auditOf(instanceId)).filter((a) => a.startsWith('claimed'))).toEqual([`claimed by ${winner}`]);
  });

  it('Given a claimed task, Then the assignee claiming again changes nothing, and a non-candidate may not claim (403)', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);

    expect((await t.post('ops1', `/tasks/${taskId}/claim`).expect(200)).body.assignee).toBe('ops1');
    expect((await t.post('quality1', `/tasks/${taskId}/claim`).expect(409)).body.error).toBe('task_claimed');
    expect((await t.post('auditor1', `/tasks/${taskId}/claim`).expect(403)).body.error).toBe('not_a_candidate');
    expect((await t.post('desk1', `/tasks/${taskId}/claim`).expect(403)).body.error).toBe('task_forbidden');
  });

  it('Given a task claimed by ops1, Then another candidate may not release it but ops1 and the head of ops may, and it is audited', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);

    expect((await t.post('quality1', `/tasks/${taskId}/unclaim`).expect(403)).body.error).toBe('not_assignee');
    expect((await t.post('head-yw', `/tasks/${taskId}/unclaim`).expect(200)).body.assignee).toBeNull();
    await t.post('quality1', `/tasks/${taskId}/claim`).expect(200);
    expect((await t.post('quality1', `/tasks/${taskId}/unclaim`).expect(200)).body.assignee).toBeNull();

    expect((await auditOf(instanceId)).filter((a) => /claimed/.test(a))).toEqual([
      'claimed by ops1', 'unclaimed by head-yw', 'claimed by quality1', 'unclaimed by quality1',
    ]);
  });
});

describe('when the assignee leaves', () => {
  it('Given ops1 holds a task and is deactivated, Then the list says so, another candidate claims it (audited) and completes it', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);
    expect((await t.post('quality1', `/tasks/${taskId}/claim`).expect(409)).body.error).toBe('task_claimed');
    expect((await t.get('quality1', `/tasks/${taskId}`)).body).toMatchObject({ assignee: 'ops1', assigneeActive: true });

    const notice = releasedTasksNotice(withConsoleInbox(loadNotificationConfig(), ['dept-head'], t.app.db));
    const { heldTasks, announcedTasks } = await deactivateUser(t.app.db, 'ops1', notice);

    expect(heldTasks).toEqual([{
      id: taskId, name: '调查处理', processKey: 'task-review', businessKey: null, candidateGroups: ['ops', 'quality'], othersMayClaim: true, candidatesTold: true,
    }]);
    // The candidates are told: in their console at once, and by mail to the groups' mailboxes through the outbox.
    expect(announcedTasks).toBe(1);
    const bell = (await t.get('quality1', '/me/notifications').expect(200)).body.items;
    expect(bell).toEqual(expect.arrayContaining([expect.objectContaining({
      kind: 'task-released', taskId, title: '任务待认领：调查处理', body: expect.stringContaining('原处理人李强的账号已停用'),
    })]));
    const mails = await t.app.db.read((m) => m.getRepository(OutboxRow).findBy({ template: 'taskReleased' }));
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(['yunwei@complaint-flow.local', 'zhiliang@complaint-flow.local']);
    await t.get('ops1', `/tasks/${taskId}`).expect(401);
    expect((await t.get('head-yw', '/tasks')).body.items).toEqual([
      expect.objectContaining({ id: taskId, assignee: 'ops1', assigneeName: '李强', assigneeActive: false }),
    ]);
    expect((await t.post('quality1', `/tasks/${taskId}/claim`).expect(200)).body).toMatchObject({ assignee: 'quality1', assigneeActive: true });
    await t.post('quality1', `/tasks/${taskId}/complete`, { data: VALID }).expect(200);
    expect((await auditOf(instanceId)).filter((a) => /claimed|completed/.test(a))).toEqual([
      'claimed by ops1', 'claimed by quality1', 'completed by quality1',
    ]);
  });

  it('Given tasks offered by name, When their holder leaves, Then only the other named candidates are told, and a task offered to the leaver alone is reported as nobody\'s', async () => {
    const offeredTo = async (users: string, businessKey: string) => {
      await t.app.engine.deploy(PROCESS, TASK_REVIEW_XML.replace('camunda:candidateGroups="ops,quality"', `camunda:candidateUsers="${users}"`), 'owner1');
      const { taskId } = await t.startInvestigation({ dueInHours: 4, businessKey });
      await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);
      return taskId;
    };
    const shared = await offeredTo('ops1,quality1', '2026KF011');
    const alone = await offeredTo('ops1', '2026KF012');

    // The administrator's command, as `npm run users deactivate-user ops1` runs it.
    let said = '';
    const code = await runUsersCommand(['deactivate-user', 'ops1'], {
      dbUrl: t.app.config.dbUrl, stdin: process.stdin,
      stdout: { write: (text: string) => { said += text; } }, stderr: { write: (text: string) => { said += text; } },
    });

    expect(code).toBe(0);
    expect(said).toMatch(new RegExp(`${shared}\\s+调查处理\\s+task-review\\s+2026KF011\\s+yes`));
    expect(said).toMatch(new RegExp(`${alone}\\s+调查处理\\s+task-review\\s+2026KF012\\s+no`));
    expect(said).toContain('1 task was offered to ops1 alone, by name: nobody else may claim it.');
    const released = await t.app.db.read((m) => m.getRepository(InboxRow).findBy({ kind: 'task-released' }));
    // One console message: quality1's; the person who left is not told.
    expect(released.map((item) => item.taskId)).toEqual([shared]);
    expect((await t.get('quality1', '/me/notifications').expect(200)).body.items)
      .toContainEqual(expect.objectContaining({ kind: 'task-released', taskId: shared }));
  });

  it('Given the assignee was deactivated, Then a candidate may also complete the task without claiming it first', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);
    await deactivateUser(t.app.db, 'ops1');
    expect((await t.post('quality1', `/tasks/${taskId}/complete`, { data: VALID }).expect(200)).body.task).toMatchObject({ status: 'completed' });
  });
});

describe('assign', () => {
  it('Given head-yw heads ops, When head-yw assigns the task to a member of a candidate group, Then that member is the assignee', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);

    // The head's list names who holds it, by name as well as by account.
    expect((await t.get('head-yw', '/tasks')).body.items).toEqual([expect.objectContaining({ id: taskId, assignee: 'ops1', assigneeName: '李强' })]);

    const { body } = await t.post('head-yw', `/tasks/${taskId}/assign`, { username: 'quality1' }).expect(200);

    expect(body).toMatchObject({ assignee: 'quality1', assigneeName: '王芳' });
    expect((await t.get('quality1', '/tasks?assignee=me')).body.items.map((i: { id: string }) => i.id)).toEqual([taskId]);
    expect((await t.get('ops1', `/tasks/${taskId}`)).body).toMatchObject({ assignee: 'quality1', assigneeName: '王芳' });
    expect((await auditOf(instanceId)).filter((a) => /claimed|assigned/.test(a))).toEqual(['claimed by ops1', 'assigned by head-yw']);
    const assignment = await t.app.db.read((m) => m.getRepository(AuditRow).findOneByOrFail({ scope: instanceId, action: 'assigned' }));
    expect(assignment).toMatchObject({ actor: 'head-yw', before: { assignee: 'ops1' }, after: { assignee: 'quality1' } });
    expect((await t.post('head-yw', `/tasks/${taskId}/unclaim`).expect(200)).body).toMatchObject({ assignee: null, assigneeName: null });
  });

  it('Given the investigation of ops and quality, Then its candidates are the active members of both groups, by username', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });

    const { body } = await t.get('head-yw', `/tasks/${taskId}/candidates`).expect(200);

    expect(body).toEqual([
      { username: 'head-yw', displayName: '赵建国', departmentCode: 'YW' },
      { username: 'ops1', displayName: '李强', departmentCode: 'YW' },
      { username: 'quality1', displayName: '王芳', departmentCode: 'ZL' },
    ]);
    expect((await t.get('desk1', `/tasks/${taskId}/candidates`).expect(403)).body.error).toBe('task_forbidden');
    await t.get('ops1', '/tasks/00000000-0000-4000-8000-000000000000/candidates').expect(404);
  });

  it('Given a non-head, Then assigning is 403; given a user outside the candidate groups or unknown, Then 400 on username', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });

    expect((await t.post('ops1', `/tasks/${taskId}/assign`, { username: 'ops1' }).expect(403)).body.error).toBe('not_group_head');
    const outsider = await t.post('head-yw', `/tasks/${taskId}/assign`, { username: 'desk1' }).expect(400);
    expect(outsider.body.fields).toEqual([{ field: 'username', messages: ['"desk1" is in none of the task\'s groups (ops, quality)'] }]);
    expect((await t.post('head-yw', `/tasks/${taskId}/assign`, { username: 'nobody' }).expect(400)).body.fields[0].field).toBe('username');
    expect((await t.post('head-yw', `/tasks/${taskId}/assign`, {}).expect(400)).body.fields[0].field).toBe('username');
    expect((await t.get('ops1', `/tasks/${taskId}`)).body.assignee).toBeNull();
  });
});

describe('complete', () => {
  it('Given an unclaimed investigation, When a candidate completes it with valid data, Then the data is saved and the approval opens', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });

    const { body } = await t.post('ops1', `/tasks/${taskId}/complete`, { data: { ...VALID, hoursSpent: 2, fixedAt: '2026-11-23T11:00:00+08:00' } }).expect(200);

    expect(body).toMatchObject({ id: taskId, status: 'completed', instance: { id: instanceId, status: 'running' } });
    expect((await instance(instanceId)).data).toMatchObject({ ...VALID, hoursSpent: 2, fixedAt: '2026-11-23T03:00:00.000Z' });
    const approval = await t.waitingTaskOf(instanceId, 'approve');
    const { body: approvalTask } = await t.get('head-yw', `/tasks/${approval}`).expect(200);
    expect(approvalTask.form.map((f: { id: string }) => f.id)).toEqual(['approved', 'comment']);
    expect((await auditOf(instanceId))).toContain('completed by ops1');
    // The approver sees what the investigation recorded, labelled by its form (the unanswered ticket field is left out).
    expect(approvalTask.recorded).toEqual([{
      elementId: 'investigate',
      fields: [
        expect.objectContaining({ id: 'verdict', label: '处理结论', type: 'enum', value: 'fixed', values: expect.arrayContaining([{ id: 'fixed', name: '已解决' }]) }),
        expect.objectContaining({ id: 'cause', type: 'string', value: VALID.cause }),
        expect.objectContaining({ id: 'hoursSpent', type: 'long', value: 2 }),
        expect.objectContaining({ id: 'fixedAt', type: 'date', value: '2026-11-23T03:00:00.000Z' }),
      ],
    }]);
    expect(body.task.recorded).toEqual([]); // the investigation's own fields are its form, not history
    // The answer shows the completed task as reading it afterwards does.
    const { body: reread } = await t.get('ops1', `/tasks/${taskId}`).expect(200);
    expect(body.task).toEqual(reread);
    expect(reread).toMatchObject({ status: 'completed', data: { hoursSpent: 2 } });
  });

  it('Given invalid form data, Then 400 lists every bad field and nothing is saved', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    const before = await instance(instanceId);

    const { body } = await t.post('ops1', `/tasks/${taskId}/complete`, { data: { cause: 'ab', hoursSpent: 100, extra: 1 } }).expect(400);

    expect(body.fields).toEqual([
      { field: 'data.extra', messages: ['is not a field of this task\'s form'] },
      { field: 'data.verdict', messages: ['required'] },
      { field: 'data.cause', messages: ['must be at least 4 characters long'] },
      { field: 'data.hoursSpent', messages: ['must be at most 72'] },
    ]);
    const after = await instance(instanceId);
    expect(after.revision).toBe(before.revision);
    expect(after.data).toEqual(before.data);
    expect((await t.get('ops1', `/tasks/${taskId}`)).body.status).toBe('open');
    expect((await t.post('ops1', `/tasks/${taskId}/complete`, { revision: 1 }).expect(400)).body.fields[0].field).toBe('data');
  });

  it('Given a completed task, When it is completed again, Then 409 and the first result stays', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/complete`, { data: VALID }).expect(200);

    const again = await t.post('quality1', `/tasks/${taskId}/complete`, { data: { verdict: 'forwarded', cause: '转质量部处理' } }).expect(409);

    expect(again.body.error).toBe('task_not_open');
    expect((await instance(instanceId)).data).toMatchObject(VALID);
    expect((await t.get('ops1', `/tasks/${taskId}`).expect(200)).body.status).toBe('completed');
  });

  it('Given a revision older than the instance, Then 409 stale_revision and the task stays open', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    const { revision } = (await t.get('ops1', `/tasks/${taskId}`)).body;
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200); // changes the instance meanwhile

    const stale = await t.post('ops1', `/tasks/${taskId}/complete`, { data: VALID, revision }).expect(409);

    expect(stale.body.error).toBe('stale_revision');
    expect((await t.get('ops1', `/tasks/${taskId}`)).body.status).toBe('open');
    const current = (await instance(instanceId)).revision;
    await t.post('ops1', `/tasks/${taskId}/complete`, { data: VALID, revision: current }).expect(200);
  });

  it('Given a completion that read the task while a claim held its instance, Then it checks the claim once it holds the lock: 409, and the task stays claimed', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 4 });
    let releaseClaim!: () => void;
    const claimHeld = new Promise<void>((resolve) => { releaseClaim = resolve; });
    let signalClaimed!: () => void;
    const claimed = new Promise<void>((resolve) => { signalClaimed = resolve; });
    // ops1's claim, in an operation that keeps the instance locked, and uncommitted, until released.
    const claim = t.app.engine.run('ops1', async () => {
      await t.app.engine.lockInstance(instanceId);
      await t.app.engine.assignTask(taskId, { assignee: 'ops1' }, { actor: 'ops1', instanceId });
      signalClaimed();
      await claimHeld;
    });
    await claimed;

    // quality1's completion reads the task as it was (unclaimed) and waits for the lock (on SQLite: for the writer).
    const completion = t.post('quality1', `/tasks/${taskId}/complete`, { data: VALID }).then((answer) => answer);
    await new Promise((resolve) => setTimeout(resolve, 150));
    releaseClaim();
    await claim;

    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.body.error).toBe('task_claimed');
    expect((await t.get('ops1', `/tasks/${taskId}`).expect(200)).body).toMatchObject({ status: 'open', assignee: 'ops1' });
  });

  it('Given a task claimed by ops1, Then another candidate gets 409, the auditor 403, and ops1 may complete it', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 4 });
    await t.post('ops1', `/tasks/${taskId}/claim`).expect(200);

    expect((await t.post('quality1', `/tasks/${taskId}/complete`, { data: VALID }).expect(409)).body.error).toBe('task_claimed');
    expect((await t.post('auditor1', `/tasks/${taskId}/complete`, { data: VALID }).expect(403)).body.error).toBe('not_a_candidate');
    expect((await t.post('desk1', `/tasks/${taskId}/complete`, { data: VALID }).expect(403)).body.error).toBe('task_forbidden');
    await t.post('ops1', `/tasks/${taskId}/complete`, { data: VALID }).expect(200);
  });
});
