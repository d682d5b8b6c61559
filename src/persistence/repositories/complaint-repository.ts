import { Between, EntityManager, FindOptionsWhere, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { ComplaintIdempotencyRow, ComplaintRow, ComplaintSequenceRow } from '../entities/complaint';

export interface ComplaintFilter {
  status?: string;
  kind?: string;
  severity?: string;
  category?: string;
  /** Responsible department code. */
  department?: string;
  /** Only complaints routed to one of these departments (department staff see their own). */
  visibleToDepartments?: string[];
  receivedFrom?: Date;
  receivedTo?: Date;
}

export interface Page {
  offset: number;
  limit: number;
}

/** Data access for complaints, their number sequences and idempotent registrations, bound to one unit of work. */
export class ComplaintRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The unit of work this repository is bound to. */
  get entityManager(): EntityManager {
    return this.manager;
  }

  private get mysql(): boolean {
    return this.manager.connection.options.type === 'mysql';
  }

  /**
   * Creates the sequence row of a department and year if it is missing. Run it in its own short transaction
   * before allocating: concurrent inserts of the same new key inside longer transactions deadlock on MySQL.
   */
  async ensureSequence(deptCode: string, year: number): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(ComplaintSequenceRow)
      .values({ deptCode, year, nextSeq: 1 }).orIgnore().execute();
  }

  /**
   * Takes the next sequence number of a department and year (the row must exist, see ensureSequence). The row
   * stays locked (MySQL: SELECT … FOR UPDATE; SQLite: the single writer) until the transaction ends, so numbers
   * are gap-free: a rolled-back registration gives its number back. Null when the row does not exist yet.
   */
  async allocateSequence(deptCode: string, year: number): Promise<number | null> {
    const row = await this.manager.findOne(ComplaintSequenceRow, {
      where: { deptCode, year },
      ...(this.mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    await this.manager.update(ComplaintSequenceRow, { deptCode, year }, { nextSeq: row.nextSeq + 1 });
    return row.nextSeq;
  }

  async insert(row: ComplaintRow): Promise<void> {
    await this.manager.insert(ComplaintRow, row);
  }

  byNumber(number: string): Promise<ComplaintRow | null> {
    return this.manager.findOneBy(ComplaintRow, { number });
  }

  /** The complaints with these numbers (absent numbers are left out): one indexed query for a page of tasks. */
  byNumbers(numbers: string[]): Promise<ComplaintRow[]> {
    const unique = [...new Set(numbers)];
    return unique.length === 0 ? Promise.resolve([]) : this.manager.findBy(ComplaintRow, { number: In(unique) });
  }

  byInstanceId(instanceId: string): Promise<ComplaintRow | null> {
    return this.manager.findOneBy(ComplaintRow, { instanceId });
  }

  async update(id: string, patch: Partial<Omit<ComplaintRow, 'id' | 'number'>>, at: Date): Promise<void> {
    await this.manager.update(ComplaintRow, { id }, { ...patch, updatedAt: at });
  }

  /** Earlier complaints of the same complainant in the same category received in [since, before]. */
  earlierOfSameComplainant(complainantKey: string, category: string, since: Date, before: Date, excludeId: string): Promise<ComplaintRow[]> {
    return this.manager.find(ComplaintRow, {
      where: { complainantKey, category, receivedAt: Between(since, before) },
      order: { receivedAt: 'DESC' },
    }).then((rows) => rows.filter((row) => row.id !== excludeId));
  }

  async list(filter: ComplaintFilter, page: Page): Promise<{ rows: ComplaintRow[]; total: number }> {
    const where: FindOptionsWhere<ComplaintRow> = {};
    if (filter.status) where.status = filter.status as ComplaintRow['status'];
    if (filter.kind) where.kind = filter.kind;
    if (filter.severity) where.severity = filter.severity;
    if (filter.category) where.category = filter.category;
    if (filter.department) where.responsibleDeptCode = filter.department;
    if (filter.receivedFrom && filter.receivedTo) where.receivedAt = Between(filter.receivedFrom, filter.receivedTo);
    else if (filter.receivedFrom) where.receivedAt = MoreThanOrEqual(filter.receivedFrom);
    else if (filter.receivedTo) where.receivedAt = LessThanOrEqual(filter.receivedTo);
    if (filter.visibleToDepartments) {
      const allowed = filter.visibleToDepartments.filter((code) => !filter.department || code === filter.department);
      if (allowed.length === 0) return { rows: [], total: 0 };
      where.responsibleDeptCode = In(allowed);
    }
    const [rows, total] = await this.manager.findAndCount(ComplaintRow, {
      where, order: { receivedAt: 'DESC', number: 'DESC' }, skip: page.offset, take: page.limit,
    });
    return { rows, total };
  }

  idempotentRegistration(idempotencyKey: string, username: string): Promise<ComplaintIdempotencyRow | null> {
    return this.manager.findOneBy(ComplaintIdempotencyRow, { idempotencyKey, username });
  }

  /** Claims the key; fails with a unique violation when another request holds it. */
  async recordIdempotentRegistration(row: ComplaintIdempotencyRow): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(ComplaintIdempotencyRow)
      .values({ ...row, response: row.response as never }).execute();
  }

  async completeIdempotentRegistration(idempotencyKey: string, username: string, complaintNumber: string, response: Record<string, unknown>): Promise<void> {
    await this.manager.update(ComplaintIdempotencyRow, { idempotencyKey, username }, { complaintNumber, response: response as never });
  }
}
