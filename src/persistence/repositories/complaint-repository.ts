import { Between, EntityManager, FindOptionsWhere, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { ComplaintIdempotencyRow, ComplaintRow } from '../entities/complaint';

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

/** Search of the console: every condition is served by an index (prefixes, not substrings). */
export interface ComplaintSearch {
  /** Number or its beginning, e.g. 2026KF. */
  numberPrefix?: string;
  /** Complainant name or its beginning, e.g. the family name. */
  customerPrefix?: string;
  /** complainantKey() of a phone number. */
  complainantKey?: string;
  status?: string;
  kind?: string;
  severity?: string;
  category?: string;
  department?: string;
  visibleToDepartments?: string[];
  /** Received at or after. */
  receivedFrom?: Date;
  /** Received before. */
  receivedBefore?: Date;
}

/** A position in the search results: newest first, ties by id. */
export interface ComplaintKeyset {
  receivedAt: Date;
  id: string;
}

export interface Page {
  offset: number;
  limit: number;
}

/** Data access for complaints, their number sequences and idempotent registrations, bound to one unit of work. */
export class ComplaintRepository {
  constructor(private readonly manager: EntityManager) {}

  private get mysql(): boolean {
    return this.manager.connection.options.type === 'mysql';
  }

  /** The unit of work this repository is bound to. */
  get entityManager(): EntityManager {
    return this.manager;
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

  /** Complaints of the complainant received in [since, before], any category, newest first (the repeat-lookup index). */
  earlierOfComplainant(complainantKey: string, since: Date, before: Date): Promise<ComplaintRow[]> {
    return this.manager.find(ComplaintRow, {
      where: { complainantKey, receivedAt: Between(since, before) },
      order: { receivedAt: 'DESC' },
    });
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

  /** One page of the search, newest first, after the keyset position. */
  async search(filter: ComplaintSearch, after: ComplaintKeyset | null, limit: number): Promise<ComplaintRow[]> {
    const qb = this.manager.createQueryBuilder(ComplaintRow, 'c');
    const prefix = (column: string, value: string, name: string) => {
      if (this.mysql) {
        qb.andWhere(`${column} LIKE :${name} ESCAPE '!'`, { [name]: `${value.replace(/[!%_]/g, (ch) => `!${ch}`)}%` });
      } else {
        // SQLite only uses an index for LIKE with a NOCASE column; a range over the BINARY order does the same.
        qb.andWhere(`${column} >= :${name}Low AND ${column} < :${name}High`, { [`${name}Low`]: value, [`${name}High`]: `${value}\u{10FFFF}` });
      }
    };
    if (filter.numberPrefix) prefix('c.number', filter.numberPrefix, 'numberPrefix');
    if (filter.customerPrefix) prefix('c.complainant_name', filter.customerPrefix, 'customerPrefix');
    if (filter.complainantKey) qb.andWhere('c.complainant_key = :complainantKey', { complainantKey: filter.complainantKey });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.severity) qb.andWhere('c.severity = :severity', { severity: filter.severity });
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.department) qb.andWhere('c.responsible_dept_code = :department', { department: filter.department });
    if (filter.visibleToDepartments) {
      if (filter.visibleToDepartments.length === 0) return [];
      qb.andWhere('c.responsible_dept_code IN (:...visible)', { visible: filter.visibleToDepartments });
    }
    if (filter.receivedFrom) qb.andWhere('c.received_at >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedBefore) qb.andWhere('c.received_at < :receivedBefore', { receivedBefore: filter.receivedBefore });
    if (after) {
      qb.andWhere('(c.received_at < :afterAt OR (c.received_at = :afterAt AND c.id < :afterId))', { afterAt: after.receivedAt, afterId: after.id });
    }
    return qb.orderBy('c.received_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
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
