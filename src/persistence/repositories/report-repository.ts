import { And, EntityManager, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { ComplaintRow } from '../entities/complaint';
import { InstanceRow } from '../entities/engine';
import { LedgerEntryRow } from '../entities/penalties';

/** Reads for the monthly statistics. */
export class ReportRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Complaints received in [from, to). */
  complaintsReceived(from: Date, to: Date): Promise<ComplaintRow[]> {
    return this.manager.getRepository(ComplaintRow).find({
      where: { receivedAt: And(MoreThanOrEqual(from), LessThan(to)) },
      order: { receivedAt: 'ASC', number: 'ASC' },
    });
  }

  countReceived(from: Date, to: Date): Promise<number> {
    return this.manager.getRepository(ComplaintRow).count({ where: { receivedAt: And(MoreThanOrEqual(from), LessThan(to)) } });
  }

  /** The data of the given instances, by id. */
  async instanceData(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const data = new Map<string, Record<string, unknown>>();
    const CHUNK = 500;
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows = await this.manager.getRepository(InstanceRow).find({
        where: { id: In(ids.slice(start, start + CHUNK)) }, select: { id: true, data: true },
      });
      for (const row of rows) data.set(row.id, row.data ?? {});
    }
    return data;
  }

  /** Fine ledger lines landing in the payroll months ('YYYY-MM') given. */
  ledgerEntriesOfMonths(payrollMonths: string[]): Promise<LedgerEntryRow[]> {
    return this.manager.getRepository(LedgerEntryRow).find({ where: { payrollMonth: In(payrollMonths) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Fine ledger lines landing in a payroll month ('YYYY-MM'). */
  ledgerEntriesOfMonth(payrollMonth: string): Promise<LedgerEntryRow[]> {
    return this.manager.getRepository(LedgerEntryRow).find({ where: { payrollMonth }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
