import { EntityManager, IsNull } from 'typeorm';
import { InstanceRow, ItemRow } from '../entities/engine';
import { InboxRow, TaskOverdueRow } from '../entities/staff';
import { insertRows, placeholders } from '../raw-writes';

/** A console message as its instance's auditor sees it. */
export type InstanceInboxRow = InboxRow & { username: string; displayName: string; taskElementId: string | null };

export interface InboxKeyset {
  createdAt: Date;
  id: string;
}

// Raw statements: recipients are read for every task that starts, and the query builder cost more than the query.
const MEMBERS = 'SELECT u.id AS id, u.username AS username FROM org_user u JOIN org_user_group g ON g.user_id = u.id';

/** Console inbox rows, overdue announcements and the users notifications are addressed to. */
export class InboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Active users by username or by membership in one of the groups. With a scope, members of its groups count only
   * when they belong to or head its department. `heads`: besides, the members of the department-scoped groups who
   * belong to or head one of the departments (a department's heads, for `department:` recipients).
   */
  async activeRecipients(
    groups: string[], usernames: string[], scope?: { groups: readonly string[]; departmentCode: string },
    heads?: { groups: readonly string[]; departmentCodes: string[] },
  ): Promise<Array<{ id: string; username: string }>> {
    const found = new Map<string, string>();
    const scoped = groups.filter((group) => scope?.groups.includes(group));
    const unscoped = groups.filter((group) => !scoped.includes(group));
    const add = (rows: Array<{ id: string; username: string }>) => rows.forEach((r) => found.set(r.id, r.username));
    if (unscoped.length > 0) {
      add(await this.manager.query(`${MEMBERS} WHERE g.group_id IN (${placeholders(unscoped)}) AND u.active = 1`, unscoped));
    }
    if (scoped.length > 0 && scope) add(await this.membersActingFor(scoped, [scope.departmentCode]));
    if (usernames.length > 0) {
      add(await this.manager.query(`SELECT id, username FROM org_user WHERE username IN (${placeholders(usernames)}) AND active = 1`, usernames));
    }
    if (heads && heads.groups.length > 0 && heads.departmentCodes.length > 0) add(await this.membersActingFor([...heads.groups], heads.departmentCodes));
    return [...found].map(([id, username]) => ({ id, username }));
  }

  /** Active members of the groups who belong to or head one of the departments. */
  private membersActingFor(groups: string[], departmentCodes: string[]): Promise<Array<{ id: string; username: string }>> {
    return this.manager.query(
      `${MEMBERS}
         JOIN org_department d ON d.id = u.department_id
         LEFT JOIN org_department_head h ON h.user_id = u.id AND h.department_code IN (${placeholders(departmentCodes)})
        WHERE g.group_id IN (${placeholders(groups)}) AND u.active = 1 AND (d.code IN (${placeholders(departmentCodes)}) OR h.user_id IS NOT NULL)`,
      [...departmentCodes, ...groups, ...departmentCodes]);
  }

  /** Adds the rows; a row whose (user, source key) exists already is skipped. */
  async add(rows: InboxRow[]): Promise<void> {
    await insertRows(this.manager, 'ntf_inbox',
      ['id', 'user_id', 'source_key', 'kind', 'template', 'title', 'body', 'task_id', 'complaint_number', 'penalty_id', 'instance_id', 'created_at', 'read_at'],
      rows.map((r) => [r.id, r.userId, r.sourceKey, r.kind, r.template, r.title, r.body, r.taskId ?? null, r.complaintNumber ?? null, r.penaltyId ?? null, r.instanceId, r.createdAt, r.readAt ?? null]),
      { ignoreDuplicates: true });
  }

  /**
   * The console messages of these instances, oldest first, each with its recipient's username and display name and,
   * for a message about a task, the task's diagram element.
   */
  async byInstances(instanceIds: readonly string[]): Promise<InstanceInboxRow[]> {
    if (instanceIds.length === 0) return [];
    const rows = await this.manager.createQueryBuilder(InboxRow, 'n')
      .innerJoin('org_user', 'u', 'u.id = n.user_id')
      .leftJoin('wf_item', 'i', 'i.id = n.task_id')
      .addSelect(['u.username AS recipient_username', 'u.display_name AS recipient_name', 'i.element_id AS task_element_id'])
      .where('n.instance_id IN (:...instanceIds)', { instanceIds: [...instanceIds] })
      .orderBy('n.created_at', 'ASC').addOrderBy('n.id', 'ASC')
      .getRawAndEntities();
    const extra = new Map(rows.raw.map((raw: Record<string, string | null>) => [raw.n_id, raw]));
    return rows.entities.map((row) => {
      const raw = extra.get(row.id)!;
      return Object.assign(row, { username: String(raw.recipient_username), displayName: String(raw.recipient_name), taskElementId: raw.task_element_id ?? null });
    });
  }

  /** Newest first, after the keyset position. */
  async page(userId: string, options: { unreadOnly: boolean; after: InboxKeyset | null; limit: number }): Promise<InboxRow[]> {
    const qb = this.manager.createQueryBuilder(InboxRow, 'n').where('n.user_id = :userId', { userId });
    if (options.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (options.after) {
      qb.andWhere('(n.created_at < :afterAt OR (n.created_at = :afterAt AND n.id < :afterId))', { afterAt: options.after.createdAt, afterId: options.after.id });
    }
    return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(options.limit).getMany();
  }

  unreadCount(userId: string): Promise<number> {
    return this.manager.count(InboxRow, { where: { userId, readAt: IsNull() } });
  }

  /** Marks one row read; false when the user has no such row. */
  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const row = await this.manager.findOneBy(InboxRow, { id, userId });
    if (!row) return false;
    if (!row.readAt) await this.manager.update(InboxRow, { id, userId }, { readAt: at });
    return true;
  }

  async markAllRead(userId: string, at: Date): Promise<void> {
    await this.manager.update(InboxRow, { userId, readAt: IsNull() }, { readAt: at });
  }

  /**
   * Waiting user tasks due at or before `now` whose lateness was not announced yet, oldest due first, with what
   * a notification needs.
   */
  async overdueUnannounced(now: Date, limit: number): Promise<Array<{ itemId: string; instanceId: string; businessKey: string | null; payload: unknown; data: unknown }>> {
    const rows = await this.manager.createQueryBuilder(ItemRow, 'i')
      .innerJoin(InstanceRow, 'n', 'n.id = i.instance_id')
      .leftJoin(TaskOverdueRow, 'o', 'o.item_id = i.id')
      .select(['i.id AS item_id', 'i.instance_id AS instance_id', 'n.business_key AS business_key', 'i.payload AS payload', 'n.data AS data'])
      .where("i.status = 'wait' AND i.due_at <= :now AND i.element_type = 'bpmn:UserTask' AND o.item_id IS NULL", { now })
      .orderBy('i.due_at', 'ASC')
      .limit(limit)
      .getRawMany<{ item_id: string; instance_id: string; business_key: string | null; payload: unknown; data: unknown }>();
    return rows.map((r) => ({ itemId: r.item_id, instanceId: r.instance_id, businessKey: r.business_key, payload: r.payload, data: r.data }));
  }

  /** Claims the announcement of the task's lateness; false when someone (another server process) already did. */
  async claimOverdue(itemId: string, at: Date): Promise<boolean> {
    // SQLite runs one writing transaction at a time, so looking first is exact there; MySQL/MariaDB report the
    // ignored duplicate (the second inserter waits for the first one's commit on the primary key).
    const existed = (await this.manager.countBy(TaskOverdueRow, { itemId })) > 0;
    const result = await this.manager.createQueryBuilder().insert().updateEntity(false).into(TaskOverdueRow).values({ itemId, notifiedAt: at }).orIgnore().execute();
    const inserted = result.raw?.affectedRows ?? result.raw?.changes;
    return typeof inserted === 'number' ? inserted > 0 : !existed;
  }
}
