import { And, EntityManager, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { ComplaintRow } from '../entities/complaint';
import { InstanceRow } from '../entities/engine';
import { LedgerEntryRow, PenaltyRow } from '../entities/penalties';

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

  async penaltiesOfComplaints(numbers: readonly string[]): Promise<PenaltyRow[]> {
    const rows: PenaltyRow[] = [];
    for (let start = 0; start < numbers.length; start += 500) {
      rows.push(...await this.manager.getRepository(PenaltyRow).find({
        where: { complaintNumber: In(numbers.slice(start, start + 500)) }, order: { createdAt: 'ASC', id: 'ASC' },
      }));
    }
    return rows;
  }

  async ledgerOfComplaints(numbers: readonly string[]): Promise<LedgerEntryRow[]> {
    const rows: LedgerEntryRow[] = [];
    for (let start = 0; start < numbers.length; start += 500) {
      rows.push(...await this.manager.getRepository(LedgerEntryRow).find({
        where: { complaintNumber: In(numbers.slice(start, start + 500)) }, order: { seq: 'ASC' },
      }));
    }
    return rows;
  }

  /** Fine ledger lines landing in a payroll month ('YYYY-MM'). */
  ledgerEntriesOfMonth(payrollMonth: string): Promise<LedgerEntryRow[]> {
    return this.manager.getRepository(LedgerEntryRow).find({ where: { payrollMonth }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
