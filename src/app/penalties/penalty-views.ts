import { ExemptionRow, LedgerEntryRow, PenaltyRow } from '../../persistence/entities/penalties';
import type { ExemptionView, LedgerEntryView, PenaltyView } from './penalty-view-types';

export type { ExemptionView, LedgerEntryView, OutageStatementView, PenaltyView } from './penalty-view-types';

export function ledgerEntryView(row: LedgerEntryRow, noticeNumber: string | null): LedgerEntryView {
  return {
    id: row.id, kind: row.kind, departmentCode: row.departmentCode, amountFen: row.amountFen, payrollMonth: row.payrollMonth,
    penaltyId: row.penaltyId, noticeNumber: row.penaltyId ? noticeNumber : null, complaintNumber: row.complaintNumber, fineEntryId: row.fineEntryId, reason: row.reason,
    createdAt: row.createdAt.toISOString(), createdBy: row.createdBy,
  };
}

export function exemptionView(row: ExemptionRow): ExemptionView {
  return {
    id: row.id, departmentCode: row.departmentCode, requestedBy: row.requestedBy, status: row.status, reasons: row.reasons,
    outageExplanation: row.outageExplanation, improvementMeasures: row.improvementMeasures,
    generalAffairsOpinion: row.generalAffairsOpinion, serviceDeskOpinion: row.serviceDeskOpinion, leaderOpinion: row.leaderOpinion,
    managerOpinion: row.managerOpinion, decisionNote: row.decisionNote,
    decidedAt: row.decidedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}

export function penaltyView(row: PenaltyRow, entries: LedgerEntryRow[], exemptions: ExemptionRow[]): PenaltyView {
  return {
    id: row.id, complaintNumber: row.complaintNumber, instanceId: row.instanceId, category: row.category, departmentCode: row.departmentCode,
    responsiblePerson: row.responsiblePerson, status: row.status, noticeNumber: row.noticeNumber, proposedBy: row.proposedBy,
    opinionBy: row.opinionBy, facts: row.facts, additionalBreach: row.additionalBreach,
    fine: { totalFen: row.totalFen, entries: entries.filter((e) => e.kind === 'fine').map((e) => ledgerEntryView(e, row.noticeNumber)) },
    outage: row.outageExplanation === null && row.outageConfirmed === null ? null : {
      explanation: row.outageExplanation, improvementMeasures: row.improvementMeasures, filedBy: row.outageFiledBy, confirmed: row.outageConfirmed,
      leaderComment: row.outageLeaderComment, decidedBy: row.outageDecidedBy, decidedAt: row.outageDecidedAt?.toISOString() ?? null,
    },
    exemptions: exemptions.map(exemptionView),
    refunds: entries.filter((e) => e.kind === 'refund').map((e) => ledgerEntryView(e, row.noticeNumber)),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The departments a case belongs to: its responsible department and every department its ledger lines charge or credit. */
export function departmentsOfPenalty(penalty: Pick<PenaltyRow, 'departmentCode'>, entries: ReadonlyArray<Pick<LedgerEntryRow, 'departmentCode'>>): string[] {
  return [...new Set([penalty.departmentCode, ...entries.map((e) => e.departmentCode)])];
}
