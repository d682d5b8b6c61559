import type { Penalty } from './api/types';

/** Groups that see every penalty case (the server's PENALTY_READERS); anyone else sees their department's. */
export const PENALTY_READER_GROUPS = ['general-affairs', 'service-desk', 'dept-head', 'management-rep', 'division-leader', 'general-manager', 'auditor'] as const;

/** The server's PENALTY_STATUSES, in the order a case goes through them. */
export const PENALTY_STATUS_CODES = ['proposed', 'noticeIssued', 'executed', 'rejected', 'handedToCompany', 'exempted'] as const;

/** Penalty statuses (PENALTY_STATUSES) and exemption statuses (EXEMPTION_STATUSES) of the server. */
const STATUS: Record<string, string> = {
  proposed: '已立案', noticeIssued: '已发通知单', executed: '已执行（已扣罚）', rejected: '审核未通过', handedToCompany: '交公司处理',
  exempted: '非人为故障免责', investigating: '调查中', approved: '已批准', refused: '不得免责',
};

export function penaltyStatusLabel(status: string): string {
  return STATUS[status] ?? status;
}

/** The facts a penalty case was opened with (and the department's opinion refined), as clerks read them. */
export function penaltyFacts(penalty: Penalty, department: (code: string) => string): string[] {
  const f = penalty.facts;
  const lines: string[] = [];
  if (typeof f.description === 'string' && f.description) lines.push(f.description);
  if (typeof f.violations === 'number') lines.push(`违规 ${f.violations} 次`);
  if (typeof f.occurrences === 'number') lines.push(`发生 ${f.occurrences} 次`);
  if (typeof f.publisherDepartment === 'string' && f.publisherDepartment) lines.push(`发布部门：${department(f.publisherDepartment)}`);
  if (typeof f.receiverDepartment === 'string' && f.receiverDepartment) lines.push(`接收部门：${department(f.receiverDepartment)}`);
  if (typeof f.causedByPeople === 'boolean') lines.push(f.causedByPeople ? '人为责任' : '非人为故障');
  if (f.repeatAfterMeasuresPromised === true) lines.push('已承诺改进措施后再次发生');
  if (penalty.additionalBreach) lines.push('另一次违规（同一投诉、部门和类别已有处罚）');
  return lines;
}

/** Payroll months of ledger lines, e.g. 2026-11、2026-12. */
export function payrollMonths(lines: Array<{ payrollMonth: string }>): string {
  return [...new Set(lines.map((l) => l.payrollMonth))].join('、');
}

export function totalFen(lines: Array<{ amountFen: number }>): number {
  return lines.reduce((total, line) => total + Math.abs(line.amountFen), 0);
}
