import { assertAmountWithinLimit, calculateFine, FieldError, FineInput, FineInputCategory, FineResult, Policy, ValidationError, WorkCalendar } from '../../domain';
import { ComplaintDeadlines } from '../../persistence/repositories/penalty-repository';


/** What the penalty's proposer and the department head state about the incident; which fields count depends on the category. */
export interface PenaltyFacts {
  violations?: number;
  occurrences?: number;
  publisherDepartment?: string | null;
  receiverDepartment?: string | null;
  causedByPeople?: boolean;
  /** The department had promised improvement measures after an earlier failure of the same kind. */
  repeatAfterMeasuresPromised?: boolean;
  /**
   * The division leader confirmed the outage explanation and improvement measures in the penalty process (003 4.3.2 e,
   * readings.nonHumanOutage = exemptOnConfirmation). Set by `penalty.outageDecision` only, never by the proposer.
   */
  outageExplanationConfirmed?: boolean;
  description?: string;
}

/**
 * Checks that the facts a category needs are there (400 with field messages otherwise). Overdue days are
 * never typed in: time-limit categories need the complaint's SLA deadline instead.
 */
type WorkOrderLimit = Policy['readings']['workOrderHandlingLimit'];

export function checkFacts(category: FineInputCategory, facts: PenaltyFacts, complaint: ComplaintDeadlines, limit: WorkOrderLimit = 'response'): void {
  const errors: FieldError[] = [];
  const need = (field: keyof PenaltyFacts, ok: boolean, message: string) => { if (!ok) errors.push({ field, messages: [message] }); };
  switch (category) {
    case 'serviceConduct':
      need('violations', isCount(facts.violations), 'is required for service conduct: a whole number from 1');
      break;
    case 'lateOutageNotice':
      need('occurrences', isCount(facts.occurrences), 'is required for a late outage notice: a whole number from 1');
      break;
    case 'informationFlow':
      need('publisherDepartment', !!facts.publisherDepartment || !!facts.receiverDepartment, 'or receiverDepartment must name the department at fault');
      break;
    case 'systemAssurance':
      need('causedByPeople', typeof facts.causedByPeople === 'boolean', 'is required for system assurance: true or false');
      break;
    case 'serviceTimeLimit':
      if (!complaint.resolutionDueAt) errors.push({ field: 'category', messages: [`complaint ${complaint.number} has no resolution deadline to be overdue against`] });
      break;
    case 'workOrderHandling':
      if (!(limit === 'resolution' ? complaint.resolutionDueAt : complaint.responseDueAt)) {
        errors.push({ field: 'category', messages: [`complaint ${complaint.number} has no ${limit} deadline to be overdue against`] });
      }
      break;
    case 'particularlySerious':
      break;
  }
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.field} ${e.messages[0]}`).join('; '), errors, 'invalid_penalty');
}

/** The domain input of calculateFine; `now` stands in for a deadline not yet met. */
export function fineInputFor(
  category: FineInputCategory, departmentCode: string, facts: PenaltyFacts, complaint: ComplaintDeadlines, now: Date, workOrderLimit: WorkOrderLimit = 'response',
): FineInput {
  checkFacts(category, facts, complaint, workOrderLimit);
  switch (category) {
    case 'serviceConduct':
      return { category, department: departmentCode, violations: facts.violations! };
    case 'lateOutageNotice':
      return { category, department: departmentCode, occurrences: facts.occurrences! };
    case 'informationFlow':
      return { category, publisher: facts.publisherDepartment || null, receiver: facts.receiverDepartment || null };
    case 'systemAssurance':
      // The outage explanation is confirmed by the division leader in the penalty process (readings.nonHumanOutage =
      // exemptOnConfirmation, penalty.outageDecision) or later, in an exemption request (fineThenExemption).
      return {
        category, department: departmentCode, causedByPeople: facts.causedByPeople!,
        outageExplanationConfirmed: facts.outageExplanationConfirmed === true, repeatAfterMeasuresPromised: facts.repeatAfterMeasuresPromised === true,
      };
    case 'serviceTimeLimit':
      return { category, department: departmentCode, dueAt: complaint.resolutionDueAt!, doneAt: complaint.resolvedAt ?? now };
    case 'workOrderHandling':
      // 003 4.3.2 d: measured against the response or the resolution limit (policy readings.workOrderHandlingLimit).
      return workOrderLimit === 'resolution'
        ? { category, department: departmentCode, dueAt: complaint.resolutionDueAt!, doneAt: complaint.resolvedAt ?? now }
        : { category, department: departmentCode, dueAt: complaint.responseDueAt!, doneAt: complaint.respondedAt ?? now };
    case 'particularlySerious':
      return { category, department: departmentCode };
  }
}

export function assessFine(policy: Policy, calendar: WorkCalendar, category: FineInputCategory, departmentCode: string,
  facts: PenaltyFacts, complaint: ComplaintDeadlines, now: Date): FineResult {
  const fine = calculateFine(policy, fineInputFor(category, departmentCode, facts, complaint, now, policy.readings?.workOrderHandlingLimit), calendar);
  assertAmountWithinLimit(policy, fine.totalFen, 'fineTotalFen');
  return fine;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
