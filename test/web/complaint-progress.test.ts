import type { ComplaintDetail, ComplaintOutcome } from '../../web/src/shared/api/types';
import { progressRows } from '../../web/src/shared/complaint-progress';

const labels = { label: (_list: 'satisfaction', code: string | null | undefined) => ({ satisfied: '满意', dissatisfied: '不满意' }[code ?? ''] ?? code ?? '') };

const noOutcome: ComplaintOutcome = {
  handlingCause: null, handlingResult: null, correctiveAction: null, preventiveAction: null, measuresInPlace: null,
  capaApproved: null, capaReviewOpinion: null, capaReviewedBy: null, capaReviewedAt: null, rootCauseMeetingAt: null,
  rootCauseAttendees: null, rootCause: null, rootCauseMeasures: null, finalReply: null, finalReplyAt: null,
  responseMinutes: null, respondedWithinLimit: null, resolutionMinutes: null, resolvedWithinLimit: null,
};

function complaint(changes: Partial<ComplaintDetail>, outcome: Partial<ComplaintOutcome> = {}): ComplaintDetail {
  return {
    respondedAt: null, resolvedAt: null, closedAt: null, callbackAt: null, satisfaction: null, leaderDecision: null, reopenCount: 0,
    people: { desk1: '张敏', leader1: '孙伟' }, ...changes, outcome: { ...noOutcome, ...outcome },
  } as ComplaintDetail;
}

describe('what a complaint\'s handling has recorded, for the clerks of later steps', () => {
  test('a newly dispatched complaint has nothing to show yet', () => {
    expect(progressRows(complaint({}), labels)).toEqual([]);
  });

  test('the service desk sees the handling result it must tell the customer, with Shanghai times and timeliness', () => {
    const rows = progressRows(complaint({ respondedAt: '2026-11-23T02:20:00.000Z', resolvedAt: '2026-11-24T09:00:00.000Z' }, {
      responseMinutes: 20, respondedWithinLimit: true, resolutionMinutes: 26 * 60 + 40, resolvedWithinLimit: false,
      handlingCause: '光缆被施工挖断', handlingResult: '已熔接光缆，恢复业务',
    }), labels);
    expect(rows).toEqual([
      { label: '首次响应', text: '2026-11-23 10:20（受理后 20 分钟）', timeliness: 'met' },
      { label: '原因分析', text: '光缆被施工挖断' },
      { label: '处理措施与结果', text: '已熔接光缆，恢复业务' },
      { label: '处理完成', text: '2026-11-24 17:00（受理后 1 天 2 小时）', timeliness: 'missed' },
    ]);
  });

  test('the CAPA review, the customer\'s answer after handling again, the leader\'s decision and closure', () => {
    const rows = progressRows(complaint({
      satisfaction: 'dissatisfied', reopenCount: 2, leaderDecision: '按合同条款赔偿', closedAt: '2026-11-30T06:00:00.000Z',
    }, {
      correctiveAction: '更换设备', preventiveAction: '每月巡检', measuresInPlace: false,
      capaApproved: true, capaReviewedBy: 'leader1', capaReviewedAt: '2026-11-26T01:00:00.000Z', capaReviewOpinion: '同意，限期落实',
      finalReply: '已按批示答复', finalReplyAt: '2026-11-29T02:00:00.000Z',
    }), labels);
    expect(rows.map((r) => `${r.label}：${r.text}`)).toEqual([
      '纠正措施：更换设备',
      '预防措施：每月巡检',
      '改进措施已落实：否',
      '分管领导审核：同意（孙伟，2026-11-26 09:00）',
      '分管领导意见：同意，限期落实',
      '客户满意度：不满意，已重新处理 2 次',
      '分管领导最终批示：按合同条款赔偿',
      '最终答复：已按批示答复（2026-11-29 10:00）',
      '结案时间：2026-11-30 14:00',
    ]);
  });

  test('a reviewer the server did not name is shown by username', () => {
    const rows = progressRows(complaint({ people: {} }, { capaApproved: false, capaReviewedBy: 'leader2', capaReviewedAt: null }), labels);
    expect(rows).toEqual([{ label: '分管领导审核', text: '不同意（leader2）' }]);
  });
});
