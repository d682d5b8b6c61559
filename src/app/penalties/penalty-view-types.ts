/** What the API answers about penalty cases, exemption requests and the fine ledger (no imports: the console reads these types too). */

export interface LedgerEntryView {
  id: string;
  kind: string;
  departmentCode: string;
  /** Signed from the department's pay: fines negative, refunds positive. */
  amountFen: number;
  payrollMonth: string;
  penaltyId: string | null;
  /** The penalty case's notice number (处罚通知单编号): null for entries of no case, or while the notice is not issued. */
  noticeNumber: string | null;
  complaintNumber: string | null;
  fineEntryId: string | null;
  reason: string;
  createdAt: string;
  createdBy: string;
  /** The display name of `createdBy`; null when no user has that name (the engine, a removed account). */
  createdByName: string | null;
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
  /** Display names of the people the case names (who proposed, gave an opinion, filed, decided, requested), by username. */
  people: Record<string, string>;
}
