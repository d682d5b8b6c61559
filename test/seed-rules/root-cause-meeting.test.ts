import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, openTask, register, registrationBody, waitingElements } from '../complaints/support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('serious complaints get a root-cause meeting too (issue 11, point 4; 001 6.3.3)', () => {
  test('Given a serious (一般) complaint, then the quality department records the meeting before the handling; a minor one goes straight to handling', async () => {
    const serious = await register(t, registrationBody({ severity: 'general' }));
    await complete(t, serious.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, serious.number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    expect(await waitingElements(t, serious.number)).toEqual(['rootCauseMeeting']);

    const meeting = await openTask(t, serious.number, 'rootCauseMeeting', 'quality1');
    const missing = await request(t.app.http).post(`/tasks/${meeting.id}/complete`).set('Authorization', t.bearer('quality1'))
      .send({ data: { meetingAttendees: '质量管理部 王芳；运维管理部 李强', rootCause: '分光器老化' } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('meetingMeasures');

    await complete(t, serious.number, 'rootCauseMeeting', 'quality1', {
      meetingAttendees: '质量管理部 王芳；运维管理部 李强', rootCause: '分光器老化', meetingMeasures: '更换分光器；季度巡检（运维管理部，一周内）',
    });
    expect(await waitingElements(t, serious.number)).toEqual(['handle']);
    expect((await complaint(t, serious.number)).outcome).toMatchObject({
      rootCauseMeetingAt: '2026-11-23T01:00:00.000Z', rootCauseAttendees: '质量管理部 王芳；运维管理部 李强',
      rootCause: '分光器老化', rootCauseMeasures: '更换分光器；季度巡检（运维管理部，一周内）',
    });

    const minor = await register(t, registrationBody({ severity: 'minor', complainant: { name: '赵女士', phone: '13700137000' } }));
    await complete(t, minor.number, 'dispatch', 'desk1', { settledByReceiver: false, responsibleDept: 'YW' });
    await complete(t, minor.number, 'firstResponse', 'ops1', { responseNote: '已联系' });
    expect(await waitingElements(t, minor.number)).toEqual(['handle']);
    expect((await complaint(t, minor.number)).outcome.rootCauseMeetingAt).toBeNull();
  });
});
