import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, HOUR, MINUTE, register } from '../complaints/support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('every fact of the yearly summary is a column of the complaint (issue 11, point 7; 001 6.6.4)', () => {
  test('Given a complaint answered late, solved in time and closed, then times, limits kept, escalation, satisfaction, repeat, cause, measures and closure date are stored', async () => {
    const { number } = await register(t);
    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await t.advance(2 * HOUR + MINUTE); // response limit (2 h) missed: escalated to the department head
    await complete(t, number, 'firstResponse', 'head-yw', { responseNote: '部门负责人督办，已联系客户' });
    await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '分光器老化', meetingMeasures: '更换分光器' });
    await t.advance(3 * HOUR);
    await complete(t, number, 'handle', 'ops1', { cause: '分光器老化导致掉线', resolution: '更换分光器', solved: true });
    await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换分光器', preventiveAction: '同批次设备巡检', measuresInPlace: true });
    await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
    await complete(t, number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
    await complete(t, number, 'closeReview', 'desk1', { recordsComplete: true });

    const row = await t.app.db.read((manager) => manager.findOneByOrFail(ComplaintRow, { number }));
    expect(row).toMatchObject({
      responseMinutes: 121, respondedWithinLimit: false, resolutionMinutes: 301, resolvedWithinLimit: true, escalationLevel: 1,
      satisfaction: 'satisfied', isRepeat: false, rootCause: '分光器老化', handlingCause: '分光器老化导致掉线',
      correctiveAction: '更换分光器', preventiveAction: '同批次设备巡检', rootCauseMeasures: '更换分光器',
    });
    expect(row.closedAt?.toISOString()).toBe('2026-11-23T06:01:00.000Z');
    expect((await complaint(t, number)).outcome).toMatchObject({ responseMinutes: 121, respondedWithinLimit: false, resolutionMinutes: 301, resolvedWithinLimit: true });
  });
});
