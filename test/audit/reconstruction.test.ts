import request from 'supertest';
import { finishedCase } from './finished-case';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(120_000);

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterAll(async () => { await t.dispose(); });

interface Entry { seq: number; at: string; action: string; actor: string | null; elementId: string | null; elementName: string | null; after: any }
interface Timeline { instance: { id: string; processKey: string; status: string; version: number }; entries: Entry[] }

/** The people's steps of a timeline: which named task was completed, by whom, when and with what. */
const completedSteps = (timeline: Timeline) => timeline.entries.filter((e) => e.action === 'completed')
  .map((e) => ({ step: e.elementName, by: e.actor, at: e.at.slice(11, 16), data: e.after }));
const serviceOutput = (timeline: Timeline, elementId: string) => timeline.entries.find((e) => e.action === 'service result' && e.elementId === elementId)?.after.output;

describe('an auditor reconstructs a finished complaint with its penalty and exemption from the history endpoints alone', () => {
  let number: string;
  let timelines: Record<string, Timeline>;
  const auditor = (path: string) => request(t.app.http).get(path).set('Authorization', t.bearer('auditor1'));

  beforeAll(async () => {
    ({ number } = await finishedCase(t));
    const { body } = await auditor(`/complaints/${number}/history`).expect(200);
    expect(body.complaint).toMatchObject({ number, status: 'closed', responsibleDeptCode: 'YW', satisfaction: 'satisfied', registeringDeptCode: 'KF' });
    timelines = Object.fromEntries(body.instances.map((i: Timeline) => [i.instance.processKey, i]));
    expect(body.instances.map((i: Timeline) => [i.instance.processKey, i.instance.status])).toEqual([
      ['complaint-lifecycle', 'end'], ['penalty', 'end'], ['exemption', 'end'],
    ]);
  });

  it('Then the complaint\'s lifecycle shows who did each step and when, and that both limits were kept', () => {
    const lifecycle = timelines['complaint-lifecycle'];
    expect(lifecycle.entries[0]).toMatchObject({ action: 'started', actor: 'desk1', after: { data: { complaintNumber: number, severity: 'general' } } });
    expect(completedSteps(lifecycle).map(({ step, by, at }) => [step, by, at])).toEqual([
      ['分类派单', 'desk1', '01:00'],
      ['首次响应', 'ops1', '02:00'],
      ['调查处理', 'ops1', '07:00'],
      ['填写纠正和预防措施记录表', 'ops1', '07:00'],
      ['告知客户处理结果并征询满意度', 'desk1', '07:00'],
      ['结案审核', 'desk1', '07:00'],
      ['回访', 'desk1', '08:00'],
    ]);
    expect(completedSteps(lifecycle)[0].data).toMatchObject({ responsibleDept: 'YW' });
    expect(completedSteps(lifecycle)[2].data).toMatchObject({ cause: '光猫老化', resolution: '更换光猫' });
    // the response timer (due 03:00) was cancelled by the response at 02:00, the resolution timer by the handling at 07:00
    expect(lifecycle.entries.filter((e) => e.elementId === 'responseOverdue').map((e) => [e.action, e.after?.dueAt ?? null])).toEqual([
      ['timer scheduled', '2026-11-23T03:00:00.000Z'], ['timer cancelled', null],
    ]);
    expect(lifecycle.entries.filter((e) => e.elementId === 'resolutionOverdue').map((e) => [e.action, e.at.slice(11, 16)])).toEqual([
      ['timer scheduled', '02:00'], ['timer cancelled', '07:00'],
    ]);
    expect(lifecycle.entries.map((e) => e.action)).not.toContain('timer fired');
    expect(lifecycle.entries.map((e) => e.action)).not.toContain('escalated');
    expect(serviceOutput(lifecycle, 'close')).toMatchObject({ closable: true, missingConditions: [] });
    expect(lifecycle.entries.at(-1)).toMatchObject({ action: 'ended' });
  });

  it('Then the penalty timeline shows the opinion, the 200 元 fine, the notice and general affairs\' approval', () => {
    const penalty = timelines.penalty;
    expect(penalty.entries[0]).toMatchObject({ action: 'started', actor: 'desk1', after: { data: { complaintNumber: number, departmentCode: 'YW', category: 'serviceConduct' } } });
    expect(completedSteps(penalty).map(({ step, by }) => [step, by])).toEqual([
      ['责任部门处罚意见', 'head-yw'], ['填写处罚通知单', 'desk1'], ['综合部审核处罚', 'ga1'],
    ]);
    expect(penalty.entries.find((e) => e.action === 'fine assessed')?.after).toEqual({ category: 'serviceConduct', totalFen: 20000 });
    expect(completedSteps(penalty)[2].data).toEqual({ reviewApproved: true });
    expect(serviceOutput(penalty, 'executeFine')).toEqual({ penaltyStatus: 'executed', finePayrollMonth: '2026-11' });
  });

  it('Then the exemption timeline shows both investigations, both approvals and the 240 元 refund in December\'s pay', () => {
    const exemption = timelines.exemption;
    expect(exemption.entries[0]).toMatchObject({ action: 'started', actor: 'ops1', after: { data: { complaintNumber: number, fineFen: 20000 } } });
    expect(completedSteps(exemption).map(({ step, by, data }) => [step, by, data])).toEqual([
      ['综合部调查意见', 'ga1', { generalAffairsOpinion: '情况属实' }],
      ['客户服务部调查意见', 'desk1', { serviceDeskOpinion: '同意免责' }],
      ['分管领导审批', 'leader1', { leaderApproved: true }],
      ['总经理审批', 'gm1', { managerApproved: true }],
    ]);
    expect(serviceOutput(exemption, 'refund')).toMatchObject({ refundFen: 24000, refundPayrollMonth: '2026-12' });
  });

  it('Then every chain verifies and every pinned diagram shows a finished path with nothing active or failed', async () => {
    for (const timeline of Object.values(timelines)) {
      const verdict = await auditor(`/instances/${timeline.instance.id}/verify`).expect(200);
      expect(verdict.body).toMatchObject({ ok: true, checked: timeline.entries.length, problems: [] });
      const { body: diagram } = await auditor(`/instances/${timeline.instance.id}/diagram`).expect(200);
      expect(diagram.xml).toContain('<bpmn:definitions');
      expect(diagram.activeElementIds).toEqual([]);
      expect(diagram.failedElementIds).toEqual([]);
      const completedTasks = timeline.entries.filter((e) => e.action === 'completed').map((e) => e.elementId);
      expect(diagram.completedElementIds).toEqual(expect.arrayContaining(completedTasks));
      const cancelledTimers = timeline.entries.filter((e) => e.action === 'timer cancelled').map((e) => e.elementId);
      for (const timer of cancelledTimers) expect(diagram.completedElementIds).not.toContain(timer);
    }
    const { body: lifecycle } = await auditor(`/instances/${timelines['complaint-lifecycle'].instance.id}/diagram`).expect(200);
    expect(lifecycle.completedElementIds).not.toContain('responseOverdue');
    expect(lifecycle.completedElementIds).not.toContain('resolutionOverdue');
    expect(lifecycle.takenFlowIds).toEqual(expect.arrayContaining(['toResponsibleDept', 'toHandled']));
    expect(lifecycle.runCounts).toMatchObject({ dispatch: 1, handle: 1 });
  });

  it('Then the responsible department may read the penalty\'s history too, an unrelated department may not', async () => {
    const penaltyId = timelines.penalty.instance.id;
    await request(t.app.http).get(`/instances/${penaltyId}/history`).set('Authorization', t.bearer('head-yw')).expect(200);
    await request(t.app.http).get(`/instances/${penaltyId}/history`).set('Authorization', t.bearer('quality1')).expect(403);
  });
});
