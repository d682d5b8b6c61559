import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, openTask, register, waitingElements } from '../complaints/support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('the division leader reviews the CAPA record (issue 11, point 3; 003 4.2.2, 表二)', () => {
  test('Given a record sent back once, then it is redone, and the customer is told only after the leader approves', async () => {
    const { number } = await register(t);
    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '光猫老化', meetingMeasures: '更换光猫' });
    await complete(t, number, 'handle', 'ops1', { cause: '光猫老化', resolution: '更换光猫', solved: true });
    await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换光猫', preventiveAction: '待定', measuresInPlace: true });

    expect(await waitingElements(t, number)).toEqual(['capaReview']);
    const review = await openTask(t, number, 'capaReview', 'leader1');
    expect((await request(t.app.http).post(`/tasks/${review.id}/claim`).set('Authorization', t.bearer('desk1')).send({})).status).toBe(403);
    await complete(t, number, 'capaReview', 'leader1', { capaApproved: false, capaReviewOpinion: '预防措施不具体，请补充' });
    expect(await waitingElements(t, number)).toEqual(['capaRecord']);
    expect(await complaint(t, number)).toMatchObject({ status: 'responded', outcome: { capaApproved: false, capaReviewOpinion: '预防措施不具体，请补充' } });

    await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换光猫', preventiveAction: '季度巡检同批次光猫', measuresInPlace: true });
    await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    expect(await waitingElements(t, number)).toEqual(['reportToCustomer']);
    expect(await complaint(t, number)).toMatchObject({
      status: 'awaiting-customer',
      outcome: { capaApproved: true, capaReviewOpinion: '同意', capaReviewedBy: 'leader1', correctiveAction: '更换光猫', preventiveAction: '季度巡检同批次光猫' },
    });
  });
});
