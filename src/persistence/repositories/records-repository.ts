import { EntityManager, In } from 'typeorm';
import { InstanceRow } from '../entities/engine';
import { ExemptionRow, LedgerEntryRow, PenaltyRow } from '../entities/penalties';

/** Reads for the printed records (forms, dossier). */
export class RecordsRepository {
  constructor(private readonly manager: EntityManager) {}

  penaltiesOfComplaint(number: string): Promise<PenaltyRow[]> {
    return this.manager.getRepository(PenaltyRow).find({ where: { complaintNumber: number }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  penalty(id: string): Promise<PenaltyRow | null> {
    return this.manager.getRepository(PenaltyRow).findOne({ where: { id } });
  }

  exemption(id: string): Promise<ExemptionRow | null> {
    return this.manager.getRepository(ExemptionRow).findOne({ where: { id } });
  }

  exemptionsOf(penaltyIds: string[]): Promise<ExemptionRow[]> {
    if (penaltyIds.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(ExemptionRow).find({ where: { penaltyId: In(penaltyIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  ledgerOfComplaint(number: string): Promise<LedgerEntryRow[]> {
    return this.manager.getRepository(LedgerEntryRow).find({ where: { complaintNumber: number }, order: { seq: 'ASC' } });
  }

  async instanceData(id: string): Promise<Record<string, unknown>> {
    const row = await this.manager.getRepository(InstanceRow).findOne({ where: { id }, select: { id: true, data: true } });
    return row?.data ?? {};
  }
}
