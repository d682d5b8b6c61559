import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, HOUR, openTask, register, waitingElements } from '../complaints/support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

async function handleAndReportDissatisfied(number: string) {
  await complete(t, number, 'handle', 'ops1', { cause: '光猫老化', resolution: '更换光猫', solved: true });
  await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换设备', preventiveAction: '批量排查', measuresInPlace: true });
  await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
  await complete(t, number, 'reportToCustomer', 'desk1', { satisfaction: 'dissatisfied', customerFeedback: '仍然掉线' });
}

describe('the customer is answered along the leader\'s final decision (issue 11, point 6; 003 4.2.3)', () => {
  test('Given a customer dissatisfied twice, then after the decision the service desk replies, and only then the closure review opens; the status follows each step', async () => {
    const { number } = await register(t);
    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '光猫老化', meetingMeasures: '更换' });
    await handleAndReportDissatisfied(number);
    await handleAndReportDissatisfied(number);
    expect(await complaint(t, number)).toMatchObject({ status: 'awaiting-decision', currentStep: '分管领导最终决定' });

    await complete(t, number, 'leaderDecision', 'leader1', { leaderDecision: '处理合理，向客户解释后结案' });
    expect(await waitingElements(t, number)).toEqual(['replyAfterDecision']);
    expect(await complaint(t, number)).toMatchObject({ status: 'awaiting-reply', currentStep: '按分管领导批示答复客户' });
    const reply = await openTask(t, number, 'replyAfterDecision', 'desk1');
    const empty = await request(t.app.http).post(`/tasks/${reply.id}/complete`).set('Authorization', t.bearer('desk1')).send({ data: {} });
    expect(empty.status).toBe(400);

    await t.advance(HOUR);
    await complete(t, number, 'replyAfterDecision', 'desk1', { finalReply: '已按分管领导批示向客户说明处理结论' });
    expect(await waitingElements(t, number)).toEqual(['closeReview']);
    expect(await complaint(t, number)).toMatchObject({
      status: 'awaiting-closure', currentStep: '结案审核',
      outcome: { finalReply: '已按分管领导批示向客户说明处理结论', finalReplyAt: '2026-11-23T02:00:00.000Z' },
    });
    await complete(t, number, 'closeReview', 'desk1', { recordsComplete: true });
    expect(await complaint(t, number)).toMatchObject({ status: 'closed', leaderDecision: '处理合理，向客户解释后结案' });
  });

  test('Given a satisfied customer, then the status reads awaiting-closure while the closure review is open (point 8)', async () => {
    const { number } = await register(t);
    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部', rootCause: '线路', meetingMeasures: '更换' });
    await complete(t, number, 'handle', 'ops1', { cause: '线路', resolution: '更换', solved: true });
    await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换', preventiveAction: '巡检', measuresInPlace: true });
    await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
    expect(await complaint(t, number)).toMatchObject({ status: 'awaiting-closure', currentSteps: [expect.objectContaining({ name: '结案审核' })] });
    await complete(t, number, 'closeReview', 'desk1', { recordsComplete: false });
    expect(await complaint(t, number)).toMatchObject({ status: 'awaiting-closure', currentStep: '结案审核' });
  });
});
