import { Between, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { COMPLAINT_STATUSES } from '../../domain/complaint';
import { ComplaintIdempotencyRow, ComplaintRow } from '../entities/complaint';
import { findByColumn, findOneByColumn, updateByColumn } from '../raw-entities';

const OPEN_COMPLAINT_STATUSES = COMPLAINT_STATUSES.filter((status) => status !== 'closed');

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
  /**
   * Only complaints still open at this instant with a handling deadline (first response, resolution, CAPA record)
   * that passed unmet. The callback after closure is its own task, overdue in the task list.
   */
  overdueAt?: Date;
}

/** What a task shows of its complaint: who complains, about what, its status, and the deadlines its SLA windows start from. */
export const TASK_COMPLAINT_PROPERTIES = ['number', 'status', 'complainantName', 'severity', 'category', 'kind', 'responsibleDeptCode',
  'receivedAt', 'responseDueAt', 'resolutionDueAt', 'capaDueAt', 'dispatchedAt', 'callbackDueAt', 'closedAt'] as const;
export type TaskComplaint = Pick<ComplaintRow, typeof TASK_COMPLAINT_PROPERTIES[number]>;

/** A position in the search results: newest first, ties by id. */
export interface ComplaintKeyset {
  receivedAt: Date;
  id: string;
}

/**
 * The index whose order serves a page of the list filtered so (migration 1732300100000), or null where the
 * planner should choose: a prefix or phone search has more selective indexes of its own, and several visible
 * departments no single order.
 */
function keysetIndexOf(filter: ComplaintSearch): string | null {
  if (filter.numberPrefix || filter.customerPrefix || filter.complainantKey) return null;
  if (filter.overdueAt && !filter.status) return null; // the open statuses' ranges of the status index, then a sort
  if (filter.status) return 'ix_complaint_status_received';
  if (filter.department) return 'ix_complaint_dept_received';
  if (filter.visibleToDepartments) return filter.visibleToDepartments.length === 1 ? 'ix_complaint_dept_received' : null;
  if (filter.category) return 'ix_complaint_category_received';
  if (filter.severity) return 'ix_complaint_severity_received';
  if (filter.kind) return 'ix_complaint_kind_received';
  return 'ix_complaint_received_id';
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
    return findOneByColumn(this.manager, ComplaintRow, 'number', number);
  }

  /** What a task shows of the complaint with this number (a completion's answer reads it again): a narrow read. */
  async taskComplaintByNumber(number: string): Promise<TaskComplaint | null> {
    const [row] = await findByColumn(this.manager, ComplaintRow, 'number', [number], TASK_COMPLAINT_PROPERTIES);
    return row ?? null;
  }

  byInstanceId(instanceId: string): Promise<ComplaintRow | null> {
    return this.manager.findOneBy(ComplaintRow, { instanceId });
  }

  async update(id: string, patch: Partial<Omit<ComplaintRow, 'id' | 'number'>>, at: Date): Promise<void> {
    await updateByColumn(this.manager, ComplaintRow, 'id', id, { ...patch, updatedAt: at });
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

  /**
   * One page of the search, newest first (received_at DESC, id DESC), after the keyset position. The order is served
   * by ix_complaint_received_id, and with a status or responsible department by ix_complaint_status_received /
   * ix_complaint_dept_received (the equality first, then the order), so a page reads about `limit` index entries
   * however deep it is.
   */
  async search(filter: ComplaintSearch, after: ComplaintKeyset | null, limit: number): Promise<ComplaintRow[]> {
    const forced = this.forcedIdsStatement(filter, after, limit);
    if (!forced) return (await this.searchQuery(filter, after, limit)?.getMany()) ?? [];
    const ids = (await this.manager.query(forced.sql, forced.parameters) as Array<{ id: string }>).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = new Map((await this.manager.findBy(ComplaintRow, { id: In(ids) })).map((row) => [row.id, row]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  /**
   * On MySQL/MariaDB, the page's ids with the list's index forced; null elsewhere (search() reads the rows at once).
   * MariaDB reads an equality filter's index by `ref` (the equality alone) rather than by `range` (the equality and
   * the cursor) when the range holds most of the equal rows, and then walks every newer row before reaching the
   * cursor: 450 ms for a page deep in status=closed at 100,000 complaints. FORCE INDEX keeps the range (USE INDEX,
   * all TypeORM offers, does not); the ids come from the index alone and the rows by primary key.
   */
  forcedIdsStatement(filter: ComplaintSearch, after: ComplaintKeyset | null, limit: number): { sql: string; parameters: unknown[] } | null {
    const index = this.mysql ? keysetIndexOf(filter) : null;
    const qb = index ? this.searchQuery(filter, after, limit) : null;
    if (!index || !qb) return null;
    const [sql, parameters] = qb.select('c.id', 'id').useIndex(index).getQueryAndParameters();
    const forced = sql.replace(' USE INDEX (', ' FORCE INDEX (');
    if (forced === sql) throw new Error(`No index hint in ${sql}`);
    return { sql: forced, parameters };
  }

  /** The statement of search() (the benchmark explains it); null when nothing can match. */
  searchQuery(filter: ComplaintSearch, after: ComplaintKeyset | null, limit: number): SelectQueryBuilder<ComplaintRow> | null {
    const qb = this.filtered(filter);
    if (!qb) return null;
    if (after) {
      // `received_at <= :afterAt` is a range both planners start the index walk at; the OR settles the ties by id.
      qb.andWhere('c.received_at <= :afterAt AND (c.received_at < :afterAt OR c.id < :afterId)', { afterAt: after.receivedAt, afterId: after.id });
    }
    return qb.orderBy('c.received_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit);
  }

  /** How many complaints match the search: reads every matching index entry (or row), so only on request. */
  async countSearch(filter: ComplaintSearch): Promise<number> {
    const qb = this.filtered(filter);
    if (!qb) return 0;
    const counted = await qb.select('COUNT(*)', 'count').getRawOne<{ count: number | string }>(); // no joins: no DISTINCT needed
    return Number(counted?.count ?? 0);
  }

  /** The search's conditions; null when nothing can match (department staff with no department). */
  private filtered(filter: ComplaintSearch): SelectQueryBuilder<ComplaintRow> | null {
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
      if (filter.visibleToDepartments.length === 0) return null;
      qb.andWhere('c.responsible_dept_code IN (:...visible)', { visible: filter.visibleToDepartments });
    }
    if (filter.receivedFrom) qb.andWhere('c.received_at >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedBefore) qb.andWhere('c.received_at < :receivedBefore', { receivedBefore: filter.receivedBefore });
    if (filter.overdueAt) {
      // The status list keeps the walk to open complaints (ix_complaint_status_received); closed ones are never overdue here.
      qb.andWhere('c.status IN (:...openStatuses)', { openStatuses: OPEN_COMPLAINT_STATUSES });
      qb.andWhere('((c.responded_at IS NULL AND c.response_due_at < :overdueAt) OR (c.resolved_at IS NULL AND c.resolution_due_at < :overdueAt)'
        + ' OR (c.capa_at IS NULL AND c.capa_due_at < :overdueAt))', { overdueAt: filter.overdueAt });
    }
    return qb;
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
