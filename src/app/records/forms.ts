import { CHANNEL_LABELS, KIND_LABELS, SEVERITY_LABELS } from '../../domain';
import { box, Doc, FormRow, formTable, formTitle, note } from './pdf-layout';
import { ComplaintRecord, department, ExemptionRecord, PenaltyRecord, person, signature } from './record-model';
import { date, dateHour, dateTime, lastCompletion, text, yuan, yuanInWords } from './record-text';

const L = (textValue: string, width: number) => ({ text: textValue, width, label: true });
const V = (textValue: string, width: number) => ({ text: textValue, width });

/** 客户投诉/建议信息登记处理单 R/G095-1 (seed 003 表一). */
export function registrationForm(doc: Doc, record: ComplaintRecord): void {
  const { complaint: c, lifecycle, lifecycleData: data } = record;
  const dispatch = lastCompletion(lifecycle, 'dispatch');
  const handled = lastCompletion(lifecycle, 'handle', 'handleAtTopLevel');
  const reply = lastCompletion(lifecycle, 'reportToCustomer', 'tellSuggestionOutcome', 'answerInquiry');
  const channel = c.channel;
  const otherChannel = ['hotline', 'letter', 'visit', 'forwarded'].includes(channel) ? '' : CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] ?? channel;
  const contact = [c.complainantName, c.complainantOrg, c.complainantAddress, c.complainantPhone && `电话 ${c.complainantPhone}`,
    c.complainantEmail && `邮箱 ${c.complainantEmail}`].filter(Boolean).join('　');
  const handling = [
    data.cause && `原因分析：${text(data.cause)}`,
    data.resolution && `处理措施与结果：${text(data.resolution)}`,
    data.solved !== undefined && `问题已实质性解决：${text(data.solved)}`,
    data.dispatchNote && `派单说明：${text(data.dispatchNote)}`,
  ].filter(Boolean).join('\n');
  const opinions = record.penalties.map((p) => `${text(p.data.opinion ?? '')}（${department(record, p.penalty.departmentCode)}，责任人：${p.penalty.responsiblePerson}）`).join('\n');
  const replyText = [
    text(data.replyNote ?? data.answer ?? ''),
    data.satisfaction && `客户满意度：${data.satisfaction === 'satisfied' ? '满意' : '不满意'}`,
    data.customerFeedback && `客户意见：${text(data.customerFeedback)}`,
    data.leaderDecision && `分管领导最终批示：${text(data.leaderDecision)}`,
  ].filter(Boolean).join('\n');
  formTitle(doc, '客户投诉/建议信息登记处理单', 'R/G095-1');
  const rows: FormRow[] = [
    { cells: [L('登记部门', 0.19), V(department(record, c.registeringDeptCode), 0.31), L('登记人', 0.19), V(person(record, c.receivedBy), 0.31)] },
    { cells: [L('接收部门', 0.19), V(department(record, c.responsibleDeptCode), 0.31), L('接收人', 0.19), V(person(record, handled?.actor ?? null), 0.31)] },
    { cells: [L('登记时间', 0.19), V(dateTime(c.receivedAt), 0.31), L('编号', 0.19), V(c.number, 0.31)] },
    { cells: [L('信息来源', 0.19), V([
      `${box(channel === 'hotline')}电话投诉/建议`, `${box(channel === 'letter')}信函投诉/建议`, `${box(channel === 'visit')}上门投诉/建议`,
      `${box(channel === 'forwarded')}上级主管部门转发用户投诉`, `${box(otherChannel !== '')}其他${otherChannel ? `：${otherChannel}` : '＿＿＿＿'}`,
    ].join('　'), 0.81)] },
    { cells: [L('投诉/建议人\n及联系方式', 0.19), V(contact, 0.81)] },
    { cells: [L(`${box(c.kind === 'complaint')}投诉\n${box(c.kind === 'suggestion')}建议\n${box(c.kind === 'inquiry')}咨询\n内容`, 0.19),
      V(`${c.content}\n${c.customerDemand ? `客户要求：${c.customerDemand}\n` : ''}严重程度：${SEVERITY_LABELS[c.severity as keyof typeof SEVERITY_LABELS] ?? c.severity}　类型：${KIND_LABELS[c.kind as keyof typeof KIND_LABELS] ?? c.kind}\n附件：${c.evidence.length > 0 ? c.evidence.join('；') : '无'}`, 0.81)],
      minHeight: 90 },
    { cells: [L('要求答复时间', 0.19), V(dateTime(c.requestedReplyAt) || '—', 0.31), L('客服部经理签字', 0.19), V(signature(record, dispatch), 0.31)] },
    { cells: [L('投诉处理情况', 0.19), V(handling, 0.81)], minHeight: 90 },
    { cells: [L('对责任人的\n处罚意见', 0.19), V(opinions || '无', 0.81)], minHeight: 44 },
    { cells: [L('处理部门经理签字', 0.19), V(signature(record, handled), 0.81)] },
    { cells: [L('答复情况', 0.19), V(`${replyText}\n\n答复人：${person(record, reply?.actor)}　　答复时间：${dateHour(reply?.at) || '　年　月　日　时'}`, 0.81)], minHeight: 70 },
  ];
  formTable(doc, rows);
  note(doc, '注：本表格登记部门、接收部门各留存一份。编号规则：200X代表年份，YY为发布部门拼音首写字母，00Z为顺序编号。');
  printedBy(doc, record);
}

/** 纠正和预防措施记录表 R/G095-2 (seed 003 表二). */
export function capaForm(doc: Doc, record: ComplaintRecord): void {
  const { complaint: c, lifecycle, lifecycleData: data } = record;
  const capa = lastCompletion(lifecycle, 'capaRecord');
  const leader = lastCompletion(lifecycle, 'leaderDecision');
  formTitle(doc, '纠正和预防措施记录表', 'R/G095-2');
  formTable(doc, [
    { cells: [L('客户投诉事件', 0.18), V(`编号 ${c.number}　${dateTime(c.receivedAt)}　${c.complainantName}：${c.content}`, 0.82)], minHeight: 50 },
    { cells: [L('存在问题', 0.18), V(text(data.resolution ? `${c.content}\n处理情况：${text(data.resolution)}` : c.content), 0.82)], minHeight: 70 },
    { cells: [L('问题原因', 0.18), V(text(data.cause ?? ''), 0.82)], minHeight: 70 },
    { cells: [L('纠正和预防措施', 0.18), V([
      data.correctiveAction && `纠正措施：${text(data.correctiveAction)}`,
      data.preventiveAction && `预防措施：${text(data.preventiveAction)}`,
      data.measuresInPlace !== undefined && `改进措施已落实：${text(data.measuresInPlace)}`,
    ].filter(Boolean).join('\n'), 0.82)], minHeight: 90 },
    { cells: [L('责任部门\n经理签字', 0.18), V(`${signature(record, capa)}\n${capa ? date(capa.at) : '　　年　月　日'}`, 0.82)], minHeight: 44 },
    { cells: [L('分管领导意见', 0.18), V(leader ? `${text(leader.data.leaderDecision ?? '')}\n${signature(record, leader)}` : '（本投诉未报分管领导）', 0.82)], minHeight: 44 },
  ]);
  note(doc, `注：此表格由责任部门填写，并在3天内（含非工作日）及时传递至客户服务部汇总，并由客户服务部统一递交至分管领导审核。`
    + `本表应于${dateTime(c.capaDueAt) || '—'}前填写，实际填写于${dateTime(capa?.at ?? c.capaAt) || '—（尚未填写）'}。`);
  printedBy(doc, record);
}

/** 客户投诉处罚通知单 R/G095-3 (seed 003 表三). */
export function penaltyNotice(doc: Doc, record: ComplaintRecord, penalty: PenaltyRecord): void {
  const { penalty: p, history, data } = penalty;
  const filled = lastCompletion(history, 'fillNotice');
  const review = lastCompletion(history, 'reviewPenalty');
  const fine = penalty.ledger.find((e) => e.kind === 'fine');
  const totalFen = p.totalFen ?? (fine ? Math.abs(fine.amountFen) : null);
  formTitle(doc, '客户投诉处罚通知单', 'R/G095-3');
  formTable(doc, [
    { cells: [L('处罚时间', 0.19), V(date(filled?.at ?? p.createdAt), 0.31), L('编号', 0.19), V(p.noticeNumber ?? '（尚未编号）', 0.31)] },
    { cells: [L('事故情况', 0.19), V(`客户投诉内容：${record.complaint.number}　${record.complaint.content}${data.incident ? `\n事故情况：${text(data.incident)}` : ''}`
      + `\n其它：${data.opinion ? `责任部门处罚意见：${text(data.opinion)}` : '无'}${outageStatement(record, p)}`, 0.81)], minHeight: 70 },
    { cells: [L('责任人', 0.19), V(`${p.responsiblePerson}（${department(record, p.departmentCode)}）`, 0.81)] },
    { cells: [L('处罚事由', 0.19), V(text(data.penaltyReason ?? ''), 0.81)], minHeight: 50 },
    { cells: [L('处罚措施\n（罚款数额）', 0.19), V(p.status === 'exempted' ? '不予处罚：系统故障非人为责任，故障情况说明和改进措施经分管领导确认，免责（003 4.3.2 e）' : totalFen === null ? '交公司处理' : `扣罚${department(record, p.departmentCode)} ${yuan(totalFen)} 元（大写：${yuanInWords(totalFen)}）${fine ? `，记入${fine.payrollMonth}绩效工资` : ''}`, 0.81)], minHeight: 36 },
    { cells: [L('客户服务部确认', 0.19), V(`${signature(record, filled)}\n${filled ? date(filled.at) : '　　年　月　日'}`, 0.81)], minHeight: 40 },
    { cells: [L('综合部意见', 0.19), V(review
      ? `${review.data.reviewApproved === true ? '同意处罚' : review.data.reviewApproved === false ? '不同意处罚' : ''}${review.data.reviewComment ? `：${text(review.data.reviewComment)}` : ''}\n${signature(record, review)}\n${date(review.at)}`
      : '（待审核）', 0.81)], minHeight: 50 },
  ]);
  note(doc, '注：本表格在发生客户服务事故时，由客户服务部填写，由综合部审核后予以处罚，并送达被处罚责任部门。编号规则：200X代表年份，YY为发布部门拼音首写字母，00Z为顺序编号。');
  printedBy(doc, record);
}

/** The outage explanation and measures filed in the penalty process, and the division leader's decision on them (003 4.3.2 e). */
function outageStatement(record: ComplaintRecord, p: PenaltyRecord['penalty']): string {
  if (p.outageExplanation === null) return '';
  const decision = p.outageConfirmed === null ? '（待分管领导确认）'
    : `分管领导${p.outageConfirmed ? '确认' : '不予确认'}${p.outageLeaderComment ? `：${text(p.outageLeaderComment)}` : ''}　${person(record, p.outageDecidedBy)}　${p.outageDecidedAt ? date(p.outageDecidedAt) : ''}`;
  return `\n系统故障情况说明：${text(p.outageExplanation)}\n改进措施：${text(p.improvementMeasures ?? '')}（${person(record, p.outageFiledBy)}）\n${decision}`;
}

/** 免责申诉单 R/G095-4 (seed 003 表五). */
export function exemptionForm(doc: Doc, record: ComplaintRecord, penalty: PenaltyRecord, exemption: ExemptionRecord): void {
  const { exemption: e, history } = exemption;
  const p = penalty.penalty;
  const fine = penalty.ledger.find((l) => l.kind === 'fine');
  const refund = penalty.ledger.find((l) => l.kind === 'refund' && l.createdAt >= e.createdAt);
  const step = (id: string) => lastCompletion(history, id);
  const opinion = (textValue: string | null | undefined, completion: ReturnType<typeof step>) =>
    `${textValue ?? ''}\n${signature(record, completion)}\n${completion ? date(completion.at) : '　　年　月　日'}`;
  const approved = (value: unknown) => (value === true ? '同意免责' : value === false ? '不同意免责' : '');
  /** The decision and the comment, without repeating a comment that only says the same. */
  const decision = (value: unknown, comment: string) => [approved(value), comment].filter((part, index, parts) => part && !(index > 0 && parts[0].includes(part))).join('：');
  const leader = step('leaderApproval');
  const manager = step('managerApproval');
  formTitle(doc, '免责申诉单', 'R/G095-4');
  formTable(doc, [
    { cells: [L('申诉部门', 0.18), V(department(record, e.departmentCode), 0.32), L('被处罚责任人', 0.18), V(p.responsiblePerson, 0.32)] },
    { cells: [L('处罚记录号\n及处罚情况', 0.18), V(`${p.noticeNumber ?? ''}　扣罚${department(record, p.departmentCode)} ${p.totalFen !== null ? `${yuan(p.totalFen)} 元（${yuanInWords(p.totalFen)}）` : ''}${fine ? `，记入${fine.payrollMonth}绩效工资` : ''}`, 0.82)], minHeight: 36 },
    { cells: [L('事故情况', 0.18), V(`${record.complaint.number}：${record.complaint.content}\n${text(penalty.data.incident ?? '')}`, 0.82)], minHeight: 50 },
    { cells: [L('申诉理由', 0.18), V([e.reasons, e.outageExplanation && `故障情况说明：${e.outageExplanation}`, e.improvementMeasures && `改进措施：${e.improvementMeasures}`].filter(Boolean).join('\n'), 0.82)], minHeight: 70 },
    { cells: [L('申诉部门意见', 0.18), V(`申请免责\n${person(record, e.requestedBy)}　${dateTime(e.createdAt)}\n${date(e.createdAt)}`, 0.82)], minHeight: 44 },
    { cells: [L('客户服务部意见', 0.18), V(opinion(e.serviceDeskOpinion, step('serviceDeskInvestigation')), 0.82)], minHeight: 44 },
    { cells: [L('综合部意见', 0.18), V(opinion(e.generalAffairsOpinion, step('generalAffairsInvestigation')), 0.82)], minHeight: 44 },
    { cells: [L('分管副总意见', 0.18), V(opinion(decision(leader?.data.leaderApproved, e.leaderOpinion ?? text(leader?.data.leaderComment ?? '')), leader), 0.82)], minHeight: 44 },
    { cells: [L('总经理意见', 0.18), V(opinion(decision(manager?.data.managerApproved, e.managerOpinion ?? text(manager?.data.managerComment ?? '')), manager), 0.82)], minHeight: 44 },
  ]);
  const outcome = e.status === 'approved'
    ? `审批结果：同意免责，按处罚金额的120%返还${refund ? ` ${yuan(refund.amountFen)} 元（${yuanInWords(refund.amountFen)}），记入${refund.payrollMonth}绩效工资` : ''}。`
    : e.status === 'investigating' ? '审批结果：审批中。' : `审批结果：不予免责${e.decisionNote ? `（${e.decisionNote}）` : ''}，原处罚维持。`;
  note(doc, `${outcome}\n注：经综合部和客户服务部调查确认、分管领导和总经理审批同意后，在下月的绩效工资中按处罚金额的120%返还至相关部门。`);
  printedBy(doc, record);
}

function printedBy(doc: Doc, record: ComplaintRecord): void {
  note(doc, `本单据由系统依据登记记录和审计记录生成，打印人：${person(record, record.printedBy)}，打印时间：${dateTime(record.printedAt)}。`);
}
