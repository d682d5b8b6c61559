import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { LEDGER_READERS, LEDGER_WRITERS, LedgerService } from '../../app/penalties/ledger-service';
import { defineRoute, RouteDefinition } from '../routes';

const TAGS = ['ledger'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class LedgerQuery {
  /** Payroll month, YYYY-MM. */
  @IsOptional() @Matches(MONTH, { message: 'month must look like 2026-12' }) month?: string;
  /** Department code, e.g. YW. */
  @IsOptional() @Matches(/^[A-Z]{2,6}$/, { message: 'department must be a department code like YW' }) department?: string;
}

export class PayrollAdjustmentsQuery {
  @Matches(MONTH, { message: 'month must look like 2026-12' }) month: string;
}

/** Body of POST /ledger/corrections: a signed amount that adds to (or takes from) a department's pay. */
export class LedgerCorrectionBody {
  @Matches(/^[A-Z]{2,6}$/) departmentCode: string;
  /**
   * Signed fen: positive credits the department, negative charges it. At most the policy's maxAmountFen either
   * way (400 beyond it).
   */
  @IsInt() @NotEquals(0) @Min(-Number.MAX_SAFE_INTEGER) @Max(Number.MAX_SAFE_INTEGER) amountFen: number;
  @IsOptional() @Matches(MONTH, { message: 'payrollMonth must look like 2026-12' }) payrollMonth?: string;
  /** The ledger entry this corrects. */
  @IsOptional() @IsUUID() fineEntryId?: string;
  @IsString() @MinLength(2) @MaxLength(300) reason: string;
}

export function ledgerRoutes(ledger: LedgerService): RouteDefinition[] {
  return [
    defineRoute<undefined, LedgerQuery>({
      method: 'get',
      path: '/ledger',
      summary: 'Fine ledger entries (fines, refunds, corrections)',
      tags: TAGS,
      groups: LEDGER_READERS,
      query: LedgerQuery,
      response: { description: 'Entries, oldest first; amounts in signed fen' },
      handler: ({ query }) => ledger.list(query),
    }),
    defineRoute<undefined, PayrollAdjustmentsQuery>({
      method: 'get',
      path: '/payroll-adjustments',
      summary: 'Per department: fines charged, refunds credited and net change of the month\'s performance pay',
      tags: TAGS,
      groups: LEDGER_READERS,
      query: PayrollAdjustmentsQuery,
      response: { description: 'Adjustments of the payroll month' },
      handler: ({ query }) => ledger.payrollAdjustments(query.month),
    }),
    defineRoute<LedgerCorrectionBody>({
      method: 'post',
      path: '/ledger/corrections',
      summary: 'Correct the ledger with a new entry (entries are never changed or deleted)',
      tags: TAGS,
      groups: LEDGER_WRITERS,
      body: LedgerCorrectionBody,
      response: { status: 201, description: 'The correction entry' },
      errors: { 400: 'Unknown department, amount 0 or beyond the policy\'s maxAmountFen', 404: 'No such ledger entry' },
      handler: ({ actor, body }) => ledger.correct(actor, body),
    }),
  ];
}
