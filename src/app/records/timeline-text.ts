import { CANDIDATE_GROUP_LABELS, CLOSURE_CONDITION_LABELS } from '../../domain';
import { auditReasonText } from '../complaints/audit-reasons';
import { dateTime, yuan } from './record-text';

export interface AuditEntryLike {
  action: string;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Field id → label (and enum value id → name) from the forms of the diagrams, for printing form data. */
export interface FieldLabels {
  labels: ReadonlyMap<string, string>;
  values: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const ACTIONS: Record<string, string> = {
  started: '启动', 'task created': '生成待办', claimed: '签收', assigned: '指派', unclaimed: '退回待办', completed: '完成', cancelled: '取消',
  'timer scheduled': '设定时限', 'timer fired': '超时触发', 'timer cancelled': '时限解除', 'service result': '系统处理',
  ended: '结束', terminated: '终止', escalated: '升级', event: '事件', 'data changed': '数据变更', 'fine assessed': '计算罚款',
  migrated: '版本迁移', 'notification queued': '发送通知', reminded: '催办', reopened: '重新处理', 'closure refused': '不予结案',
  'fine executed': '罚款执行', 'refund booked': '返还入账', incident: '异常', 'incident resolved': '异常已处理',
};
const SYSTEM_ACTORS: Record<string, string> = { system: '系统', 'system:timer': '系统（定时）' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_SUMMARY = 200;

/** [动作, 操作人, 内容] of a timeline row in Chinese: form data under its labels, instants in Asia/Shanghai. */
export function summariseEntry(entry: AuditEntryLike, personOf: (username: string) => string, fields: FieldLabels): [string, string, string] {
  const actor = entry.actor ? SYSTEM_ACTORS[entry.actor] ?? personOf(entry.actor) : '';
  const after = entry.after ?? {};
  let content = '';
  switch (entry.action) {
    case 'task created':
      content = after.dueDate ? `办理期限 ${dateTime(String(after.dueDate))}` : '';
      break;
    case 'timer scheduled':
      content = after.dueAt ? `到期 ${dateTime(String(after.dueAt))}` : '';
      break;
    case 'assigned':
      content = after.assignee ? `指派给 ${personOf(String(after.assignee))}` : '';
      break;
    case 'claimed':
    case 'unclaimed':
    case 'started':
    case 'service result':
      content = '';
      break;
    case 'migrated':
      content = typeof entry.before?.version === 'number' && typeof after.version === 'number' ? `版本 ${entry.before.version} → 版本 ${after.version}` : '';
      break;
    case 'fine assessed':
      content = typeof after.totalFen === 'number' ? `罚款 ${yuan(after.totalFen)} 元` : '';
      break;
    case 'escalated':
      content = [
        typeof after.escalationLevel === 'number' ? `升至第 ${after.escalationLevel} 级` : '',
        typeof after.escalationGroup === 'string' ? `（${roleLabel(after.escalationGroup)}）` : '',
        after.reason ? `：${auditReasonText(after.reason)}` : '',
      ].join('');
      break;
    case 'reminded':
      content = [auditReasonText(after.reason), ...['capaDueAt', 'callbackDueAt'].filter((key) => after[key]).map((key) => `期限 ${dateTime(String(after[key]))}`)]
        .filter(Boolean).join('；');
      break;
    case 'reopened':
      content = `${typeof after.reopenCount === 'number' ? `第 ${after.reopenCount} 次；` : ''}${auditReasonText(after.reason)}`;
      break;
    case 'closure refused':
      content = Array.isArray(after.missing)
        ? `尚未满足：${after.missing.map((condition) => (CLOSURE_CONDITION_LABELS as Record<string, string>)[String(condition)] ?? String(condition)).join('；')}` : '';
      break;
    case 'notification queued':
      content = Array.isArray(after.recipients) && after.recipients.length > 0
        ? `发往 ${after.recipients.map(String).join('、')}${after.queued === 0 ? '（此前已发，未重发）' : ''}` : '无收件人';
      break;
    case 'fine executed':
      content = after.payrollMonth ? `计入 ${String(after.payrollMonth)} 绩效扣减` : '';
      break;
    case 'refund booked':
      content = typeof after.amountFen === 'number' ? `返还 ${yuan(after.amountFen)} 元${after.payrollMonth ? `，计入 ${String(after.payrollMonth)}` : ''}` : '';
      break;
    case 'event':
      content = '';
      break;
    default:
      content = Object.entries(after)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([key, v]) => `${fields.labels.get(key) ?? key}：${valueText(key, v, fields)}`)
        .join('；');
  }
  return [ACTIONS[entry.action] ?? entry.action, actor, content.length > MAX_SUMMARY ? `${content.slice(0, MAX_SUMMARY - 1)}…` : content];
}

function roleLabel(group: string): string {
  return (CANDIDATE_GROUP_LABELS as Record<string, string>)[group] ?? group;
}

function valueText(key: string, value: unknown, fields: FieldLabels): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && ISO.test(value)) return dateTime(value);
  if (typeof value === 'string') return fields.values.get(key)?.get(value) ?? value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
