import { ExemptionRow, LedgerEntryRow, PenaltyRow } from '../../persistence/entities/penalties';

export interface LedgerEntryView {
  id: string;
  kind: string;
  departmentCode: string;
  /** Signed from the department's pay: fines negative, refunds positive. */
  amountFen: number;
  payrollMonth: string;
  penaltyId: string | null;
  complaintNumber: string | null;
  fineEntryId: string | null;
  reason: string;
  createdAt: string;
  createdBy: string;
}

export interface ExemptionView {
  id: string;
  departmentCode: string;
  requestedBy: string;
  status: string;
  reasons: string;
  outageExplanation: string | null;
  improvementMeasures: string | null;
  generalAffairsOpinion: string | null;
  serviceDeskOpinion: string | null;
  leaderOpinion: string | null;
  managerOpinion: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/**
 * A system failure not caused by people (003 4.3.2 e, readings.nonHumanOutage = exemptOnConfirmation): the department's
 * outage explanation and improvement measures, and the division leader's decision (confirmed null while pending).
 */
export interface OutageStatementView {
  explanation: string | null;
  improvementMeasures: string | null;
  filedBy: string | null;
  confirmed: boolean | null;
  leaderComment: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface PenaltyView {
  id: string;
  complaintNumber: string;
  instanceId: string;
  category: string;
  departmentCode: string;
  responsiblePerson: string;
  status: string;
  noticeNumber: string | null;
  proposedBy: string;
  opinionBy: string | null;
  facts: Record<string, unknown>;
  /** Opened as a further, separate breach while another case for the same complaint, department and category stood. */
  additionalBreach: boolean;
  /** What was (or will be) charged: total and one ledger line per charged department once executed. */
  fine: { totalFen: number | null; entries: LedgerEntryView[] };
  /** Null unless an outage explanation was asked for (or filed) in the penalty process. */
  outage: OutageStatementView | null;
  exemptions: ExemptionView[];
  /** Refunds credited after approved exemptions. */
  refunds: LedgerEntryView[];
  createdAt: string;
}

export function ledgerEntryView(row: LedgerEntryRow): LedgerEntryView {
  return {
    id: row.id, kind: row.kind, departmentCode: row.departmentCode, amountFen: row.amountFen, payrollMonth: row.payrollMonth,
    penaltyId: row.penaltyId, complaintNumber: row.complaintNumber, fineEntryId: row.fineEntryId, reason: row.reason,
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
    fine: { totalFen: row.totalFen, entries: entries.filter((e) => e.kind === 'fine').map(ledgerEntryView) },
    outage: row.outageExplanation === null && row.outageConfirmed === null ? null : {
      explanation: row.outageExplanation, improvementMeasures: row.improvementMeasures, filedBy: row.outageFiledBy, confirmed: row.outageConfirmed,
      leaderComment: row.outageLeaderComment, decidedBy: row.outageDecidedBy, decidedAt: row.outageDecidedAt?.toISOString() ?? null,
    },
    exemptions: exemptions.map(exemptionView),
    refunds: entries.filter((e) => e.kind === 'refund').map(ledgerEntryView),
    createdAt: row.createdAt.toISOString(),
  };
}
