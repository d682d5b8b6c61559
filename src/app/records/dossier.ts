import { CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, ComplaintStatus, KIND_LABELS, SEVERITY_LABELS } from '../../domain';
import { AuditEntryLike, summariseEntry } from './timeline-text';
import { shortDateTime } from './record-text';
import { capaForm, exemptionForm, penaltyNotice, registrationForm } from './forms';
import { Doc, FormRow, formTable, formTitle, grid, heading, note, paragraph } from './pdf-layout';
import type { InstanceNotification } from '../audit/instance-notifications';
import { NOTIFICATION_CHANNEL_LABELS, recipientLabel } from '../audit/notification-labels';
import { department, DossierRecord, person } from './record-model';
import { dateTime, yuan } from './record-text';

const PROCESS_NAMES: Record<string, string> = { 'complaint-lifecycle': '投诉处理', penalty: '处罚', exemption: '免责申诉' };
const LEDGER_KINDS: Record<string, string> = { fine: '罚款', refund: '免责返还', correction: '更正' };
const STATUS_NAMES: Record<string, string> = { running: '进行中', end: '已结束', terminated: '已终止' };
const COMPLAINT_STATUS_NAMES: Record<string, string> = {
  registered: '已登记', dispatched: '已派单', responded: '已响应', handling: '重新处理中', 'awaiting-customer': '待客户确认',
  'awaiting-decision': '待分管领导决定', closed: '已结案',
};

/** 客户投诉档案: cover, the complaint's forms, the timeline, the audit verification and its ledger lines. */
export function dossier(doc: Doc, record: DossierRecord): void {
  const c = record.complaint;
  formTitle(doc, '客户投诉档案', `编号 ${c.number}`, `（打印于${dateTime(record.printedAt)}）`);
  const summary: FormRow[] = [
    { cells: [label('编号', 0.16), value(c.number, 0.34), label('状态', 0.16), value(c.currentStep ? `${COMPLAINT_STATUS_NAMES[c.status] ?? c.status}（当前：${c.currentStep}）` : COMPLAINT_STATUS_NAMES[c.status] ?? c.status, 0.34)] },
    { cells: [label('类型', 0.16), value(KIND_LABELS[c.kind as keyof typeof KIND_LABELS] ?? c.kind, 0.34), label('类别', 0.16), value(CATEGORY_LABELS[c.category as keyof typeof CATEGORY_LABELS] ?? c.category, 0.34)] },
    { cells: [label('严重程度', 0.16), value(SEVERITY_LABELS[c.severity as keyof typeof SEVERITY_LABELS] ?? c.severity, 0.34), label('责任部门', 0.16), value(department(record, c.responsibleDeptCode), 0.34)] },
    { cells: [label('受理时间', 0.16), value(dateTime(c.receivedAt), 0.34), label('结案时间', 0.16), value(dateTime(c.closedAt) || '未结案', 0.34)] },
    { cells: [label('响应时限', 0.16), value(limitText(c.responseDueAt, c.respondedAt), 0.34), label('解决时限', 0.16), value(limitText(c.resolutionDueAt, c.resolvedAt), 0.34)] },
    { cells: [label('审计校验', 0.16), value(verifySummary(record), 0.84)] },
  ];
  formTable(doc, summary);
  paragraph(doc, '\n档案内容：一、客户投诉/建议信息登记处理单（R/G095-1）；二、纠正和预防措施记录表（R/G095-2）；三、客户投诉处罚通知单（R/G095-3）；'
    + '四、免责申诉单（R/G095-4）；五、处理过程记录；六、审计校验结果；七、罚款台账记录；八、通知发送记录。', 9.5);

  doc.addPage();
  registrationForm(doc, record);
  if (c.kind === 'complaint') {
    doc.addPage();
    capaForm(doc, record);
  }
  for (const penalty of record.penalties) {
    doc.addPage();
    penaltyNotice(doc, record, penalty);
    for (const exemption of penalty.exemptions) {
      doc.addPage();
      exemptionForm(doc, record, penalty, exemption);
    }
  }

  doc.addPage();
  heading(doc, '五、处理过程记录（取自审计记录）');
  for (const history of record.histories) {
    const name = PROCESS_NAMES[history.instance.processKey] ?? history.instance.processKey;
    paragraph(doc, `${name}流程　实例 ${history.instance.id}　第${history.instance.version ?? '?'}版　${STATUS_NAMES[history.instance.status] ?? history.instance.status}`, 9.5);
    grid(doc, ['行', '时间', '步骤', '动作', '操作人', '内容'], [0.05, 0.15, 0.19, 0.09, 0.15, 0.37],
      history.entries.map((entry) => [String(entry.seq), shortDateTime(entry.at), entry.elementName ?? '',
        ...summariseEntry(entry as AuditEntryLike, (u) => person(record, u), record.fieldLabels)]));
    doc.moveDown(0.5);
  }

  heading(doc, '六、审计校验结果');
  grid(doc, ['流程', '实例', '行数', '链头（最后一行及哈希）', '结果'], [0.12, 0.26, 0.07, 0.33, 0.22], record.verdicts.map((verdict) => {
    const history = record.histories.find((h) => h.instance.id === verdict.scope);
    return [
      PROCESS_NAMES[history?.instance.processKey ?? ''] ?? history?.instance.processKey ?? '',
      verdict.scope, String(verdict.checked),
      verdict.head ? `第${verdict.head.seq}行 ${verdict.head.hash}` : '无',
      verdict.ok ? '完整，未发现篡改' : verdict.problems.map((p) => p.message).join('；'),
    ];
  }));
  note(doc, record.anchor
    ? `最近一次每日锚定：${record.anchor.day}，覆盖${record.anchor.chains}条审计链，Merkle根 ${record.anchor.root}。可与另行存档的锚定记录（GET /audit/anchors/${record.anchor.day}）核对。`
    : '尚无每日锚定记录。');

  heading(doc, '七、罚款台账记录');
  if (record.ledger.length === 0) paragraph(doc, '本投诉无罚款台账记录。', 9.5);
  else {
    grid(doc, ['记账时间', '类型', '部门', '金额（元）', '绩效月份', '事由', '记账人'], [0.17, 0.09, 0.13, 0.1, 0.1, 0.28, 0.13],
      record.ledger.map((line) => [dateTime(line.createdAt), LEDGER_KINDS[line.kind] ?? line.kind, department(record, line.departmentCode),
        yuan(line.amountFen), line.payrollMonth, line.reason, person(record, line.createdBy)]));
    const net = record.ledger.reduce((sum, line) => sum + line.amountFen, 0);
    note(doc, `合计对绩效工资的影响：${yuan(net)} 元（负数为扣罚）。`);
  }

  heading(doc, '八、通知发送记录');
  if (record.notifications.length === 0) paragraph(doc, '本投诉的流程未发出通知。', 9.5);
  else {
    grid(doc, ['时间', '步骤', '渠道', '收件人', '主题', '结果'], [0.13, 0.15, 0.1, 0.2, 0.24, 0.18],
      record.notifications.map((message) => [shortDateTime(message.queuedAt), message.elementName ?? message.elementId ?? '',
        NOTIFICATION_CHANNEL_LABELS[message.channel] ?? message.channel, recipientLabel(message), message.subject, deliveryText(message)]));
  }
}

/** 已发送 11-23 09:05; 待发送（已尝试 2 次：last error）; 发送失败（8 次：last error）; 已读 11-23 09:06; 未读. */
function deliveryText(message: InstanceNotification): string {
  const error = message.lastError ? `：${message.lastError.slice(0, 80)}` : '';
  if (message.status === 'read') return `已读 ${message.readAt ? shortDateTime(message.readAt) : ''}`.trim();
  if (message.status === 'unread') return '未读';
  if (message.status === 'sent') return `已发送 ${message.sentAt ? shortDateTime(message.sentAt) : ''}`.trim();
  if (message.status === 'failed') return `发送失败（${message.attempts} 次${error}）`;
  return message.attempts > 0 ? `待发送（已尝试 ${message.attempts} 次${error}）` : '待发送';
}

function statusLabel(status: string): string {
  return COMPLAINT_STATUS_LABELS[status as ComplaintStatus] ?? status;
}

function label(text: string, width: number) {
  return { text, width, label: true };
}

function value(text: string, width: number) {
  return { text, width };
}

function limitText(due: Date | null, done: Date | null): string {
  if (!due) return '—';
  if (!done) return `${dateTime(due)}前（未完成）`;
  return `${dateTime(due)}前，${dateTime(done)}完成（${new Date(done).getTime() <= new Date(due).getTime() ? '按时' : '超时'}）`;
}

function verifySummary(record: DossierRecord): string {
  const broken = record.verdicts.filter((v) => !v.ok);
  const rows = record.verdicts.reduce((sum, v) => sum + v.checked, 0);
  return broken.length === 0
    ? `${record.verdicts.length}条审计链共${rows}行，全部完整，未发现删除或篡改。`
    : `发现问题：${broken.flatMap((v) => v.problems.map((p) => p.message)).join('；')}`;
}
