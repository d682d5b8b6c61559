import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../../src/domain';
import { ExemptionRow } from '../../src/persistence/entities/penalties';
import { createTestApplication, TestApplication } from '../support/app';
import { binaryParser, pdfText, squeezed } from '../records/pdf-tools';
import { addPerson, api, completeTask, expectCompleted, getPenalty, insertComplaint, openPenalty, openTaskNames } from '../penalties/support';

jest.setTimeout(120_000);

/**
 * Issue 11, point 9, fourth reading: a system failure nobody caused (003 4.3.2 e). By default (readings.nonHumanOutage
 * = exemptOnConfirmation) the responsible department files an outage explanation and improvement measures, and the
 * division leader's confirmation lets it off before any notice; the other reading fines it and leaves only the
 * exemption request with its 120 % refund (003 4.3.6).
 */

const POLICY = path.join(__dirname, '..', '..', 'config', 'policy.json');
const OUTAGE = { category: 'systemAssurance', departmentCode: 'YW', responsiblePerson: '赵建国', causedByPeople: false };
const STATEMENT = { outageExplanation: '雷击导致前端机房 UPS 切换失败，非人为操作', improvementMeasures: '更换 UPS 电池组，每月演练一次市电切换' };

let t: TestApplication;
let started: TestApplication | undefined;
async function application(options: Parameters<typeof createTestApplication>[0] = {}) {
  started = await createTestApplication(options);
  t = started;
  return started;
}
afterEach(async () => { await started?.dispose(); started = undefined; });

function policyWith(readings: Record<string, string>) {
  const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
  raw.readings = { ...raw.readings, ...readings };
  return parsePolicy(raw);
}

/** Opens the case and gives the department's opinion; returns the penalty and its instance. */
async function afterOpinion(body: Record<string, unknown> = OUTAGE): Promise<{ id: string; instanceId: string }> {
  const opened = await openPenalty(t, 'desk1', await insertComplaint(t), body);
  if (opened.status !== 201) throw new Error(`opening the penalty answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const { id, instanceId } = opened.body as { id: string; instanceId: string };
  await expectCompleted(await completeTask(t, 'head-yw', instanceId, 'penaltyOpinion', { opinion: '属实，系统故障' }));
  return { id, instanceId };
}

/** The department's explanation, then the division leader's decision. */
async function explainedAndDecided(instanceId: string, confirmed: boolean, comment?: string): Promise<void> {
  expect(await openTaskNames(t, instanceId)).toEqual(['outageExplanation']);
  await expectCompleted(await completeTask(t, 'head-yw', instanceId, 'outageExplanation', STATEMENT));
  expect(await openTaskNames(t, instanceId)).toEqual(['outageConfirmation']);
  await expectCompleted(await completeTask(t, 'leader1', instanceId, 'outageConfirmation', { outageConfirmed: confirmed, ...(comment ? { outageLeaderComment: comment } : {}) }));
}

async function noticeAndReview(instanceId: string): Promise<void> {
  expect(await openTaskNames(t, instanceId)).toEqual(['fillNotice']);
  await expectCompleted(await completeTask(t, 'desk1', instanceId, 'fillNotice', { incident: '前端系统故障', penaltyReason: '系统保障' }));
  await expectCompleted(await completeTask(t, 'ga1', instanceId, 'reviewPenalty', { reviewApproved: true }));
}

async function payroll(month: string) {
  return (await api(t).get(`/payroll-adjustments?month=${month}`).set('Authorization', t.bearer('ga1'))).body.departments;
}

describe('a system failure not caused by people (003 4.3.2 e, readings.nonHumanOutage)', () => {
  test('(a) Given the default reading, when the department files its explanation and the division leader confirms, then the penalty ends exempted: no fine, no notice, no ledger entry', async () => {
    await application();
    const { id, instanceId } = await afterOpinion();

    await explainedAndDecided(instanceId, true, '措施可行');

    expect(await openTaskNames(t, instanceId)).toEqual([]);
    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty).toMatchObject({
      status: 'exempted', noticeNumber: null, fine: { totalFen: 0, entries: [] }, refunds: [],
      outage: { explanation: STATEMENT.outageExplanation, improvementMeasures: STATEMENT.improvementMeasures, filedBy: 'head-yw', confirmed: true, leaderComment: '措施可行', decidedBy: 'leader1' },
    });
    expect(await payroll('2026-11')).toEqual([]);
    // Nothing was fined, so there is nothing to request an exemption from.
    const filed = await api(t).post(`/penalties/${id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '非人为故障', ...STATEMENT });
    expect(filed.status).toBe(409);
    // The audit trail carries the explanation and the decision.
    const trail = (await api(t).get(`/complaints/${penalty.complaintNumber}/history`).set('Authorization', t.bearer('auditor1'))).body;
    const entries = trail.instances.find((i: any) => i.instance.id === instanceId).entries as Array<{ action: string; after: any; elementId: string | null }>;
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'outage explanation filed', after: expect.objectContaining(STATEMENT) }),
      expect.objectContaining({ action: 'outage exempted', after: expect.objectContaining({ outageConfirmed: true, totalFen: 0, status: 'exempted' }) }),
    ]));
    expect(trail.instances.find((i: any) => i.instance.id === instanceId).instance.status).toBe('end');
    // The printed 处罚 record says it was let off, with the explanation, the measures and who confirmed them.
    const printed = await api(t).get(`/penalties/${id}/notice.pdf`).set('Authorization', t.bearer('auditor1')).buffer(true).parse(binaryParser);
    expect(printed.status).toBe(200);
    const text = squeezed(pdfText(printed.body));
    expect(text).toContain('不予处罚');
    expect(text).toContain('系统故障情况说明：雷击导致前端机房UPS切换失败');
    expect(text).toContain('改进措施：更换UPS电池组');
    expect(text).toContain('分管领导确认：措施可行');
  });

  test('(b) Given the leader does not confirm, then the fine of 200 元 goes the normal notice and review path to the ledger, and may still be appealed (免责申请) on the filed explanation', async () => {
    await application();
    const { id, instanceId } = await afterOpinion();

    await explainedAndDecided(instanceId, false, '改进措施不具体');
    expect((await getPenalty(t, 'ga1', id)).body).toMatchObject({ status: 'proposed', fine: { totalFen: 20000 }, outage: { confirmed: false, leaderComment: '改进措施不具体' } });
    await noticeAndReview(instanceId);

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty.status).toBe('executed');
    expect(penalty.noticeNumber).toMatch(/^2026KFCF\d{3}$/);
    expect(penalty.fine.entries).toEqual([expect.objectContaining({ kind: 'fine', departmentCode: 'YW', amountFen: -20000, reason: expect.stringContaining('不予免责') })]);
    expect(await payroll('2026-11')).toEqual([{ departmentCode: 'YW', finesFen: -20000, refundsFen: 0, correctionsFen: 0, netFen: -20000 }]);

    // 003 4.3.6: the fined department may appeal; the explanation and measures it filed stand for the request.
    const filed = await api(t).post(`/penalties/${id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '请求复核' });
    expect(filed.status).toBe(201);
    expect(filed.body.exemptions).toEqual([expect.objectContaining({ outageExplanation: STATEMENT.outageExplanation, improvementMeasures: STATEMENT.improvementMeasures })]);
    const exemptionInstance = (await t.app.db.read((m) => m.findOneByOrFail(ExemptionRow, { penaltyId: id }))).instanceId;
    await expectCompleted(await completeTask(t, 'ga1', exemptionInstance, 'generalAffairsInvestigation', { generalAffairsOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'desk1', exemptionInstance, 'serviceDeskInvestigation', { serviceDeskOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'leader1', exemptionInstance, 'leaderApproval', { leaderApproved: true, outageExplanationConfirmed: true }));
    await expectCompleted(await completeTask(t, 'gm1', exemptionInstance, 'managerApproval', { managerApproved: true }));
    expect((await getPenalty(t, 'ga1', id)).body.refunds).toEqual([expect.objectContaining({ amountFen: 24000, payrollMonth: '2026-12' })]);
  });

  test('(c) Given measures were promised when an earlier failure was let off, when the department fails again, then no confirmation is asked and the fine stands, saying why', async () => {
    await application();
    const first = await afterOpinion();
    await explainedAndDecided(first.instanceId, true);
    expect((await getPenalty(t, 'ga1', first.id)).body.status).toBe('exempted');

    const second = await afterOpinion();

    expect(await openTaskNames(t, second.instanceId)).toEqual(['fillNotice']);
    expect((await getPenalty(t, 'ga1', second.id)).body).toMatchObject({ status: 'proposed', fine: { totalFen: 20000 }, facts: { repeatAfterMeasuresPromised: true }, outage: null });
    await noticeAndReview(second.instanceId);
    const penalty = (await getPenalty(t, 'ga1', second.id)).body;
    expect(penalty.status).toBe('executed');
    expect(penalty.fine.entries).toEqual([expect.objectContaining({ amountFen: -20000, reason: expect.stringContaining('改进措施落实不力导致故障再次发生') })]);
  });

  test('(c2) Given the proposer declared the failure a repeat, then no confirmation is asked', async () => {
    await application();
    const { instanceId } = await afterOpinion({ ...OUTAGE, repeatAfterMeasuresPromised: true });
    expect(await openTaskNames(t, instanceId)).toEqual(['fillNotice']);
  });

  test('(d) Given the reading fineThenExemption, then the failure is fined as before and relief is only the exemption request with its 120 % refund', async () => {
    await application({ policy: policyWith({ nonHumanOutage: 'fineThenExemption' }) });
    const { id, instanceId } = await afterOpinion();

    await noticeAndReview(instanceId);
    expect((await getPenalty(t, 'ga1', id)).body).toMatchObject({ status: 'executed', outage: null, fine: { totalFen: 20000 } });

    const missing = await api(t).post(`/penalties/${id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '非人为故障' });
    expect(missing.status).toBe(400);
    const filed = await api(t).post(`/penalties/${id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '非人为故障', ...STATEMENT });
    expect(filed.status).toBe(201);
    const exemptionInstance = (await t.app.db.read((m) => m.findOneByOrFail(ExemptionRow, { penaltyId: id }))).instanceId;
    await expectCompleted(await completeTask(t, 'ga1', exemptionInstance, 'generalAffairsInvestigation', { generalAffairsOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'desk1', exemptionInstance, 'serviceDeskInvestigation', { serviceDeskOpinion: '属实' }));
    await expectCompleted(await completeTask(t, 'leader1', exemptionInstance, 'leaderApproval', { leaderApproved: true, outageExplanationConfirmed: true }));
    await expectCompleted(await completeTask(t, 'gm1', exemptionInstance, 'managerApproval', { managerApproved: true }));

    const penalty = (await getPenalty(t, 'ga1', id)).body;
    expect(penalty.refunds).toEqual([expect.objectContaining({ kind: 'refund', amountFen: 24000, payrollMonth: '2026-12' })]);
    expect(await payroll('2026-12')).toEqual([{ departmentCode: 'YW', finesFen: 0, refundsFen: 24000, correctionsFen: 0, netFen: 24000 }]);
  });

  test('(e) Given people caused the failure, then 200 元 through the notice path and no confirmation step', async () => {
    await application();
    const { id, instanceId } = await afterOpinion({ ...OUTAGE, causedByPeople: true });

    expect(await openTaskNames(t, instanceId)).toEqual(['fillNotice']);
    await noticeAndReview(instanceId);
    expect((await getPenalty(t, 'ga1', id)).body.fine.entries).toEqual([expect.objectContaining({ amountFen: -20000, reason: expect.stringContaining('人为责任') })]);
  });

  test('(e2) Given the department head finds in its opinion that people caused it after all, then no confirmation step', async () => {
    await application();
    const opened = await openPenalty(t, 'desk1', await insertComplaint(t), OUTAGE);
    await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '操作失误', causedByPeople: true }));
    expect(await openTaskNames(t, opened.body.instanceId)).toEqual(['fillNotice']);
  });

  test('(f) Only the responsible department\'s head files the explanation and only an independent division leader confirms it; both fields are required', async () => {
    await application();
    const otherHead = await addPerson(t, { username: 'head-zl', departmentCode: 'ZL', groups: ['dept-head'] });
    const { id, instanceId } = await afterOpinion();

    const byOtherHead = await completeTask(t, { bearer: otherHead }, instanceId, 'outageExplanation', STATEMENT);
    expect(byOtherHead.status).toBe(403);
    const missing = await completeTask(t, 'head-yw', instanceId, 'outageExplanation', {});
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['data.improvementMeasures', 'data.outageExplanation']);
    const blank = await completeTask(t, 'head-yw', instanceId, 'outageExplanation', { outageExplanation: '  ', improvementMeasures: STATEMENT.improvementMeasures });
    expect(blank.status).toBe(400);
    expect(blank.body.fields).toEqual([expect.objectContaining({ field: 'data.outageExplanation' })]);
    expect(await openTaskNames(t, instanceId)).toEqual(['outageExplanation']);
    await expectCompleted(await completeTask(t, 'head-yw', instanceId, 'outageExplanation', STATEMENT));

    for (const username of ['head-yw', 'ga1', 'gm1'] as const) {
      expect((await completeTask(t, username, instanceId, 'outageConfirmation', { outageConfirmed: true })).status).toBe(403);
    }
    const noDecision = await completeTask(t, 'leader1', instanceId, 'outageConfirmation', {});
    expect(noDecision.status).toBe(400);
    expect(noDecision.body.fields.map((f: { field: string }) => f.field)).toEqual(['data.outageConfirmed']);
    expect(await openTaskNames(t, instanceId)).toEqual(['outageConfirmation']);
    expect((await getPenalty(t, 'ga1', id)).body.status).toBe('proposed');
  });

  test('(f2) Given the department head who gave the opinion also leads the division, when they confirm the explanation, then 403 and nothing is saved', async () => {
    await application();
    const dual = await addPerson(t, { username: 'head-leader', departmentCode: 'YW', groups: ['dept-head', 'division-leader'] });
    const opened = await openPenalty(t, 'desk1', await insertComplaint(t), OUTAGE);
    const instanceId = opened.body.instanceId as string;
    await expectCompleted(await completeTask(t, { bearer: dual }, instanceId, 'penaltyOpinion', { opinion: '属实' }));
    await expectCompleted(await completeTask(t, { bearer: dual }, instanceId, 'outageExplanation', STATEMENT));

    const refused = await completeTask(t, { bearer: dual }, instanceId, 'outageConfirmation', { outageConfirmed: true });

    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('separation_of_duties');
    expect(await openTaskNames(t, instanceId)).toEqual(['outageConfirmation']);
    expect((await getPenalty(t, 'ga1', opened.body.id)).body).toMatchObject({ status: 'proposed', outage: { confirmed: null } });
    await expectCompleted(await completeTask(t, 'leader1', instanceId, 'outageConfirmation', { outageConfirmed: true }));
    expect((await getPenalty(t, 'ga1', opened.body.id)).body.status).toBe('exempted');
  });

  test('Given an unknown choice for the reading, then the policy is refused with the field named', () => {
    expect(() => policyWith({ nonHumanOutage: 'alwaysExempt' })).toThrow(/readings\.nonHumanOutage/);
  });
});
