/** Who reads the fine ledger and the monthly pay adjustments (the server's LEDGER_READERS, without the auditors' own area). */
export const PAYROLL_READER_GROUPS = ['general-affairs', 'management-rep', 'division-leader', 'general-manager'] as const;
/** Who books corrections (the server's LEDGER_WRITERS). */
export const LEDGER_WRITER_GROUPS = ['general-affairs'] as const;

export const LEDGER_KIND_LABELS: Readonly<Record<string, string>> = { fine: '罚款', refund: '免责返还', correction: '更正' };

/** A correction as general affairs enters it: a direction and an amount in yuan; the API wants signed fen. */
export function correctionFen(direction: 'charge' | 'credit', yuan: number): number {
  const fen = Math.round(yuan * 100);
  return direction === 'charge' ? -fen : fen;
}

export interface PayrollAdjustments {
  payrollMonth: string;
  departments: Array<{ departmentCode: string; finesFen: number; refundsFen: number; correctionsFen: number; netFen: number }>;
  netFen: number;
}
