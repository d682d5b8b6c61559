import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, HOUR, MINUTE, openTask, register, registrationBody, waitingElements } from './support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

async function escalations(number: string) {
  const history = await request(t.app.http).get(`/complaints/${number}/history`).set('Authorization', t.bearer('auditor1'));
  expect(history.status).toBe(200);
  return JSON.stringify(history.body).match(/"escalated"/g)?.length ?? 0;
}

describe('a major technical complaint', () => {
  test('Given a major complaint, when the resolution limit is missed twice, then it climbs the chain up to the general manager', async () => {
    const registered = await register(t, registrationBody({ severity: 'major', content: '全市有线电视信号中断' }));

    // major impact escalates at once; routing sends major complaints to the management representative
    expect(registered).toMatchObject({ handlerGroup: 'management-rep', escalationLevel: 1, status: 'registered' });
    expect(registered.deadlines).toEqual({
      responseDueAt: '2026-11-23T01:30:00.000Z', resolutionDueAt: '2026-11-24T01:00:00.000Z', capaDueAt: null, callbackDueAt: null,
    });
    expect(registered.timeLeftMs.response).toBe(30 * MINUTE);

    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await t.advance(20 * MINUTE);
    await complete(t, registered.number, 'firstResponse', 'rep1', { responseNote: '已电话联系客户，技术人员已出发' });
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'responded', respondedAt: '2026-11-23T01:20:00.000Z' });
    await complete(t, registered.number, 'leadershipDecision', 'gm1', { emergencyPlan: true, rootCauseMeeting: '今日 14:00 召开原因分析会' });
    await complete(t, registered.number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '设备老化', meetingMeasures: '更换设备，运维管理部 3 日内完成' });
    expect(await waitingElements(t, registered.number)).toEqual(['handle']);

    await t.advance(24 * HOUR);
    const once = await complaint(t, registered.number);
    expect(once.escalationLevel).toBe(2);
    expect(once.currentSteps).toEqual([expect.objectContaining({
      elementId: 'handle', candidateGroups: ['management-rep'], dueAt: '2026-11-24T01:50:00.000Z',
    })]);
    expect(once.timeLeftMs.resolution).toBeLessThan(0);

    await t.advance(31 * MINUTE);
    const twice = await complaint(t, registered.number);
    expect(twice.escalationLevel).toBe(3);
    expect(twice.currentSteps).toEqual([expect.objectContaining({
      elementId: 'handleAtTopLevel', candidateGroups: ['general-manager', 'management-rep'],
    })]);
    expect(await escalations(registered.number)).toBe(3);

    await complete(t, registered.number, 'handleAtTopLevel', 'gm1', { cause: '主干光缆被挖断', resolution: '已熔接恢复', solved: true });
    await complete(t, registered.number, 'capaRecord', 'rep1', { correctiveAction: '熔接光缆', preventiveAction: '与施工方建立报备机制', measuresInPlace: true });
    await complete(t, registered.number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, registered.number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
    await complete(t, registered.number, 'closeReview', 'desk1', { recordsComplete: true });

    const closed = await complaint(t, registered.number);
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'satisfied', closedAt: '2026-11-24T01:51:00.000Z' });
    expect(closed.deadlines.callbackDueAt).toBe('2026-11-27T01:51:00.000Z'); // 3 working days after a Tuesday
    // The console shows who registered it and who reviewed the CAPA record by name.
    expect(closed.people).toEqual({ desk1: '张敏', leader1: '孙伟' });
    await complete(t, registered.number, 'callback', 'desk1', { callbackNote: '客户确认信号稳定' });
    expect(await complaint(t, registered.number)).toMatchObject({ currentSteps: [], callbackAt: '2026-11-24T01:51:00.000Z' });
  });

  test('Given the first response is late, then the complaint is escalated and the response task stays open', async () => {
    const registered = await register(t, registrationBody({ severity: 'general' }));
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await t.advance(2 * HOUR + MINUTE);

    const late = await complaint(t, registered.number);
    expect(late.escalationLevel).toBe(1);
    expect(late.timeLeftMs.response).toBe(-MINUTE);
    expect(late.currentSteps.map((s: { elementId: string }) => s.elementId)).toEqual(['firstResponse']);
  });
});

describe('a minor complaint settled by the receiver', () => {
  test('Given a minor complaint the service desk settled itself, when dispatching, then it is only recorded and closed', async () => {
    const registered = await register(t, registrationBody({ severity: 'minor', category: 'serviceAttitude', content: '接线员语气生硬' }));
    expect(registered.escalationLevel).toBe(0);

    await complete(t, registered.number, 'dispatch', 'desk1', { settledByReceiver: true, dispatchNote: '已当场致歉，客户接受' });

    expect(await complaint(t, registered.number)).toMatchObject({
      status: 'closed', responsibleDeptCode: 'KF', currentSteps: [], closedAt: '2026-11-23T01:00:00.000Z', satisfaction: null,
    });
  });

  test('Given a general complaint, then settling it on receipt is not offered, an answer anyway is refused, and it is dispatched (only minor ones may be settled on receipt)', async () => {
    const registered = await register(t, registrationBody({ severity: 'general' }));
    const task = await openTask(t, registered.number, 'dispatch', 'desk1');
    const refused = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { settledByReceiver: true, responsibleDept: 'YW' } });
    expect(refused.status).toBe(400);
    expect(await waitingElements(t, registered.number)).toEqual(['dispatch']);
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'dispatched', responsibleDeptCode: 'YW' });
  });

  test('Given no responsible department, when dispatching, then the task answers 400 and stays open', async () => {
    const registered = await register(t);
    const task = await openTask(t, registered.number, 'dispatch', 'desk1');
    await request(t.app.http).post(`/tasks/${task.id}/claim`).set('Authorization', t.bearer('desk1')).send({});
    const res = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: {} });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('responsibleDept');
    expect(await waitingElements(t, registered.number)).toEqual(['dispatch']);
  });
});

describe('a suggestion', () => {
  test('Given a suggestion, then the division leader decides, the customer is told and it is closed', async () => {
    const registered = await register(t, registrationBody({ kind: 'suggestion', severity: 'minor', content: '建议增加夜间上门服务' }));
    expect(registered.currentSteps).toEqual([expect.objectContaining({ elementId: 'suggestionDecision', candidateGroups: ['division-leader'] })]);

    const desk = await request(t.app.http).get('/tasks').query({ process: 'complaint-lifecycle' }).set('Authorization', t.bearer('desk1'));
    expect(desk.body.items.map((i: { elementId: string }) => i.elementId)).not.toContain('suggestionDecision');

    await complete(t, registered.number, 'suggestionDecision', 'leader1', { adopted: true, decisionNote: '下季度试点夜间上门' });
    await complete(t, registered.number, 'tellSuggestionOutcome', 'desk1', { replyNote: '已电话告知客户建议被采纳' });

    expect(await complaint(t, registered.number)).toMatchObject({ status: 'closed', currentSteps: [] });
  });
});

describe('an inquiry', () => {
  test('Given an inquiry answered the same day, then it is closed without escalation', async () => {
    const registered = await register(t, registrationBody({ kind: 'inquiry', severity: 'minor', content: '资费套餐如何变更？' }));
    expect(registered.deadlines.resolutionDueAt).toBe('2026-11-24T01:00:00.000Z');
    await complete(t, registered.number, 'answerInquiry', 'desk1', { answer: '可在营业厅或 App 办理' });
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'closed', escalationLevel: 0 });
  });

  test('Given an inquiry not answered within 24 hours, then it is escalated and can still be answered', async () => {
    const registered = await register(t, registrationBody({ kind: 'inquiry', severity: 'minor' }));
    await t.advance(24 * HOUR);
    expect(await complaint(t, registered.number)).toMatchObject({ escalationLevel: 1, status: 'registered' });
    expect(await waitingElements(t, registered.number)).toEqual(['answerInquiry']);
    await complete(t, registered.number, 'answerInquiry', 'desk1', { answer: '已答复' });
    expect((await complaint(t, registered.number)).status).toBe('closed');
  });
});

describe('a dissatisfied customer', () => {
  async function handleAndReport(number: string, satisfaction: 'satisfied' | 'dissatisfied') {
    await complete(t, number, 'handle', 'ops1', { cause: '光猫老化', resolution: '更换光猫', solved: true });
    await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换设备', preventiveAction: '批量排查老旧光猫', measuresInPlace: true });
    await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, number, 'reportToCustomer', 'desk1', { satisfaction });
  }

  test('Given a customer dissatisfied twice, then the complaint is handled again once and the division leader decides finally', async () => {
    const registered = await register(t);
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, registered.number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    await complete(t, registered.number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '设备老化', meetingMeasures: '更换设备，运维管理部 3 日内完成' });

    await handleAndReport(registered.number, 'dissatisfied');
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'handling', reopenCount: 1, satisfaction: 'dissatisfied' });
    expect(await waitingElements(t, registered.number)).toEqual(['handle']);

    await handleAndReport(registered.number, 'dissatisfied');
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'awaiting-decision', reopenCount: 2 });
    const leaderTask = await openTask(t, registered.number, 'leaderDecision', 'leader1');
    const byOps = await request(t.app.http).post(`/tasks/${leaderTask.id}/claim`).set('Authorization', t.bearer('ops1')).send({});
    expect(byOps.status).toBe(403);

    await complete(t, registered.number, 'leaderDecision', 'leader1', { leaderDecision: '处理合理，维持结论，结案' });
    await complete(t, registered.number, 'replyAfterDecision', 'desk1', { finalReply: '经分管领导批示，维持处理结论' });
    await complete(t, registered.number, 'closeReview', 'desk1', { recordsComplete: true });

    expect(await complaint(t, registered.number)).toMatchObject({
      status: 'closed', reopenCount: 2, satisfaction: 'dissatisfied', leaderDecision: '处理合理，维持结论，结案',
    });
    expect(await waitingElements(t, registered.number)).toEqual(['callback']);

    // callback due 3 working days after closure (Mon 23 Nov → Thu 26 Nov); a late callback is flagged, the task stays open
    await t.advance(3 * 24 * HOUR + MINUTE);
    const history = await request(t.app.http).get(`/complaints/${registered.number}/history`).set('Authorization', t.bearer('auditor1'));
    expect(JSON.stringify(history.body)).toContain('callback overdue');
    expect(await waitingElements(t, registered.number)).toEqual(['callback']);
  });

  test('Given records are incomplete or the problem is not solved, then closure is refused and the missing step reopens', async () => {
    const registered = await register(t);
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, registered.number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    await complete(t, registered.number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '设备老化', meetingMeasures: '更换设备，运维管理部 3 日内完成' });
    await complete(t, registered.number, 'handle', 'ops1', { cause: '待查', resolution: '临时绕行', solved: false });
    await complete(t, registered.number, 'capaRecord', 'ops1', { correctiveAction: '临时绕行', preventiveAction: '待定', measuresInPlace: true });
    await complete(t, registered.number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, registered.number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });

    await complete(t, registered.number, 'closeReview', 'desk1', { recordsComplete: false });
    expect(await waitingElements(t, registered.number)).toEqual(['handle']); // not solved comes first (000 4.5.1 order)
    expect((await complaint(t, registered.number)).status).not.toBe('closed');

    await complete(t, registered.number, 'handle', 'ops1', { cause: '分光器故障', resolution: '更换分光器', solved: true });
    await complete(t, registered.number, 'capaRecord', 'ops1', { correctiveAction: '更换', preventiveAction: '巡检', measuresInPlace: true });
    await complete(t, registered.number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, registered.number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
    await complete(t, registered.number, 'closeReview', 'desk1', { recordsComplete: false });
    expect(await waitingElements(t, registered.number)).toEqual(['closeReview']);
    await complete(t, registered.number, 'closeReview', 'desk1', { recordsComplete: true });
    expect((await complaint(t, registered.number)).status).toBe('closed');
  });
});

describe('a repeat complaint', () => {
  test('Given the same caller complains about the same category within 30 days, then it is flagged as a repeat and escalated at once', async () => {
    const first = await register(t);
    await t.advance(10 * 24 * HOUR);
    const other = await register(t, registrationBody({ category: 'serviceQuality' }));
    const repeat = await register(t, registrationBody({ complainant: { name: '王先生', phone: '+86 138-0013-8000' } }));

    expect(other).toMatchObject({ isRepeat: false, escalationLevel: 0 });
    expect(repeat).toMatchObject({ isRepeat: true, repeatOf: first.number, escalationLevel: 1 });
    expect(await escalations(repeat.number)).toBe(1);
    // the dept-head supervises from the start: the first response is offered to the handlers and to them
    await complete(t, repeat.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    expect((await complaint(t, repeat.number)).currentSteps[0].candidateGroups).toEqual(['dept-head', 'ops']);

    await t.advance(31 * 24 * HOUR);
    expect(await register(t)).toMatchObject({ isRepeat: false });
  });
});
