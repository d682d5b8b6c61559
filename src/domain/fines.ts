import { WorkCalendar, shanghaiDate } from './calendar';
import { ValidationError } from './errors';
import { Fen, assertFen, formatFen, percentOf } from './money';
import { CATEGORY_LABELS } from './complaint';
import { Policy, findDepartment } from './policy';
import { overdueDays } from './sla';

/** What happened, per penalty category of 003 4.3.2. Departments are policy department codes (e.g. "YW"). */
export type FineInput =
  | { category: 'serviceConduct'; department: string; violations: number }
  | { category: 'serviceTimeLimit'; department: string; dueAt: Date; doneAt: Date }
  | {
      category: 'informationFlow';
      /** Charged when it notified late, incompletely or misjudged the impact; null if not at fault. */
      publisher: string | null;
      /** Charged when it did not act on the notice in time; null if not at fault. */
      receiver: string | null;
    }
  | { category: 'workOrderHandling'; department: string; dueAt: Date; doneAt: Date }
  | {
      category: 'systemAssurance';
      department: string;
      causedByPeople: boolean;
      outageExplanationConfirmed: boolean;
      repeatAfterMeasuresPromised: boolean;
    }
  | { category: 'lateOutageNotice'; department: string; occurrences: number }
  /** 情节特别严重: no fine is computed, the case goes to the company. */
  | { category: 'particularlySerious'; department: string | null };

export type FineInputCategory = FineInput['category'];

/** Every category a penalty can be proposed under (003 4.3.2), including the one handed to the company. */
export const PENALTY_CATEGORIES: readonly FineInputCategory[] = [
  'serviceConduct', 'serviceTimeLimit', 'informationFlow', 'workOrderHandling', 'systemAssurance', 'lateOutageNotice', 'particularlySerious',
];

/** Categories shared with complaints keep the complaint category's label (003 4.3.2 names them alike). */
export const PENALTY_CATEGORY_LABELS: Readonly<Record<FineInputCategory, string>> = {
  serviceConduct: CATEGORY_LABELS.serviceConduct,
  serviceTimeLimit: CATEGORY_LABELS.serviceTimeLimit,
  informationFlow: CATEGORY_LABELS.informationFlow,
  workOrderHandling: CATEGORY_LABELS.workOrderHandling,
  systemAssurance: CATEGORY_LABELS.systemAssurance,
  lateOutageNotice: '故障通知不及时',
  particularlySerious: '情节特别严重',
};

/** The payroll month ('YYYY-MM', Asia/Shanghai) an entry made at `at` belongs to. */
export function payrollMonthOf(at: Date): string {
  return shanghaiDate(at).slice(0, 7);
}

export interface FineLine {
  department: string;
  amountFen: Fen;
  reason: string;
}

export interface FineResult {
  lines: FineLine[];
  totalFen: Fen;
  handedToCompany: boolean;
}

/**
 * The fine for one incident (003 4.3.2), one line per charged department. `calendar` is only used to
 * count days overdue; its default is built from the policy.
 */
export function calculateFine(policy: Policy, input: FineInput, calendar: WorkCalendar = new WorkCalendar(policy.calendar)): FineResult {
  const fines = policy.finesFen;
  const lines: FineLine[] = [];
  const charge = (department: string, units: number, unitFen: Fen, reason: string): void => {
    requireDepartment(policy, department);
    if (units > 0) lines.push({ department, amountFen: units * unitFen, reason: `${reason}（${units} × ${formatFen(unitFen)}）` });
  };

  switch (input.category) {
    case 'serviceConduct':
      charge(input.department, requireCount(input.violations, 'violations'), fines.serviceConduct, `服务规范违规 ${input.violations} 次`);
      break;
    case 'serviceTimeLimit': {
      const days = overdueDays(input.dueAt, input.doneAt, calendar, policy.readings?.overdueDays);
      charge(input.department, days, fines.serviceTimeLimit, `超过服务时限 ${days} 天`);
      break;
    }
    case 'informationFlow':
      if (input.publisher === null && input.receiver === null) {
        throw invalid('publisher', 'or receiver must name the department at fault');
      }
      if (input.publisher !== null) charge(input.publisher, 1, fines.informationFlow, '信息发布部门通知不及时、内容不全或评估影响失误');
      if (input.receiver !== null) charge(input.receiver, 1, fines.informationFlow, '信息接收部门执行不及时');
      break;
    case 'workOrderHandling': {
      const days = overdueDays(input.dueAt, input.doneAt, calendar, policy.readings?.overdueDays);
      charge(input.department, days, fines.workOrderHandling, `工单信息未按时处理流转，超期 ${days} 天`);
      break;
    }
    case 'systemAssurance':
      if (input.causedByPeople) {
        charge(input.department, 1, fines.systemAssurance, '系统故障，人为责任');
      } else if (!exemptionAllowed(input)) {
        const why = input.repeatAfterMeasuresPromised ? '改进措施落实不力导致故障再次发生' : '未提交经分管领导确认的故障情况说明和改进措施';
        charge(input.department, 1, fines.systemAssurance, `系统故障，非人为责任但不予免责：${why}`);
      } else {
        requireDepartment(policy, input.department);
      }
      break;
    case 'lateOutageNotice':
      charge(input.department, requireCount(input.occurrences, 'occurrences'), fines.lateOutageNotice, `系统故障后未在规定时间内通知客户服务部 ${input.occurrences} 次`);
      break;
    case 'particularlySerious':
      if (input.department !== null) requireDepartment(policy, input.department);
      return { lines: [], totalFen: 0, handedToCompany: true };
  }

  const totalFen = lines.reduce((sum, line) => sum + line.amountFen, 0);
  assertFen(totalFen, 'totalFen');
  return { lines, totalFen, handedToCompany: false };
}

/**
 * A system failure is fine-free only when nobody caused it, the department's outage explanation and
 * improvement measures were confirmed by the division leader, and it is not a repeat after measures
 * had been promised (003 4.3.2 e). Not to be confused with the exemption request of 003 4.3.6 (refundFor).
 */
export function exemptionAllowed(facts: { causedByPeople: boolean; outageExplanationConfirmed: boolean; repeatAfterMeasuresPromised: boolean }): boolean {
  return !facts.causedByPeople && facts.outageExplanationConfirmed && !facts.repeatAfterMeasuresPromised;
}

export interface Refund {
  amountFen: Fen;
  /** 'YYYY-MM' of the performance pay that carries the refund. */
  payrollMonth: string;
}

/**
 * An approved exemption request (免责申请, 003 4.3.6) returns `refundPercent` % of the fine in the
 * performance pay of the month after approval, in Shanghai time: approved 2026-11-30 23:30 (Shanghai)
 * → '2026-12'; approved in December → January of the next year.
 */
export function refundFor(fineFen: Fen, approvedAt: Date, policy: Policy): Refund {
  assertFen(fineFen, 'fineFen');
  if (fineFen < 0) throw invalid('fineFen', 'must not be negative');
  const [year, month] = shanghaiDate(approvedAt).split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + policy.exemption.payrollMonthsAfterApproval;
  const payrollMonth = `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
  return { amountFen: percentOf(fineFen, policy.exemption.refundPercent), payrollMonth };
}

function requireDepartment(policy: Policy, code: string): void {
  if (!findDepartment(policy, code)) throw invalid('department', `${JSON.stringify(code)} is not a department of the policy`);
}

function requireCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw invalid(field, `must be a whole number from 1, got ${value}`);
  return value;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, [{ field, messages: [message] }], 'invalid_fine');
}
