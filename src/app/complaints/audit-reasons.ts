/**
 * Why the lifecycle's service steps escalated, reminded or reopened a complaint. The audit trail records the English
 * key (data stays stable and greppable); the printed dossier shows the Chinese text.
 */
export const AUDIT_REASON_TEXT = {
  'repeat complaint': '同一问题重复投诉',
  'possible major impact': '可能引发重大影响',
  'first response overdue': '首次响应超时',
  'resolution overdue': '处理超时未解决',
  'inquiry not answered in time': '咨询超时未答复',
  'corrective and preventive action record overdue': '纠正和预防措施记录逾期',
  'callback overdue': '回访逾期',
  'customer dissatisfied': '客户不满意',
} as const;

export type AuditReason = keyof typeof AUDIT_REASON_TEXT;

/** The Chinese text of a recorded reason; an unknown one as recorded. */
export function auditReasonText(reason: unknown): string {
  return typeof reason === 'string' ? (AUDIT_REASON_TEXT as Record<string, string>)[reason] ?? reason : '';
}
