import { ExemptionRow, LedgerEntryRow, PenaltyRow } from '../../persistence/entities/penalties';
import type { ExemptionView, LedgerEntryView, PenaltyView } from './penalty-view-types';

export type { ExemptionView, LedgerEntryView, OutageStatementView, PenaltyView } from './penalty-view-types';

export function ledgerEntryView(row: LedgerEntryRow, noticeNumber: string | null, names: ReadonlyMap<string, string>): LedgerEntryView {
  return {
    id: row.id, kind: row.kind, departmentCode: row.departmentCode, amountFen: row.amountFen, payrollMonth: row.payrollMonth,
    penaltyId: row.penaltyId, noticeNumber: row.penaltyId ? noticeNumber : null, complaintNumber: row.complaintNumber, fineEntryId: row.fineEntryId, reason: row.reason,
    createdAt: row.createdAt.toISOString(), createdBy: row.createdBy, createdByName: names.get(row.createdBy) ?? null,
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

export function penaltyView(row: PenaltyRow, entries: LedgerEntryRow[], exemptions: ExemptionRow[], names: ReadonlyMap<string, string>): PenaltyView {
  const people = peopleNamedInPenalty(row, entries, exemptions).flatMap((username) => {
    const name = names.get(username);
    return name ? [[username, name] as const] : [];
  });
  return {
    id: row.id, complaintNumber: row.complaintNumber, instanceId: row.instanceId, category: row.category, departmentCode: row.departmentCode,
    responsiblePerson: row.responsiblePerson, status: row.status, noticeNumber: row.noticeNumber, proposedBy: row.proposedBy,
    opinionBy: row.opinionBy, facts: row.facts, additionalBreach: row.additionalBreach,
    fine: { totalFen: row.totalFen, entries: entries.filter((e) => e.kind === 'fine').map((e) => ledgerEntryView(e, row.noticeNumber, names)) },
    outage: row.outageExplanation === null && row.outageConfirmed === null ? null : {
      explanation: row.outageExplanation, improvementMeasures: row.improvementMeasures, filedBy: row.outageFiledBy, confirmed: row.outageConfirmed,
      leaderComment: row.outageLeaderComment, decidedBy: row.outageDecidedBy, decidedAt: row.outageDecidedAt?.toISOString() ?? null,
    },
    exemptions: exemptions.map(exemptionView),
    refunds: entries.filter((e) => e.kind === 'refund').map((e) => ledgerEntryView(e, row.noticeNumber, names)),
    createdAt: row.createdAt.toISOString(),
    people: Object.fromEntries(people),
  };
}

/** Who a case names: whoever proposed it, gave the opinion, filed or decided an outage explanation, requested an exemption or booked a ledger line. */
export function peopleNamedInPenalty(row: PenaltyRow, entries: readonly LedgerEntryRow[], exemptions: readonly ExemptionRow[]): string[] {
  const named = [row.proposedBy, row.opinionBy, row.outageFiledBy, row.outageDecidedBy, ...exemptions.map((e) => e.requestedBy), ...entries.map((e) => e.createdBy)];
  return [...new Set(named.filter((username): username is string => !!username))];
}

/** The departments a case belongs to: its responsible department and every department its ledger lines charge or credit. */
export function departmentsOfPenalty(penalty: Pick<PenaltyRow, 'departmentCode'>, entries: ReadonlyArray<Pick<LedgerEntryRow, 'departmentCode'>>): string[] {
  return [...new Set([penalty.departmentCode, ...entries.map((e) => e.departmentCode)])];
}
