import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../../src/domain';
import { createTestApplication, TestApplication } from '../support/app';
import { addPerson, api, completeTask, executedPenalty, expectCompleted, getPenalty, insertComplaint, openTaskNames } from './support';

jest.setTimeout(60_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterEach(async () => { await t?.dispose(); });

/**
 * Outage cases under readings.nonHumanOutage = fineThenExemption: fined, then relieved only through the exemption
 * request (003 4.3.6). Under the default (exemptOnConfirmation) the leader's confirmation comes in the penalty
 * process instead; see test/seed-rules/non-human-outage.test.ts.
 */
async function fineThenExemption(): Promise<void> {
  await t.dispose();
  const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'policy.json'), 'utf8'));
  raw.readings = { ...raw.readings, nonHumanOutage: 'fineThenExemption' };
  t = await createTestApplication({ start: '2026-11-23T01:00:00Z', policy: parsePolicy(raw) });
}

const CONDUCT = { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 };
const OUTAGE = { category: 'systemAssurance', departmentCode: 'YW', responsiblePerson: '赵建国', causedByPeople: false };
const OUTAGE_STATEMENT = { reasons: '雷击导致前端停电', outageExplanation: 'UPS 切换失败，非人为', improvementMeasures: '更换 UPS，每月演练切换' };

function fileExemption(username: 'ops1' | 'head-yw' | 'quality1' | 'desk1', penaltyId: string, body: Record<string, unknown>) {
  return api(t).post(`/penalties/${penaltyId}/exemptions`).set('Authorization', t.bearer(username)).send(body);
}

async function filedExemption(penaltyId: string, body: Record<string, unknown> = { reasons: '客户投诉不属实，有录音为证' }): Promise<string> {
  const filed = await fileExemption('ops1', penaltyId, body);
  if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  return exemptionInstance(penaltyId);
}

async function exemptionInstance(penaltyId: string): Promise<string> {
  const { ExemptionRow } = await import('../../src/persistence/entities/penalties');
  const rows = await t.app.db.read((m) => m.find(ExemptionRow, { where: { penaltyId }, order: { createdAt: 'DESC' } }));
  return rows[0].instanceId;
}

async function investigate(instanceId: string): Promise<void> {
  expect(await openTaskNames(t, instanceId)).toEqual(['generalAffairsInvestigation', 'serviceDeskInvestigation']);
  await expectCompleted(await completeTask(t, 'ga1', instanceId, 'generalAffairsInvestigation', { generalAffairsOpinion: '经核实，情况属实' }));
  await expectCompleted(await completeTask(t, 'desk1', instanceId, 'serviceDeskInvestigation', { serviceDeskOpinion: '录音显示服务规范' }));
}

async function approveAll(instanceId: string, leader: Record<string, unknown> = {}): Promise<void> {
  await investigate(instanceId);
  await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: true, ...leader }));
  await expectCompleted(await completeTask(t, 'gm1', instanceId, 'managerApproval', { managerApproved: true }));
}

describe('exemption request (免责申请, 003 4.3.6)', () => {
  it('Given a 200 元 fine in November, when the exemption is approved at every level, then 240 元 is credited in December\'s pay, linked to the fine', async () => {
    const { id } = await executedPenalty(t, await insertComplaint(t), CONDUCT);
    const instanceId = await filedExemption(id);

    await approveAll(instanceId);

    const penalty = (await getPenalty(t, 'ops1', id)).body;
    expect(penalty.exemptions).toEqual([expect.objectContaining({
      status: 'approved', departmentCode: 'YW', requestedBy: 'ops1', reasons: '客户投诉不属实，有录音为证',
      generalAffairsOpinion: '经核实，情况属实', serviceDeskOpinion: '录音显示服务规范', leaderOpinion: '同意', managerOpinion: '同意',
    })]);
    expect(penalty.refunds).toEqual([expect.objectContaining({ kind: 'refund', departmentCode: 'YW', amountFen: 24000, payrollMonth: '2026-12', fineEntryId: penalty.fine.entries[0].id })]);
    const december = (await api(t).get('/payroll-adjustments?month=2026-12').set('Authorization', t.bearer('ga1'))).body;
    expect(december.departments).toEqual([{ departmentCode: 'YW', finesFen: 0, refundsFen: 24000, correctionsFen: 0, netFen: 24000 }]);
    const november = (await api(t).get('/payroll-adjustments?month=2026-11').set('Authorization', t.bearer('auditor1'))).body;
    expect(november.departments).toEqual([{ departmentCode: 'YW', finesFen: -20000, refundsFen: 0, correctionsFen: 0, netFen: -20000 }]);
  });

  it('Given both investigations and the leader\'s approval, when the general manager rejects, then there is no refund and the fine stands', async () => {
    const { id } = await executedPenalty(t, await insertComplaint(t), CONDUCT);
    const instanceId = await filedExemption(id);
    await investigate(instanceId);
    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: true }));

    await expectCompleted(await completeTask(t, 'gm1', instanceId, 'managerApproval', { managerApproved: false, managerComment: '理由不充分' }));

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty.exemptions).toEqual([expect.objectContaining({ status: 'rejected', decisionNote: '总经理不同意：理由不充分' })]);
    expect(penalty.refunds).toEqual([]);
    expect(penalty.fine.entries).toEqual([expect.objectContaining({ amountFen: -20000 })]);
    expect((await api(t).get('/payroll-adjustments?month=2026-12').set('Authorization', t.bearer('ga1'))).body.departments).toEqual([]);
    expect(await openTaskNames(t, instanceId)).toEqual([]);
  });

  it('Given the division leader rejects, then the request ends there without reaching the general manager', async () => {
    const { id } = await executedPenalty(t, await insertComplaint(t), CONDUCT);
    const instanceId = await filedExemption(id);
    await investigate(instanceId);

    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: false }));

    expect(await openTaskNames(t, instanceId)).toEqual([]);
    expect((await getPenalty(t, 'ga1', id)).body).toMatchObject({ exemptions: [expect.objectContaining({ status: 'rejected' })], refunds: [] });
  });

  it('Given measures were promised after an earlier outage, when the same department fails again, then its exemption is refused even with the leader\'s confirmation', async () => {
    await fineThenExemption();
    const first = await executedPenalty(t, await insertComplaint(t), OUTAGE);
    await approveAll(await filedExemption(first.id, OUTAGE_STATEMENT), { outageExplanationConfirmed: true });
    expect((await getPenalty(t, 'ga1', first.id)).body.refunds).toHaveLength(1);

    const second = await executedPenalty(t, await insertComplaint(t), OUTAGE);
    const instanceId = await filedExemption(second.id, OUTAGE_STATEMENT);
    await investigate(instanceId);
    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: true, outageExplanationConfirmed: true }));

    expect(await openTaskNames(t, instanceId)).toEqual([]);
    const penalty = (await getPenalty(t, 'ga1', second.id)).body;
    expect(penalty.exemptions).toEqual([expect.objectContaining({ status: 'refused', decisionNote: expect.stringContaining('不得免责') })]);
    expect(penalty.refunds).toEqual([]);
  });

  it('Given an outage not caused by people, when the leader does not confirm the explanation, then the exemption is refused', async () => {
    await fineThenExemption();
    const { id } = await executedPenalty(t, await insertComplaint(t), OUTAGE);
    const instanceId = await filedExemption(id, OUTAGE_STATEMENT);
    await investigate(instanceId);

    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: true, outageExplanationConfirmed: false }));

    expect((await getPenalty(t, 'ga1', id)).body.exemptions).toEqual([expect.objectContaining({ status: 'refused' })]);
  });

  it('Given someone who proposed the fine also leads the division, when they try to approve the exemption, then 403 and nothing is saved', async () => {
    const dual = await addPerson(t, { username: 'head-leader', departmentCode: 'YW', groups: ['dept-head', 'division-leader'] });
    const number = await insertComplaint(t);
    const opened = await api(t).post(`/complaints/${number}/penalties`).set('Authorization', t.bearer('desk1')).send(CONDUCT);
    await expectCompleted(await completeTask(t, { bearer: dual }, opened.body.instanceId, 'penaltyOpinion', { opinion: '属实' }));
    await expectCompleted(await completeTask(t, 'desk1', opened.body.instanceId, 'fillNotice', { incident: '态度问题', penaltyReason: '服务规范' }));
    await expectCompleted(await completeTask(t, 'ga1', opened.body.instanceId, 'reviewPenalty', { reviewApproved: true }));
    const instanceId = await filedExemption(opened.body.id);
    await investigate(instanceId);

    const refused = await completeTask(t, { bearer: dual }, instanceId, 'leaderApproval', { leaderApproved: true });

    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('separation_of_duties');
    expect(await openTaskNames(t, instanceId)).toEqual(['leaderApproval']);
    expect((await getPenalty(t, 'ga1', opened.body.id)).body.exemptions).toEqual([expect.objectContaining({ status: 'investigating' })]);
    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'leaderApproval', { leaderApproved: true }));
    expect(await openTaskNames(t, instanceId)).toEqual(['managerApproval']);
  });

  it('enforces who may file: other departments 403, before execution 409, a second open request 409, missing outage statement 400', async () => {
    const number = await insertComplaint(t);
    const pending = await api(t).post(`/complaints/${number}/penalties`).set('Authorization', t.bearer('desk1')).send(CONDUCT);
    expect((await fileExemption('ops1', pending.body.id, { reasons: '不属实' })).status).toBe(409);

    const { id } = await executedPenalty(t, await insertComplaint(t), CONDUCT);
    expect((await fileExemption('quality1', id, { reasons: '不属实' })).status).toBe(403);
    expect((await fileExemption('ops1', id, {})).status).toBe(400);
    expect((await fileExemption('head-yw', id, { reasons: '部门负责人代表部门申诉' })).status).toBe(201);
    expect((await fileExemption('ops1', id, { reasons: '再次申请' })).status).toBe(409);
    expect((await fileExemption('ops1', '00000000-0000-4000-8000-000000000000', { reasons: '不属实' })).status).toBe(404);

    await fineThenExemption();
    const outage = await executedPenalty(t, await insertComplaint(t), OUTAGE);
    const missing = await fileExemption('ops1', outage.id, { reasons: '非人为故障' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['improvementMeasures', 'outageExplanation']);
  });

  it('Given two people of the department file at the same moment, then exactly one request is accepted', async () => {
    const { id } = await executedPenalty(t, await insertComplaint(t), CONDUCT);

    const answers = await Promise.all([fileExemption('ops1', id, { reasons: '不属实（一）' }), fileExemption('head-yw', id, { reasons: '不属实（二）' })]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect((await getPenalty(t, 'ga1', id)).body.exemptions).toHaveLength(1);
  });
});
