import type { CompleteResult } from '../shared/api/types';

interface Labels {
  stepName(processKey: string, elementId: string, fallback?: string | null): string;
  roles(groups: readonly string[]): string;
  label(list: 'status', code: string | null | undefined): string;
}

/** What a clerk is told after completing a task: which step comes next and who has it. */
export function describeNextSteps(result: Pick<CompleteResult, 'next' | 'instanceEnded' | 'complaintStatus'>, processKey: string, labels: Labels, me: string): string[] {
  const lines: string[] = [];
  for (const next of result.next) {
    const step = labels.stepName(processKey, next.elementId, next.name);
    const who = next.assignee === me ? '您本人' : next.assignee ? `${next.assignee}` : labels.roles(next.candidateGroups) || '相关岗位';
    lines.push(`下一步：${step}，由 ${who} 处理`);
  }
  if (lines.length === 0) {
    lines.push(result.instanceEnded ? '流程已结束，无后续步骤。' : '流程正在等待其他步骤或时限，暂无新的待办。');
  }
  if (result.complaintStatus) lines.push(`投诉状态：${labels.label('status', result.complaintStatus)}`);
  return lines;
}
