import type { ComplaintOutcome } from './complaint-outcome';

// The complaint as the API answers it. No imports but types without imports: the console reads these types too.

/** A waiting user task of the complaint's process. */
export interface ComplaintStep {
  taskId: string;
  elementId: string;
  name: string | null;
  candidateGroups: string[];
  assignee: string | null;
  dueAt: string | null;
}

/** What the API shows of a complaint: the registration form, where it stands, its deadlines and time left. */
export interface ComplaintView {
  number: string;
  kind: string;
  status: string;
  complainant: { name: string; organisation: string | null; address: string | null; phone: string | null; email: string | null };
  channel: string;
  origin: string;
  level: string;
  category: string;
  severity: string;
  complex: boolean;
  content: string;
  customerDemand: string | null;
  requestedReplyAt: string | null;
  evidence: string[];
  receivedBy: string;
  receivedAt: string;
  registeringDeptCode: string;
  responsibleDeptCode: string | null;
  handlerGroup: string | null;
  /** Place in the monthly statistics (表四), chosen at dispatch, e.g. `broadband.drops`. */
  reportGroup: string | null;
  instanceId: string | null;
  currentStep: string | null;
  currentSteps: ComplaintStep[];
  deadlines: {
    responseDueAt: string | null;
    resolutionDueAt: string | null;
    capaDueAt: string | null;
    callbackDueAt: string | null;
  };
  /** Milliseconds left for each deadline not met yet (negative once overdue); null once met or not set. */
  timeLeftMs: { response: number | null; resolution: number | null; capa: number | null; callback: number | null };
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  callbackAt: string | null;
  satisfaction: string | null;
  leaderDecision: string | null;
  reopenCount: number;
  escalationLevel: number;
  isRepeat: boolean;
  repeatOf: string | null;
  /** Handling outcome facts (CAPA record and review, root cause, final reply, timeliness) for reports and the yearly summary. */
  outcome: ComplaintOutcome;
}

/** One complaint as `GET /complaints/:number` answers it: with the display names of the people it names. */
export interface ComplaintDetail extends ComplaintView {
  /** By username: who registered it, who reviewed its CAPA record, who holds its waiting steps. */
  people: Record<string, string>;
}
