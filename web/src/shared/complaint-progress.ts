import type { ComplaintDetail } from './api/types';
import { formatDateTime, formatDuration, personName } from './format';

export interface ProgressRow {
  label: string;
  text: string;
  /** 按时 / 超时 for a step with a time limit. */
  timeliness?: 'met' | 'missed';
}

interface Labels {
  label(list: 'satisfaction', code: string | null | undefined): string;
}

/**
 * What the handling steps have recorded on a complaint so far, in the order they happen, for the clerks of the
 * later steps: the customer service desk tells the customer the handling result, the division leader reviews the
 * corrective and preventive actions, the closure review checks the whole record. Rows without a value are left out.
 */
export function progressRows(complaint: ComplaintDetail, labels: Labels): ProgressRow[] {
  const o = complaint.outcome;
  const rows: ProgressRow[] = [];
  const add = (label: string, text: string | null | undefined, timeliness?: boolean | null) => {
    if (text === null || text === undefined || text === '') return;
    rows.push({ label, text, ...(timeliness === true ? { timeliness: 'met' } : timeliness === false ? { timeliness: 'missed' } : {}) });
  };
  const took = (at: string | null, minutes: number | null) => (at
    ? `${formatDateTime(at)}${minutes !== null ? `（受理后 ${formatDuration(minutes * 60_000)}）` : ''}`
    : null);
  const yesNo = (value: boolean | null) => (value === null ? null : value ? '是' : '否');

  add('首次响应', took(complaint.respondedAt, o.responseMinutes), o.respondedWithinLimit);
  add('原因分析会', o.rootCauseMeetingAt ? [formatDateTime(o.rootCauseMeetingAt), o.rootCauseAttendees].filter(Boolean).join('，参会：') : null);
  add('查明的原因', o.rootCause);
  add('处置方案和整改措施', o.rootCauseMeasures);
  add('原因分析', o.handlingCause);
  add('处理措施与结果', o.handlingResult);
  add('处理完成', took(complaint.resolvedAt, o.resolutionMinutes), o.resolvedWithinLimit);
  add('纠正措施', o.correctiveAction);
  add('预防措施', o.preventiveAction);
  add('改进措施已落实', yesNo(o.measuresInPlace));
  if (o.capaApproved !== null) {
    const by = [o.capaReviewedBy && personName(complaint.people, o.capaReviewedBy), formatDateTime(o.capaReviewedAt)].filter(Boolean).join('，');
    add('分管领导审核', `${o.capaApproved ? '同意' : '不同意'}${by ? `（${by}）` : ''}`);
  }
  add('分管领导意见', o.capaReviewOpinion);
  if (complaint.satisfaction) {
    const again = complaint.reopenCount > 0 ? `，已重新处理 ${complaint.reopenCount} 次` : '';
    add('客户满意度', `${labels.label('satisfaction', complaint.satisfaction)}${again}`);
  }
  add('分管领导最终批示', complaint.leaderDecision);
  add('最终答复', o.finalReply ? `${o.finalReply}${o.finalReplyAt ? `（${formatDateTime(o.finalReplyAt)}）` : ''}` : null);
  add('结案时间', formatDateTime(complaint.closedAt));
  add('回访时间', formatDateTime(complaint.callbackAt));
  return rows;
}
