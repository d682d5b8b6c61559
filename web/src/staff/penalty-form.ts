/** Who may open a penalty case (POST /complaints/:number/penalties). */
export const PENALTY_OPENER_GROUPS = ['service-desk', 'dept-head', 'general-affairs', 'management-rep'] as const;

/** The opening form of a penalty case (003 4.3.2) as the clerk fills it in. */
export interface PenaltyDraft {
  category: string;
  departmentCode: string;
  responsiblePerson: string;
  description: string;
  violations: number | null;
  occurrences: number | null;
  publisherDepartment: string;
  receiverDepartment: string;
  causedByPeople: boolean | null;
  repeatAfterMeasuresPromised: boolean;
}

export function emptyPenaltyDraft(): PenaltyDraft {
  return {
    category: '', departmentCode: '', responsiblePerson: '', description: '', violations: 1, occurrences: 1,
    publisherDepartment: '', receiverDepartment: '', causedByPeople: null, repeatAfterMeasuresPromised: false,
  };
}

/** The facts a category asks for besides department, person and description. */
export type PenaltyFact = 'violations' | 'occurrences' | 'departmentsAtFault' | 'systemFailure';

export function factsOfCategory(category: string): PenaltyFact[] {
  switch (category) {
    case 'serviceConduct': return ['violations'];
    case 'lateOutageNotice': return ['occurrences'];
    case 'informationFlow': return ['departmentsAtFault'];
    case 'systemAssurance': return ['systemFailure'];
    default: return []; // time limits count overdue days from the complaint; particularly serious goes to the company
  }
}

/** What the categories that count overdue days tell the clerk: nothing is typed in, the complaint's deadlines decide. */
export function categoryHint(category: string): string | null {
  if (category === 'serviceTimeLimit' || category === 'workOrderHandling') return '超期天数按投诉的处理时限自动计算，每超 1 天 200 元。';
  if (category === 'particularlySerious') return '情节特别严重的不自动罚款，交公司处理。';
  return null;
}

/** The request body: the draft's fields the category uses, and nothing else (the API refuses facts it does not expect). */
export function penaltyBody(draft: PenaltyDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    category: draft.category, departmentCode: draft.departmentCode, responsiblePerson: draft.responsiblePerson.trim(),
  };
  if (draft.description.trim()) body.description = draft.description.trim();
  const facts = factsOfCategory(draft.category);
  if (facts.includes('violations')) body.violations = draft.violations;
  if (facts.includes('occurrences')) body.occurrences = draft.occurrences;
  if (facts.includes('departmentsAtFault')) {
    if (draft.publisherDepartment) body.publisherDepartment = draft.publisherDepartment;
    if (draft.receiverDepartment) body.receiverDepartment = draft.receiverDepartment;
  }
  if (facts.includes('systemFailure')) {
    if (draft.causedByPeople !== null) body.causedByPeople = draft.causedByPeople;
    if (draft.repeatAfterMeasuresPromised) body.repeatAfterMeasuresPromised = true;
  }
  return body;
}

/** Whether the case's fine is charged to the department. */
export function isFined(penalty: { fine: { entries: Array<{ departmentCode: string }> } }, departmentCode: string | undefined): boolean {
  return !!departmentCode && penalty.fine.entries.some((e) => e.departmentCode === departmentCode);
}

/** Whether someone of `departmentCode` may request exemption from the case now: an executed fine charged to the department, none pending or approved. */
export function mayRequestExemption(penalty: { status: string; fine: { entries: Array<{ departmentCode: string }> }; exemptions: Array<{ departmentCode: string; status: string }> }, departmentCode: string | undefined): boolean {
  if (penalty.status !== 'executed' || !isFined(penalty, departmentCode)) return false;
  return !penalty.exemptions.some((e) => e.departmentCode === departmentCode && (e.status === 'investigating' || e.status === 'approved'));
}

/** A system failure nobody caused needs the outage explanation and improvement measures with the request. */
export function exemptionNeedsOutageStatement(penalty: { category: string; facts: Record<string, unknown> }): boolean {
  return penalty.category === 'systemAssurance' && penalty.facts.causedByPeople === false;
}
