import { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ComplaintRow } from '../entities/complaint';
import { parseDateColumn, parseJsonColumn } from '../raw-columns';
import { columnsOf, hydrate, selectList } from '../raw-entities';
import { TASK_COMPLAINT_PROPERTIES, TaskComplaint } from './complaint-repository';
import { placeholders } from '../raw-writes';

/** One kind of wf_candidate row: a candidate group, a candidate user, or the assignee. */
export interface CandidateKey {
  kind: 'group' | 'user' | 'assignee';
  value: string;
}

/**
 * A position in the task list: tasks are ordered by due time (as sortable text, 'z' when none), then id; in the
 * priority order first by priority rank (the negated priority, highest priority first).
 */
export interface TaskKeyset {
  dueSort: string;
  itemId: string;
  /** Only in the priority order. */
  priorityRank?: number;
}

export type TaskOrder = 'due' | 'priority';

/** Conditions every task of a page must meet, besides being reachable from one of the walked candidate keys. */
export interface TaskPageConditions {
  /** Only tasks due strictly before this sortable due text (tasks without a due time sort as 'z'). */
  dueSortBefore?: string;
  /** Only tasks due at or after this sortable due text (so tasks without a due time are included). */
  dueSortAtOrAfter?: string;
  processKey?: string;
  /** Values of top-level instance data fields, e.g. { severity: 'major', departmentCode: 'YW' }. */
  instanceData?: Record<string, string>;
  /** Only tasks whose assignee is this user. */
  assignee?: string;
  /** Only tasks that also have a wf_candidate row matching one of these keys (what the caller may see). */
  visibleTo?: CandidateKey[];
  /**
   * Reached through the candidate group `group`, a task counts only when its instance data `field` is absent or one
   * of `values` (department-scoped groups); tasks reached through other keys are not affected.
   */
  groupDataScopes?: GroupDataScope[];
}

export interface GroupDataScope {
  group: string;
  field: string;
  values: string[];
}

export interface TaskRow {
  id: string;
  name: string | null;
  elementId: string;
  elementType: string;
  status: string;
  assignee: string | null;
  /** The assignee's display name; null without an assignee, or when no user has that name. */
  assigneeName: string | null;
  /** Whether the assignee is an active user; false once deactivated, null without an assignee or such a user. */
  assigneeActive: boolean | null;
  dueAt: Date | null;
  payload: Record<string, unknown>;
  instanceId: string;
  processKey: string;
  definitionId: string;
  businessKey: string | null;
  revision: number;
  instanceData: Record<string, unknown>;
  /** The instance data field `escalationLevel` (complaints), read for lists without the whole instance data; null when absent. */
  escalationLevel: number | null;
}

/** A task and the complaint it works on (the complaint whose number is its instance's business key), if any. */
export interface TaskWithComplaint {
  task: TaskRow;
  complaint: TaskComplaint | null;
}

/** A task of a page, with its position in the list (for the cursor of the next page). */
export interface TaskPageRow extends TaskWithComplaint {
  position: TaskKeyset;
}

/** Read with every task, so a list or a task shows who complains about what, and who holds it, without a second statement. */
const COMPLAINT_AND_ASSIGNEE_JOINS = 'LEFT JOIN complaint c ON c.number = n.business_key LEFT JOIN org_user au ON au.username = i.assignee';
const COMPLAINT_PREFIX = 'complaint__';

const DATA_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * Reads of the task list, bound to one unit of work. Pages are keyset walks of the wf_candidate index
 * (kind, value, due_sort, item_id): one ordered, limited range scan per candidate key, merged in SQL, and the
 * page's positions joined to their tasks, instances and complaints in the same statement.
 */
export class TaskRepository {
  private readonly dialect: 'sqlite' | 'mysql';

  private readonly complaintColumns: ColumnMetadata[];

  constructor(private readonly manager: EntityManager) {
    this.complaintColumns = columnsOf(manager, ComplaintRow, TASK_COMPLAINT_PROPERTIES);
    this.dialect = manager.connection.options.type === 'mysql' || manager.connection.options.type === 'mariadb' ? 'mysql' : 'sqlite';
  }

  /**
   * The next `limit` tasks after `after` reachable from any of `keys`, in (due, id) order (priority first in the
   * priority order), without duplicates, each with its position and its complaint: one statement.
   */
  async pageOfTasks(keys: CandidateKey[], conditions: TaskPageConditions, after: TaskKeyset | null, limit: number, order: TaskOrder = 'due'): Promise<TaskPageRow[]> {
    if (keys.length === 0) return [];
    const { sql, parameters } = this.pageQuery(keys, conditions, after, limit, order);
    const rows: Array<Record<string, any>> = await this.manager.query(sql, parameters);
    return rows.map((row) => ({
      position: order === 'priority'
        ? { dueSort: row.due_sort, itemId: row.item_id, priorityRank: Number(row.priority_rank) }
        : { dueSort: row.due_sort, itemId: row.item_id },
      ...this.toTaskWithComplaint(row),
    }));
  }

  /**
   * The SQL of pageOfTasks, exposed so the benchmark can time the same statement through the bare driver: the
   * keyset walk of the candidate index picks the page's positions, which are then joined to their tasks.
   */
  pageQuery(keys: CandidateKey[], conditions: TaskPageConditions, after: TaskKeyset | null, limit: number, order: TaskOrder = 'due'): { sql: string; parameters: unknown[] } {
    const parameters: unknown[] = [];
    const byPriority = order === 'priority';
    const columns = byPriority ? ['priority_rank', 'due_sort', 'item_id'] : ['due_sort', 'item_id'];
    const branches = keys.map((key, index) => {
      const where = ['c.kind = ?', 'c.value = ?'];
      parameters.push(key.kind, key.value);
      if (after && byPriority) {
        // Same shape as below, one column further out: a range on the index, then the exact position.
        const rank = after.priorityRank ?? 0;
        where.push('c.priority_rank >= ?', '(c.priority_rank > ? OR (c.priority_rank = ? AND (c.due_sort > ? OR (c.due_sort = ? AND c.item_id > ?))))');
        parameters.push(rank, rank, rank, after.dueSort, after.dueSort, after.itemId);
      } else if (after) {
        // The first term keeps the scan a range on the index; the second makes it exact.
        where.push('c.due_sort >= ?', '(c.due_sort > ? OR (c.due_sort = ? AND c.item_id > ?))');
        parameters.push(after.dueSort, after.dueSort, after.dueSort, after.itemId);
      }
      if (conditions.dueSortBefore !== undefined) {
        where.push('c.due_sort < ?');
        parameters.push(conditions.dueSortBefore);
      }
      if (conditions.dueSortAtOrAfter !== undefined) {
        where.push('c.due_sort >= ?');
        parameters.push(conditions.dueSortAtOrAfter);
      }
      const scopes = (conditions.groupDataScopes ?? []).filter((s) => key.kind === 'group' && s.group === key.value);
      for (const scope of scopes) {
        if (!DATA_FIELD.test(scope.field)) throw new Error(`Not a data field name: ${scope.field}`);
        const field = this.jsonText('n.data', scope.field);
        where.push(scope.values.length === 0 ? `${field} IS NULL` : `(${field} IS NULL OR ${field} IN (${placeholders(scope.values)}))`);
        parameters.push(...scope.values);
      }
      const needsInstance = conditions.processKey !== undefined || Object.keys(conditions.instanceData ?? {}).length > 0 || scopes.length > 0;
      if (conditions.processKey !== undefined) {
        where.push('n.process_key = ?');
        parameters.push(conditions.processKey);
      }
      for (const [field, value] of Object.entries(conditions.instanceData ?? {})) {
        if (!DATA_FIELD.test(field)) throw new Error(`Not a data field name: ${field}`);
        where.push(`${this.jsonText('n.data', field)} = ?`);
        parameters.push(value);
      }
      if (conditions.assignee !== undefined && !(key.kind === 'assignee' && key.value === conditions.assignee)) {
        where.push("EXISTS (SELECT 1 FROM wf_candidate a WHERE a.item_id = c.item_id AND a.kind = 'assignee' AND a.value = ?)");
        parameters.push(conditions.assignee);
      }
      const visibleTo = conditions.visibleTo ?? [];
      if (visibleTo.length > 0 && !visibleTo.some((v) => v.kind === key.kind && v.value === key.value)) {
        where.push(`EXISTS (SELECT 1 FROM wf_candidate v WHERE v.item_id = c.item_id AND (${visibleTo.map(() => '(v.kind = ? AND v.value = ?)').join(' OR ')}))`);
        for (const v of visibleTo) parameters.push(v.kind, v.value);
      }
      parameters.push(limit);
      const join = needsInstance ? ' JOIN wf_instance n ON n.id = c.instance_id' : '';
      const b = `b${index}`;
      return `SELECT ${columns.map((col) => `${b}.${col}`).join(', ')} FROM (SELECT ${columns.map((col) => `c.${col} AS ${col}`).join(', ')}`
        + ` FROM wf_candidate c${join} WHERE ${where.join(' AND ')} ORDER BY ${columns.map((col) => `c.${col}`).join(', ')} LIMIT ?) ${b}`;
    });
    parameters.push(limit);
    const merged = branches.length === 1 ? branches[0] : branches.join(' UNION ');
    const outer = columns.map((col) => `u.${col}`).join(', ');
    const positions = `SELECT ${outer} FROM (${merged}) u ORDER BY ${outer} LIMIT ?`;
    const page = columns.map((col) => `p.${col}`).join(', ');
    return {
      sql: `SELECT ${page}, ${this.taskColumns(false)} FROM (${positions}) p JOIN wf_item i ON i.id = p.item_id AND i.element_type = 'bpmn:UserTask'`
        + ` JOIN wf_instance n ON n.id = i.instance_id ${COMPLAINT_AND_ASSIGNEE_JOINS} ORDER BY ${page}`,
      parameters,
    };
  }

  /** The user task with this id (any status), its instance with the instance data, and its complaint. */
  async taskById(id: string): Promise<TaskWithComplaint | null> {
    const [row] = await this.manager.query(
      `SELECT ${this.taskColumns(true)} FROM wf_item i JOIN wf_instance n ON n.id = i.instance_id ${COMPLAINT_AND_ASSIGNEE_JOINS}
        WHERE i.id = ? AND i.element_type = 'bpmn:UserTask'`,
      [id],
    );
    return row ? this.toTaskWithComplaint(row) : null;
  }

  /** The columns of a task, its instance (the instance data only when asked for: a list does not show it) and its complaint. */
  private taskColumns(withInstanceData: boolean): string {
    return `i.id, i.name, i.element_id, i.element_type, i.status, i.assignee, au.display_name AS assignee_name, au.active AS assignee_active, i.due_at, i.payload,
            n.id AS instance_id, n.process_key, n.definition_id, n.business_key, n.revision${withInstanceData ? ', n.data' : ''},
            ${this.jsonText('n.data', 'escalationLevel')} AS escalation_level,
            ${selectList(this.manager, this.complaintColumns, 'c', COMPLAINT_PREFIX)}`;
  }

  private toTaskWithComplaint(row: Record<string, any>): TaskWithComplaint {
    const complaint = row[`${COMPLAINT_PREFIX}number`] === null || row[`${COMPLAINT_PREFIX}number`] === undefined
      ? null
      : hydrate(this.manager, ComplaintRow, this.complaintColumns, row, COMPLAINT_PREFIX) as TaskComplaint;
    return { task: toTaskRow(row), complaint };
  }

  private jsonText(column: string, field: string): string {
    return this.dialect === 'mysql' ? `JSON_UNQUOTE(JSON_EXTRACT(${column}, '$.${field}'))` : `json_extract(${column}, '$.${field}')`;
  }
}

function toTaskRow(row: Record<string, any>): TaskRow {
  return {
    id: row.id,
    name: row.name ?? null,
    elementId: row.element_id,
    elementType: row.element_type,
    status: row.status,
    assignee: row.assignee ?? null,
    assigneeName: row.assignee_name ?? null,
    assigneeActive: row.assignee_active === null || row.assignee_active === undefined ? null : Boolean(Number(row.assignee_active)),
    dueAt: parseDateColumn(row.due_at),
    payload: parseJsonColumn(row.payload) ?? {},
    instanceId: row.instance_id,
    processKey: row.process_key,
    definitionId: row.definition_id,
    businessKey: row.business_key ?? null,
    revision: Number(row.revision),
    instanceData: parseJsonColumn(row.data) ?? {},
    escalationLevel: escalationLevelOf(row.escalation_level),
  };
}

/** The instance data field `escalationLevel` as a number; null when absent or not a number. */
export function escalationLevelOf(value: unknown): number | null {
  return value === null || value === undefined || Number.isNaN(Number(value)) ? null : Number(value);
}
