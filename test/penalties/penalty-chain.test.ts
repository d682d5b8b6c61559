import { createTestApplication, TestApplication } from '../support/app';
import { addPerson, api, completeTask, executedPenalty, expectCompleted, getPenalty, insertComplaint, openPenalty, openTaskNames } from './support';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterEach(async () => { await t?.dispose(); });

describe('penalty chain (003 4.3)', () => {
  it('Given a service-conduct violation, when opinion, notice and review are done, then 200 元 is charged to the department in this month', async () => {
    const number = await insertComplaint(t);

    const { id } = await executedPenalty(t, number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty).toMatchObject({ status: 'executed', noticeNumber: '2026KFCF001', opinionBy: 'head-yw', proposedBy: 'desk1', fine: { totalFen: 20000 } });
    expect(penalty.fine.entries).toEqual([expect.objectContaining({ kind: 'fine', departmentCode: 'YW', amountFen: -20000, payrollMonth: '2026-11', complaintNumber: number, noticeNumber: '2026KFCF001' })]);
    const ledger = await api(t).get('/ledger?month=2026-11&department=YW').set('Authorization', t.bearer('auditor1'));
    expect(ledger.status).toBe(200);
    expect(ledger.body).toEqual([expect.objectContaining({ kind: 'fine', amountFen: -20000, penaltyId: id, noticeNumber: '2026KFCF001', complaintNumber: number, createdBy: 'ga1', createdByName: '陈静' })]);
    // The console names people, not accounts: who opened the case, gave the opinion and booked the fine.
    expect(penalty.people).toEqual({ desk1: '张敏', 'head-yw': '赵建国', ga1: '陈静' });
  });

  it('Given a complaint resolved 3 days after its deadline, when a time-limit penalty runs, then 600 元 is computed from the complaint\'s SLA columns', async () => {
    const due = new Date('2026-11-18T10:00:00Z');
    const number = await insertComplaint(t, { resolutionDueAt: due, resolvedAt: new Date(due.getTime() + 70 * HOUR) });

    const { id } = await executedPenalty(t, number, { category: 'serviceTimeLimit', departmentCode: 'YW', responsiblePerson: '李强' });

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty.fine.totalFen).toBe(60000);
    expect(penalty.fine.entries).toEqual([expect.objectContaining({ departmentCode: 'YW', amountFen: -60000 })]);
    expect(penalty.fine.entries[0].reason).toContain('3 天');
  });

  it('Given a time-limit penalty, when someone types the overdue days in, then it answers 400 and starts nothing', async () => {
    const number = await insertComplaint(t, { resolutionDueAt: new Date('2026-11-18T10:00:00Z') });

    const response = await openPenalty(t, 'desk1', number, { category: 'serviceTimeLimit', departmentCode: 'YW', responsiblePerson: '李强', overdueDays: 10 });

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'overdueDays' })]));
  });

  it('Given a complaint without a resolution deadline, when a time-limit penalty is opened, then it answers 400 naming the category', async () => {
    const number = await insertComplaint(t);

    const response = await openPenalty(t, 'desk1', number, { category: 'serviceTimeLimit', departmentCode: 'YW', responsiblePerson: '李强' });

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([expect.objectContaining({ field: 'category' })]);
  });

  it('Given a late and badly executed notice, when an information-flow penalty is executed, then both publisher and receiver are charged 200 元', async () => {
    const number = await insertComplaint(t);

    const { id } = await executedPenalty(t, number, {
      category: 'informationFlow', departmentCode: 'YW', responsiblePerson: '赵建国', publisherDepartment: 'YW', receiverDepartment: 'ZL',
    });

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty.fine.totalFen).toBe(40000);
    expect(penalty.fine.entries.map((e: { departmentCode: string; amountFen: number }) => [e.departmentCode, e.amountFen]).sort())
      .toEqual([['YW', -20000], ['ZL', -20000]]);
    const adjustments = await api(t).get('/payroll-adjustments?month=2026-11').set('Authorization', t.bearer('ga1'));
    expect(adjustments.body).toEqual({
      payrollMonth: '2026-11', netFen: -40000,
      departments: [
        { departmentCode: 'YW', finesFen: -20000, refundsFen: 0, correctionsFen: 0, netFen: -20000 },
        { departmentCode: 'ZL', finesFen: -20000, refundsFen: 0, correctionsFen: 0, netFen: -20000 },
      ],
    });
  });

  it('Given a particularly serious case, when the department head says so, then it goes to the general manager and no fine is booked', async () => {
    const number = await insertComplaint(t);
    const opened = await openPenalty(t, 'desk1', number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });

    await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '情节特别严重', particularlySerious: true }));

    expect(await openTaskNames(t, opened.body.instanceId)).toEqual(['companyDecision']);
    const penalty = (await getPenalty(t, 'ga1', opened.body.id)).body;
    expect(penalty).toMatchObject({ status: 'handedToCompany', category: 'particularlySerious', fine: { totalFen: 0, entries: [] } });
    await expectCompleted(await completeTask(t, 'gm1', opened.body.instanceId, 'companyDecision', { companyDecisionText: '通报批评并调岗' }));
    expect((await api(t).get('/ledger').set('Authorization', t.bearer('ga1'))).body).toEqual([]);
  });

  it('Given general affairs rejects the notice, then the penalty is withdrawn and the ledger stays empty', async () => {
    const number = await insertComplaint(t);
    const opened = await openPenalty(t, 'desk1', number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 2 });
    await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '属实' }));
    await expectCompleted(await completeTask(t, 'desk1', opened.body.instanceId, 'fillNotice', { incident: '态度问题', penaltyReason: '服务规范' }));

    await expectCompleted(await completeTask(t, 'ga1', opened.body.instanceId, 'reviewPenalty', { reviewApproved: false, reviewComment: '证据不足' }));

    expect((await getPenalty(t, 'ga1', opened.body.id)).body).toMatchObject({ status: 'rejected', fine: { totalFen: 40000, entries: [] } });
    expect((await api(t).get('/ledger').set('Authorization', t.bearer('ga1'))).body).toEqual([]);
  });

  it('Given two notices in a year, then they are numbered in their own sequence after the issuing department', async () => {
    const first = await executedPenalty(t, await insertComplaint(t), { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '甲', violations: 1 });
    const second = await executedPenalty(t, await insertComplaint(t), { category: 'lateOutageNotice', departmentCode: 'YW', responsiblePerson: '乙', occurrences: 2 });

    expect((await getPenalty(t, 'ga1', first.id)).body.noticeNumber).toBe('2026KFCF001');
    expect((await getPenalty(t, 'ga1', second.id)).body).toMatchObject({ noticeNumber: '2026KFCF002', fine: { totalFen: 40000 } });
  });

  it('rejects bad requests: missing facts 400, unknown department 400, unknown complaint 404, wrong group 403, no token 401', async () => {
    const number = await insertComplaint(t);

    const noViolations = await openPenalty(t, 'desk1', number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强' });
    expect(noViolations.status).toBe(400);
    expect(noViolations.body.fields).toEqual([expect.objectContaining({ field: 'violations' })]);

    const unknownDepartment = await openPenalty(t, 'desk1', number, { category: 'serviceConduct', departmentCode: 'XX', responsiblePerson: '李强', violations: 1 });
    expect(unknownDepartment.status).toBe(400);

    expect((await openPenalty(t, 'desk1', '2026KF999', { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 })).status).toBe(404);
    expect((await openPenalty(t, 'ops1', number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 })).status).toBe(403);
    expect((await api(t).post(`/complaints/${number}/penalties`).send({})).status).toBe(401);
    expect((await getPenalty(t, 'ga1', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api(t).get('/ledger').set('Authorization', t.bearer('ops1'))).status).toBe(403);
    expect((await api(t).get('/payroll-adjustments?month=2026-13').set('Authorization', t.bearer('ga1'))).status).toBe(400);
  });

  it('Given a wrong fine, when general affairs books a correction, then it is a new entry and the fine entry is unchanged', async () => {
    const { id } = await executedPenalty(t, await insertComplaint(t), { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
    const fine = (await getPenalty(t, 'ga1', id)).body.fine.entries[0];

    const correction = await api(t).post('/ledger/corrections').set('Authorization', t.bearer('ga1'))
      .send({ departmentCode: 'YW', amountFen: 20000, fineEntryId: fine.id, reason: '重复处罚，冲销' });

    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({ kind: 'correction', amountFen: 20000, fineEntryId: fine.id, penaltyId: id, noticeNumber: fine.noticeNumber, createdBy: 'ga1' });
    const ledger = (await api(t).get('/ledger?department=YW').set('Authorization', t.bearer('auditor1'))).body;
    expect(ledger.map((e: { kind: string; amountFen: number }) => [e.kind, e.amountFen])).toEqual([['fine', -20000], ['correction', 20000]]);
    expect((await api(t).get('/payroll-adjustments?month=2026-11').set('Authorization', t.bearer('leader1'))).body.departments)
      .toEqual([{ departmentCode: 'YW', finesFen: -20000, refundsFen: 0, correctionsFen: 20000, netFen: 0 }]);
    expect((await api(t).post('/ledger/corrections').set('Authorization', t.bearer('auditor1')).send({ departmentCode: 'YW', amountFen: 1, reason: 'xx' })).status).toBe(403);
  });

  it('Given a head of another department, when they try to give the penalty opinion, then 403 and the task stays open', async () => {
    const otherHead = await addPerson(t, { username: 'head-zl', departmentCode: 'ZL', groups: ['dept-head', 'quality'] });
    const opened = await openPenalty(t, 'desk1', await insertComplaint(t), { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });

    const refused = await completeTask(t, { bearer: otherHead }, opened.body.instanceId, 'penaltyOpinion', { opinion: '罚' });

    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('task_forbidden'); // outside the department the head does not even see the task
    expect(await openTaskNames(t, opened.body.instanceId)).toEqual(['penaltyOpinion']);
    expect((await getPenalty(t, 'ga1', opened.body.id)).body).toMatchObject({ status: 'proposed', opinionBy: null, fine: { totalFen: null } });
  });
});
