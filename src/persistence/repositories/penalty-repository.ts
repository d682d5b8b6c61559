import { EntityManager } from 'typeorm';
import { ComplaintRow } from '../entities/complaint';
import { incrementCounter } from '../sequences';
import { DepartmentRow, UserRow } from '../entities/identity';
import { Brackets, In, Not } from 'typeorm';
import { ExemptionRow, ExemptionStatus, PenaltyIdempotencyRow, PenaltyRow } from '../entities/penalties';

/** The SLA columns of a complaint that penalties compute overdue days from. */
export type ComplaintDeadlines = Pick<ComplaintRow, 'number' | 'responseDueAt' | 'respondedAt' | 'resolutionDueAt' | 'resolvedAt' | 'complainantEmail'>;

/** Which penalty cases a list shows. */
export interface PenaltySearch {
  complaintNumber?: string;
  departmentCode?: string;
  status?: string;
  /** Only cases of this department or with a fine charged to it (the caller's own, for those outside the reviewing groups). */
  visibleToDepartment?: string;
}

/** Position in the newest-first list: the last case of the previous page. */
export interface PenaltyKeyset {
  createdAt: Date;
  id: string;
}

/** Penalty cases, exemption requests and notice numbers, bound to one unit of work. */
export class PenaltyRepository {
  constructor(private readonly manager: EntityManager) {}

  complaintDeadlines(number: string): Promise<ComplaintDeadlines | null> {
    return this.manager.findOne(ComplaintRow, {
      where: { number },
      select: { number: true, responseDueAt: true, respondedAt: true, resolutionDueAt: true, resolvedAt: true, complainantEmail: true },
    });
  }

  /**
   * On MySQL, locks the complaint's row until the transaction ends, so cases opened concurrently for one
   * complaint take turns (SQLite serialises writers anyway). False when there is no such complaint.
   */
  async lockComplaint(number: string): Promise<boolean> {
    const lock = this.manager.connection.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const row = await this.manager.findOne(ComplaintRow, { where: { number }, select: { id: true, number: true }, ...lock });
    return row !== null;
  }

  /** Cases of the complaint for the same department and category that were not rejected. */
  standingCases(complaintNumber: string, departmentCode: string, category: string): Promise<PenaltyRow[]> {
    return this.manager.find(PenaltyRow, {
      where: { complaintNumber, departmentCode, category, status: Not('rejected' as const) },
      order: { createdAt: 'ASC' },
    });
  }

  idempotentOpening(idempotencyKey: string, username: string): Promise<PenaltyIdempotencyRow | null> {
    return this.manager.findOneBy(PenaltyIdempotencyRow, { idempotencyKey, username });
  }

  /** Claims the key; fails with a unique violation when another request holds it. */
  async claimIdempotencyKey(row: PenaltyIdempotencyRow): Promise<void> {
    await this.manager.insert(PenaltyIdempotencyRow, row);
  }

  async completeIdempotentOpening(idempotencyKey: string, username: string, penaltyId: string): Promise<void> {
    await this.manager.update(PenaltyIdempotencyRow, { idempotencyKey, username }, { penaltyId });
  }

  async insertPenalty(row: PenaltyRow): Promise<void> {
    await this.manager.insert(PenaltyRow, row);
  }

  penaltyById(id: string): Promise<PenaltyRow | null> {
    return this.manager.findOneBy(PenaltyRow, { id });
  }

  /** Reads the penalty and, on MySQL, locks its row until the transaction ends (SQLite serialises writers anyway). */
  penaltyForUpdate(id: string): Promise<PenaltyRow | null> {
    if (this.manager.connection.options.type !== 'mysql') return this.penaltyById(id);
    return this.manager.findOne(PenaltyRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async requirePenalty(id: string): Promise<PenaltyRow> {
    const row = await this.penaltyById(id);
    if (!row) throw new Error(`Penalty ${id} of a running process is missing`);
    return row;
  }

  async updatePenalty(id: string, changes: Partial<Omit<PenaltyRow, 'id'>>): Promise<void> {
    await this.manager.update(PenaltyRow, { id }, changes);
  }

  async insertExemption(row: ExemptionRow): Promise<void> {
    await this.manager.insert(ExemptionRow, row);
  }

  exemptionById(id: string): Promise<ExemptionRow | null> {
    return this.manager.findOneBy(ExemptionRow, { id });
  }

  /** Newest first; `limit` rows after `after`. */
  searchPenalties(filter: PenaltySearch, after: PenaltyKeyset | null, limit: number): Promise<PenaltyRow[]> {
    const query = this.manager.createQueryBuilder(PenaltyRow, 'p');
    if (filter.complaintNumber !== undefined) query.andWhere('p.complaint_number = :complaintNumber', { complaintNumber: filter.complaintNumber });
    if (filter.departmentCode !== undefined) query.andWhere('p.department_code = :departmentCode', { departmentCode: filter.departmentCode });
    if (filter.status !== undefined) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.visibleToDepartment !== undefined) {
      query.andWhere(new Brackets((visible) => visible
        .where('p.department_code = :own', { own: filter.visibleToDepartment })
        // The case's department and every department a ledger line of it charges (departmentsOfPenalty, as reading one case).
        .orWhere('p.id IN (SELECT l.penalty_id FROM pen_ledger_entry l WHERE l.department_code = :own)')));
    }
    if (after) {
      query.andWhere(new Brackets((older) => older
        .where('p.created_at < :afterAt', { afterAt: after.createdAt })
        .orWhere('p.created_at = :afterAt AND p.id < :afterId', { afterId: after.id })));
    }
    return query.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
  }

  /** The notice numbers of several penalty cases (null where no notice was issued yet), by case id. */
  async noticeNumbers(penaltyIds: string[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(penaltyIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.manager.find(PenaltyRow, { select: { id: true, noticeNumber: true }, where: { id: In(ids) } });
    return new Map(rows.map((row) => [row.id, row.noticeNumber]));
  }

  exemptionsOfPenalties(penaltyIds: string[]): Promise<ExemptionRow[]> {
    if (penaltyIds.length === 0) return Promise.resolve([]);
    return this.manager.find(ExemptionRow, { where: { penaltyId: In(penaltyIds) }, order: { createdAt: 'ASC' } });
  }

  exemptionsOfPenalty(penaltyId: string): Promise<ExemptionRow[]> {
    return this.manager.find(ExemptionRow, { where: { penaltyId }, order: { createdAt: 'ASC' } });
  }

  async recordExemptionOpinions(id: string, opinions: Partial<Pick<ExemptionRow, 'generalAffairsOpinion' | 'serviceDeskOpinion' | 'leaderOpinion' | 'managerOpinion'>>): Promise<void> {
    await this.manager.update(ExemptionRow, { id }, opinions);
  }

  async decideExemption(id: string, status: ExemptionStatus, decidedAt: Date, note: string | null): Promise<void> {
    await this.manager.update(ExemptionRow, { id }, { status, decidedAt, decisionNote: note });
  }

  /**
   * Whether the department was already let off a system failure on the strength of improvement measures it
   * promised: a further failure is then a repeat and never exempt (003 4.3.2 e). Let off either by an approved
   * exemption request (readings.nonHumanOutage = fineThenExemption) or by the division leader's confirmation in
   * the penalty process (exemptOnConfirmation, penalty status `exempted`).
   */
  async measuresPromisedBefore(departmentCode: string, exceptPenaltyId: string): Promise<boolean> {
    const byExemption = await this.manager.createQueryBuilder(ExemptionRow, 'e')
      .innerJoin(PenaltyRow, 'p', 'p.id = e.penalty_id')
      .where('e.department_code = :departmentCode', { departmentCode })
      .andWhere('e.status = :approved', { approved: 'approved' })
      .andWhere('e.improvement_measures IS NOT NULL')
      .andWhere('p.category = :category', { category: 'systemAssurance' })
      .andWhere('p.id <> :exceptPenaltyId', { exceptPenaltyId })
      .getCount();
    if (byExemption > 0) return true;
    const byConfirmation = await this.manager.createQueryBuilder(PenaltyRow, 'p')
      .where('p.department_code = :departmentCode', { departmentCode })
      .andWhere('p.status = :exempted', { exempted: 'exempted' })
      .andWhere('p.improvement_measures IS NOT NULL')
      .andWhere('p.category = :category', { category: 'systemAssurance' })
      .andWhere('p.id <> :exceptPenaltyId', { exceptPenaltyId })
      .getCount();
    return byConfirmation > 0;
  }

  /** Next number of the year's sequence for the issuing department (gap-free, see incrementCounter). */
  nextNoticeSeq(year: number, departmentCode: string): Promise<number> {
    return incrementCounter(this.manager, { table: 'pen_notice_sequence', key: { year, department_code: departmentCode }, column: 'last_seq', firstValue: 1 });
  }

  /** Department code of a user, by username (the engine knows actors by username). */
  async departmentCodeOf(username: string): Promise<string | null> {
    const user = await this.manager.findOne(UserRow, { where: { username }, select: { id: true, departmentId: true } });
    if (!user) return null;
    const department = await this.manager.findOne(DepartmentRow, { where: { id: user.departmentId }, select: { id: true, code: true } });
    return department?.code ?? null;
  }
}
