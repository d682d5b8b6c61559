/** How the auditor pages print audit values: Chinese labels, Beijing time, money in yuan. */
import { AUDIT_REASON_TEXT } from '../../../../src/app/complaints/audit-reasons';
import { yuan } from '../../shared/format';

export { yuan };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `2026-11-23 18:05:09` in Asia/Shanghai (China has no daylight saving time, so a fixed offset is exact). */
export function beijingTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const shifted = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}


/** One audit value for a table cell. Field paths ending in `Fen` are money; ISO instants are shown in Beijing time. */
export function formatValue(path: string, value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && /fen$/i.test(path)) return yuan(value);
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return beijingTime(value);
  // A lifecycle step's recorded reason (an English key): its Chinese text, the key kept beside it.
  if (typeof value === 'string' && /(^|\.)reason$/.test(path) && value in AUDIT_REASON_TEXT) {
    return `${AUDIT_REASON_TEXT[value as keyof typeof AUDIT_REASON_TEXT]}（${value}）`;
  }
  if (typeof value === 'string') return value === '' ? '（空字符串）' : value;
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return '{}';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const ACTION_LABELS: Record<string, string> = {
  started: '流程启动',
  'task created': '生成待办',
  claimed: '认领',
  unclaimed: '退回待办池',
  assigned: '指派',
  completed: '完成',
  'timer scheduled': '计时器启动',
  'timer fired': '计时器触发',
  'timer cancelled': '计时器取消',
  'data changed': '数据变更',
  escalated: '升级督办',
  reminded: '催办提醒',
  reopened: '重新处理',
  'closure refused': '结案条件不满足',
  'service result': '系统处理结果',
  event: '事件',
  'fine assessed': '罚款核定',
  'fine executed': '罚款执行（绩效扣减）',
  'refund booked': '免责返还入账',
  'notification queued': '通知待发送',
  deploy: '流程部署',
  migrated: '迁移到其他版本',
  ended: '流程结束',
  terminated: '流程终止',
  cancelled: '取消',
  incident: '异常',
  'incident resolved': '异常已处理',
};

/** Who acted, for auditors: the display name with the username it signs in with (李强（ops1）); 系统 for the engine. */
export function actorLabel(actor: string | null, people: Record<string, string> | undefined): string {
  if (!actor) return '系统';
  const name = people?.[actor];
  return name && name !== actor ? `${name}（${actor}）` : actor;
}

/** The Chinese name of an audit action; unknown actions are shown as recorded. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const INSTANCE_STATUS_LABELS: Record<string, string> = {
  running: '进行中',
  end: '已结束',
  ended: '已结束',
  terminated: '已终止',
  error: '异常',
};

export function instanceStatusLabel(status: string): string {
  return INSTANCE_STATUS_LABELS[status] ?? status;
}

/** Field id → label of every `camunda:formField` in a diagram, so diffs can name the fields in Chinese. */
export function formFieldLabels(xml: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of xml.match(/<(?:\w+:)?formField\b[^>]*>/g) ?? []) {
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    const label = /\slabel="([^"]+)"/.exec(tag)?.[1];
    if (id && label && !(id in labels)) labels[id] = unescapeXml(label);
  }
  return { ...COMMON_FIELD_LABELS, ...labels };
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * Instance data the shipped processes carry besides their form fields (what they start with and what their service
 * steps write), named as the printed forms name them. test/processes/auditor-field-labels.test.ts keeps it complete.
 */
const COMMON_FIELD_LABELS: Record<string, string> = {
  businessKey: '业务编号',
  complaintNumber: '投诉编号',
  complaintId: '投诉记录标识',
  level: '投诉级别',
  origin: '来源',
  channel: '受理渠道',
  complex: '涉及多个部门',
  registeringDeptCode: '受理部门',
  departmentCode: '当前负责部门',
  receivedBy: '受理人',
  receivedAt: '受理时间',
  requestedReplyAt: '要求答复时间',
  status: '状态',
  severity: '严重程度',
  category: '类别',
  kind: '性质',
  responsibleDeptCode: '责任部门',
  handlerGroups: '处理组',
  responseDueAt: '响应时限',
  resolutionDueAt: '处理时限',
  handleDueAt: '处理时限',
  capaDueAt: '纠正预防措施时限',
  callbackDueAt: '回访时限',
  escalationLevel: '升级级别',
  reopenCount: '重新处理次数',
  closable: '满足结案条件',
  closeBlockedBy: '未满足的结案条件',
  amountFen: '金额',
  totalFen: '合计金额',
  payrollMonth: '绩效月份',
  dueAt: '到期时间',
  assignee: '处理人',
  candidateGroups: '候选组',
  recipients: '接收人',
  template: '通知模板',
  queued: '本次排队发送',
  reason: '原因',
  missing: '未满足的结案条件',
  // complaint lifecycle
  departmentName: '当前负责部门名称',
  handlerGroup: '处理岗位',
  isRepeat: '重复投诉',
  repeatOf: '重复于投诉',
  priority: '优先级',
  escalationGroup: '升级接收岗位',
  escalationGroupName: '升级接收岗位名称',
  escalationReasonText: '升级原因',
  escalationPossible: '可继续升级',
  responseStepDueAt: '当前响应时限',
  dispatchedAt: '派单时间',
  respondedAt: '首次响应时间',
  rootCauseMeetingAt: '原因分析会记录时间',
  resolvedAt: '解决时间',
  capaAt: '纠正预防措施记录时间',
  leaderFinalDecision: '分管领导已作最终批示',
  finalReplyAt: '最终答复时间',
  missingConditions: '未满足的结案条件（全部）',
  recordedOnly: '仅登记备案',
  closedAt: '结案时间',
  callbackAt: '回访时间',
  // penalty and exemption
  penaltyId: '处罚案件',
  exemptionId: '免责申请',
  responsiblePerson: '责任人',
  proposedBy: '处罚提出人',
  requestedBy: '免责申请人',
  penaltyStatus: '处罚状态',
  chargedDepartments: '被扣罚部门',
  fineFen: '部门罚款',
  fineLines: '各部门罚款',
  fineTotalFen: '罚款合计',
  fineTotalText: '罚款合计（文字）',
  finePayrollMonth: '罚款计入月份',
  handedToCompany: '已交公司处理',
  noticeNumber: '通知单号',
  noticeIssuedBy: '通知单填写人',
  outageCase: '系统故障案件',
  outageConfirmationNeeded: '需分管领导确认故障免责',
  outageFiledBy: '故障说明提交人',
  outageExempted: '故障免责',
  outageDecisionText: '故障免责决定',
  repeatAfterMeasuresPromised: '承诺整改后再次发生',
  exemptionOutcome: '免责结果',
  exemptionDecisionText: '免责决定',
  refundFen: '免责返还金额',
  refundText: '免责返还（文字）',
  refundPayrollMonth: '返还计入月份',
};
