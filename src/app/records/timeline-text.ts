export interface AuditEntryLike {
  action: string;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ACTIONS: Record<string, string> = {
  started: '启动', 'task created': '生成待办', claimed: '签收', unclaimed: '退回待办', completed: '完成', cancelled: '取消',
  'timer scheduled': '设定时限', 'timer fired': '超时触发', 'timer cancelled': '时限解除', 'service result': '系统处理',
  ended: '结束', terminated: '终止', escalated: '升级', event: '事件', 'data changed': '数据变更', 'fine assessed': '计算罚款',
};
const SYSTEM_ACTORS: Record<string, string> = { system: '系统', 'system:timer': '系统（定时）' };
const MAX_SUMMARY = 160;

/** [动作, 操作人, 内容] of a timeline row, in Chinese, the content shortened for print. */
export function summariseEntry(entry: AuditEntryLike, personOf: (username: string) => string): [string, string, string] {
  const actor = entry.actor ? SYSTEM_ACTORS[entry.actor] ?? personOf(entry.actor) : '';
  const shown = entry.action === 'started' ? {} : entry.after ?? {};
  const content = Object.entries(shown)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('；');
  return [ACTIONS[entry.action] ?? entry.action, actor, content.length > MAX_SUMMARY ? `${content.slice(0, MAX_SUMMARY - 1)}…` : content];
}
