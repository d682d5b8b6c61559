import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertAmountWithinLimit, findDepartment, NotFoundError, payrollMonthOf, ValidationError } from '../../domain';
import { LedgerEntryRow } from '../../persistence/entities/penalties';
import { LedgerRepository } from '../../persistence/repositories/ledger-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { PenaltyRepository } from '../../persistence/repositories/penalty-repository';
import { Actor } from '../actor';
import { AppServices } from '../services';
import { LedgerEntryView, ledgerEntryView } from './penalty-views';

/** Groups that read the ledger and payroll adjustments: general affairs, company leaders, auditors. */
export const LEDGER_READERS = ['general-affairs', 'management-rep', 'division-leader', 'general-manager', 'auditor'] as const;
export const LEDGER_WRITERS = ['general-affairs'] as const;

export interface DepartmentAdjustment {
  departmentCode: string;
  /** Fines charged in the month (negative or 0). */
  finesFen: number;
  /** Refunds credited in the month (positive or 0). */
  refundsFen: number;
  correctionsFen: number;
  /** What the department's performance pay changes by. */
  netFen: number;
}

export interface PayrollAdjustments {
  payrollMonth: string;
  departments: DepartmentAdjustment[];
  netFen: number;
}

export interface CorrectionInput {
  departmentCode: string;
  amountFen: number;
  payrollMonth?: string;
  fineEntryId?: string;
  reason: string;
}

/** Reading the fine ledger, monthly payroll adjustments, and correcting by new entries (never edits). */
export class LedgerService {
  constructor(private readonly services: AppServices) {}

  list(filter: { month?: string; department?: string }): Promise<LedgerEntryView[]> {
    return this.services.db.read(async (manager) => {
      const rows = await new LedgerRepository(manager).list({ payrollMonth: filter.month, departmentCode: filter.department });
      return asViews(manager, rows);
    });
  }

  payrollAdjustments(month: string): Promise<PayrollAdjustments> {
    return this.services.db.read(async (manager) => {
      const totals = await new LedgerRepository(manager).monthlyTotals(month);
      const byDepartment = new Map<string, DepartmentAdjustment>();
      for (const { departmentCode, kind, amountFen } of totals) {
        const line = byDepartment.get(departmentCode)
          ?? { departmentCode, finesFen: 0, refundsFen: 0, correctionsFen: 0, netFen: 0 };
        if (kind === 'fine') line.finesFen += amountFen;
        else if (kind === 'refund') line.refundsFen += amountFen;
        else line.correctionsFen += amountFen;
        line.netFen += amountFen;
        byDepartment.set(departmentCode, line);
      }
      const departments = [...byDepartment.values()].sort((a, b) => a.departmentCode.localeCompare(b.departmentCode));
      return { payrollMonth: month, departments, netFen: departments.reduce((sum, d) => sum + d.netFen, 0) };
    });
  }

  /** A correction is a new signed entry; the entry it corrects stays as it was. */
  async correct(actor: Actor, input: CorrectionInput): Promise<LedgerEntryView> {
    const { policy, clock } = this.services;
    if (!findDepartment(policy, input.departmentCode)) {
      throw new ValidationError('Unknown department', [{ field: 'departmentCode', messages: [`${input.departmentCode} is not a department of the policy`] }]);
    }
    if (input.amountFen === 0) throw new ValidationError('A correction must change something', [{ field: 'amountFen', messages: ['must not be 0'] }]);
    assertAmountWithinLimit(policy, input.amountFen, 'amountFen');
    return this.services.db.transaction(async (manager) => {
      const ledger = new LedgerRepository(manager);
      const fine = input.fineEntryId ? await ledger.byId(input.fineEntryId) : null;
      if (input.fineEntryId && !fine) throw new NotFoundError(`No ledger entry ${input.fineEntryId}`, 'ledger_entry_not_found');
      const now = clock.now();
      const id = randomUUID();
      const row = await ledger.insertOnce(Object.assign(new LedgerEntryRow(), {
        id, entryKey: `correction:${id}`, kind: 'correction', departmentCode: input.departmentCode, amountFen: input.amountFen,
        payrollMonth: input.payrollMonth ?? payrollMonthOf(now), penaltyId: fine?.penaltyId ?? null, complaintNumber: fine?.complaintNumber ?? null,
        fineEntryId: fine?.id ?? null, reason: input.reason, createdAt: now, createdBy: actor.username,
      } satisfies LedgerEntryRow));
      const [view] = await asViews(manager, [row]);
      return view;
    });
  }
}

/** The entries as the API shows them, each with its penalty case's notice number and its author's name (one read of each for all of them). */
async function asViews(manager: EntityManager, rows: LedgerEntryRow[]): Promise<LedgerEntryView[]> {
  const notices = await new PenaltyRepository(manager).noticeNumbers(rows.flatMap((row) => (row.penaltyId ? [row.penaltyId] : [])));
  const names = await new IdentityRepository(manager).displayNamesOf(rows.map((row) => row.createdBy));
  return rows.map((row) => ledgerEntryView(row, notices.get(row.penaltyId ?? '') ?? null, names));
}
