import { EntityManager, In } from 'typeorm';
import { LedgerEntryRow, LedgerKind } from '../entities/penalties';

export interface LedgerFilter {
  payrollMonth?: string;
  departmentCode?: string;
  penaltyId?: string;
}

export interface MonthlyTotals {
  departmentCode: string;
  kind: LedgerKind;
  amountFen: number;
}

/** The fine ledger: insert and read only. There is deliberately no update or delete. */
export class LedgerRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts the entry unless one with the same entry key exists; returns the entry that holds the key. */
  async insertOnce(row: LedgerEntryRow): Promise<LedgerEntryRow> {
    await this.manager.createQueryBuilder().insert().into(LedgerEntryRow).values(row).orIgnore().execute();
    return this.manager.findOneByOrFail(LedgerEntryRow, { entryKey: row.entryKey });
  }

  byId(id: string): Promise<LedgerEntryRow | null> {
    return this.manager.findOneBy(LedgerEntryRow, { id });
  }

  list(filter: LedgerFilter): Promise<LedgerEntryRow[]> {
    const where: Record<string, string> = {};
    if (filter.payrollMonth) where.payrollMonth = filter.payrollMonth;
    if (filter.departmentCode) where.departmentCode = filter.departmentCode;
    if (filter.penaltyId) where.penaltyId = filter.penaltyId;
    return this.manager.find(LedgerEntryRow, { where, order: { seq: 'ASC' } });
  }

  /** The entries of several penalties at once, in ledger order. */
  ofPenalties(penaltyIds: string[]): Promise<LedgerEntryRow[]> {
    if (penaltyIds.length === 0) return Promise.resolve([]);
    return this.manager.find(LedgerEntryRow, { where: { penaltyId: In(penaltyIds) }, order: { seq: 'ASC' } });
  }

  async monthlyTotals(payrollMonth: string): Promise<MonthlyTotals[]> {
    const rows = await this.manager.createQueryBuilder(LedgerEntryRow, 'l')
      .select('l.department_code', 'departmentCode')
      .addSelect('l.kind', 'kind')
      .addSelect('SUM(l.amount_fen)', 'amountFen')
      .where('l.payroll_month = :payrollMonth', { payrollMonth })
      .groupBy('l.department_code')
      .addGroupBy('l.kind')
      .getRawMany<{ departmentCode: string; kind: LedgerKind; amountFen: string | number }>();
    return rows.map((r) => ({ departmentCode: r.departmentCode, kind: r.kind, amountFen: Number(r.amountFen) }));
  }
}
