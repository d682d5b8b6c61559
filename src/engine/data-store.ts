import { EntityManager } from 'typeorm';
import { DataHandler } from 'bpmn-server';
import { ConflictError } from '../domain/errors';
import { CandidateRow, InstanceRow, ItemRow } from '../persistence/entities/engine';
import { parseJsonColumn } from '../persistence/raw-columns';
import { columnsOf, hydrate, selectList } from '../persistence/raw-entities';
import { changeRows, insertRows, jsonParameter, placeholders, sqlParameter } from '../persistence/raw-writes';
import { appendAudit, AuditEntry, changedFields, NEW_CHAIN } from './audit-trail';
import { DefinitionStore, definitionIdOf } from './definition-store';
import { InstanceState, ItemPayload, asList, instanceStateFromRow, itemRowFromPayload, reviveItem, toDate } from './engine-state';
import { LeaseLocker } from './lease-locker';
import type { LiveExecutions } from './live-executions';
import { ColumnCondition, translateEngineQuery, UnsupportedQueryError } from './query-translator';
import { OperationContext, requireOperation } from './operation-context';
import { UserTaskEvents } from './task-events';

const USER_TASK = 'bpmn:UserTask';
const ITEM_COLUMNS = ['id', 'instance_id', 'seq', 'element_id', 'element_type', 'name', 'status', 'assignee', 'due_at', 'timer_due_at',
  'message_id', 'signal_id', 'item_key', 'started_at', 'ended_at', 'payload'];
/** What an upsert overwrites: everything but the item's identity. */
const ITEM_UPSERT_COLUMNS = ITEM_COLUMNS.filter((column) => column !== 'id' && column !== 'instance_id');
const WAIT = 'wait';

/** An instance saved during the operation and not yet written (see OperationContext.unsavedInstances). */
export interface UnsavedInstance {
  instance: InstanceState;
  /** Not in the database yet: written with an insert. */
  isNew: boolean;
  /** Items changed since the operation loaded the instance, with their state as stored then (none when new). */
  changedItems: Map<string, { stored?: ItemPayload }>;
  /** Audit entries of the saves, in order, written with the instance. */
  audit: AuditEntry[];
}

/**
 * bpmn-server's data store, on our tables instead of MongoDB. Every call runs inside the current engine
 * operation's transaction (see operation-context.ts); a save writes only the items that changed and
 * fails with a ConflictError when another writer saved the instance since it was read.
 */
export class TypeOrmDataStore {
  /** bpmn-server reads these two fields of its own data store; unused here. */
  readonly dbConfiguration = {};
  readonly db = null;

  constructor(
    private readonly definitions: DefinitionStore, readonly locker: LeaseLocker, private readonly taskEvents = new UserTaskEvents(),
    private readonly live: LiveExecutions | null = null,
  ) {}

  // ---- reads ------------------------------------------------------------------------------------------

  async findItems(query: unknown): Promise<ItemPayload[]> {
    const context = requireOperation('findItems');
    const preloaded = preloadedItem(context, query);
    if (preloaded) return [preloaded];
    await this.flush(context);
    const { instance, item } = translateEngineQuery(query);
    const where = whereClause([...item, ...instance]);
    const rows = await context.manager.query(
      `SELECT i.payload AS payload, n.id AS instance_id, n.process_key AS process_key, n.revision AS revision, n.data AS data, n.state AS state
         FROM wf_item i INNER JOIN wf_instance n ON n.id = i.instance_id${where.sql} ORDER BY i.seq ASC`, where.parameters) as RawItemRow[];
    return rows.map((row) => itemView(reviveItem(parseJsonColumn(row.payload)), {
      name: row.process_key, id: row.instance_id, revision: Number(row.revision),
      data: parseJsonColumn(row.data) ?? {}, tokens: parseJsonColumn(row.state)?.tokens ?? [],
    }));
  }

  async findItem(query: unknown): Promise<ItemPayload> {
    const items = await this.findItems(query);
    if (items.length !== 1) throw new Error(`Expected one item for ${JSON.stringify(query)}, found ${items.length}`);
    return items[0];
  }

  async findInstances(query: unknown, option: unknown = 'summary'): Promise<InstanceState[]> {
    const context = requireOperation('findInstances');
    const full = typeof option === 'string' && option.toLowerCase() === 'full';
    const preloaded = full ? takePreloaded(context, query) : undefined;
    const instances = preloaded ? [preloaded] : await this.readInstances(context, query, full, false);
    if (full) for (const instance of instances) context.readRevisions.set(instance.id, instance.revision ?? 0);
    return instances;
  }

  /**
   * `withAuditHeads`: also read each instance's audit chain head into the operation's (see appendAudit). `reserveLive`
   * (an operation that holds the instance lock): an instance whose execution is kept at the revision read takes it
   * for its restore, and its items are not read again (the state has none; StoredItems stand for them).
   */
  private async readInstances(context: OperationContext, query: unknown, full: boolean, withAuditHeads: boolean, reserveLive = false): Promise<InstanceState[]> {
    await this.flush(context);
    const { instance, item } = translateEngineQuery(query);
    const where = whereClause(instance);
    const columns = columnsOf(context.manager, InstanceRow);
    let sql = withAuditHeads
      ? `SELECT ${selectList(context.manager, columns, 'n')}, h.seq AS audit_seq, h.hash AS audit_hash FROM wf_instance n LEFT JOIN wf_audit_head h ON h.scope = n.id${where.sql}`
      : `SELECT ${selectList(context.manager, columns, 'n')} FROM wf_instance n${where.sql}`;
    const parameters = [...where.parameters];
    if (item.length > 0) {
      const itemWhere = whereClause(item);
      sql += `${where.sql ? ' AND' : ' WHERE'} EXISTS (SELECT 1 FROM wf_item i WHERE i.instance_id = n.id AND ${itemWhere.sql.slice(' WHERE '.length)})`;
      parameters.push(...itemWhere.parameters);
    }
    const raws = await context.manager.query(sql, parameters) as Record<string, unknown>[];
    if (withAuditHeads) {
      for (const raw of raws) {
        if (raw.audit_seq != null && !context.auditHeads.has(raw.id as string)) {
          context.auditHeads.set(raw.id as string, { seq: Number(raw.audit_seq), hash: raw.audit_hash as string });
        }
      }
    }
    const rows = raws.map((raw) => hydrate(context.manager, InstanceRow, columns, raw));
    const states: InstanceState[] = [];
    for (const row of rows) {
      const reserved = full && reserveLive ? this.live?.reserve(context, row.id, row.revision) : undefined;
      if (reserved) {
        context.loadedItems.set(row.id, reserved.texts);
        context.endedItems.set(row.id, reserved.ended);
      }
      const items = full && !reserved ? await this.loadItems(context, row.id) : [];
      const source = full ? await this.definitions.sourceById(row.definitionId, context.manager) : '';
      if (full) context.loadedData.set(row.id, structuredClone(row.data ?? {}));
      states.push(instanceStateFromRow(row, items, source));
    }
    return states;
  }

  async findInstance(query: unknown, option: unknown = 'summary'): Promise<InstanceState> {
    const instances = await this.findInstances(query, option);
    if (instances.length !== 1) throw new Error(`Expected one instance for ${JSON.stringify(query)}, found ${instances.length}`);
    return instances[0];
  }

  /**
   * Reads an instance with its items for the operation that just locked it, so that bpmn-server's item lookup
   * (`{ 'items.id': … }`) and restore that follow read nothing again (see OperationContext.preloaded).
   */
  async preload(context: OperationContext, instanceId: string): Promise<InstanceState | null> {
    const known = context.preloaded.get(instanceId);
    if (known) return known;
    const [instance] = await this.readInstances(context, { id: instanceId }, true, true, true);
    if (!instance) return null;
    context.preloaded.set(instanceId, instance);
    return instance;
  }

  /** An item of an instance the operation preloaded, as stored (undefined when the instance has no such item). */
  preloadedItemOf(context: OperationContext, instanceId: string, itemId: string): ItemPayload | undefined {
    return storedItem(context, instanceId, itemId);
  }

  async loadInstance(instanceId: string): Promise<{ instance: InstanceState; items: ItemPayload[] }> {
    const instance = await this.findInstance({ id: instanceId }, 'full');
    return { instance, items: instance.items };
  }

  private async loadItems(context: OperationContext, instanceId: string): Promise<ItemPayload[]> {
    // The payload's text is what a save compares against, so it is read as text and parsed once.
    const rows = await context.manager.query('SELECT id, payload FROM wf_item WHERE instance_id = ? ORDER BY seq ASC', [instanceId]) as Array<{ id: string; payload: string }>;
    const snapshot = new Map<string, string>();
    const ended = endedItemsOf(context, instanceId);
    const items = rows.map((row) => {
      const text = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
      snapshot.set(row.id, text);
      const item = reviveItem(JSON.parse(text));
      if (item.status === 'end') ended.add(row.id);
      return item;
    });
    context.loadedItems.set(instanceId, snapshot);
    return items;
  }

  // ---- writes -----------------------------------------------------------------------------------------

  async save(instance: InstanceState, options = {}): Promise<void> {
    await this.saveInstance(instance, options);
  }

  /**
   * bpmn-server saves before every node it runs. Each save is recorded here: what changed since the previous save
   * becomes audit entries (so a handler's output is not booked to the task completed before it), and the instance
   * is marked for `flush`, which writes its last state once.
   */
  async saveInstance(instance: InstanceState, _options: unknown = {}): Promise<void> {
    const context = requireOperation('saveInstance');
    context.preloaded.delete(instance.id);
    const now = context.now;
    let pending = context.unsavedInstances.get(instance.id);
    if (!pending) {
      pending = { instance, isNew: !instance.saved, changedItems: new Map(), audit: [] };
      context.unsavedInstances.set(instance.id, pending);
    }
    pending.instance = instance;
    const audit: AuditEntry[] = [];
    const before = context.loadedData.get(instance.id);
    if (pending.isNew && !context.loadedData.has(instance.id)) {
      // bpmn-server stamps times from the real clock; the engine's clock (injected, manual in tests) is the truth.
      instance.startedAt = now;
      audit.push({ action: 'started', actor: context.actor, at: now, after: { process: instance.name, data: instance.data } });
    } else {
      const dataChange = changedFields(before, instance.data ?? {});
      if (dataChange) audit.push({ action: 'data changed', actor: context.actor, at: now, ...dataChange });
    }
    const finished = instance.status === 'end' || instance.status === 'terminated';
    if (finished && instance.endedAt) instance.endedAt = now;
    context.loadedData.set(instance.id, structuredClone(instance.data ?? {}));
    this.recordItemChanges(context, instance, pending.changedItems, audit);
    if (finished) {
      const ended = instance.status === 'end' ? 'ended' : 'terminated';
      if (!pending.audit.some((e) => e.action === ended)) audit.push({ action: ended, actor: context.actor, at: now });
    }
    mergeDataChangeIntoAction(audit);
    pending.audit.push(...audit, ...takePendingAudit(context, instance.id));
  }

  /** Writes the instances saved since the last flush: one instance write, one batched item write, one audit insert each. */
  async flush(context: OperationContext): Promise<void> {
    while (context.unsavedInstances.size > 0) {
      const [id, pending] = context.unsavedInstances.entries().next().value!;
      context.unsavedInstances.delete(id);
      await this.writeInstance(context, pending);
    }
  }

  private async writeInstance(context: OperationContext, pending: UnsavedInstance): Promise<void> {
    const { manager, now } = context;
    const { instance } = pending;
    const state = { tokens: instance.tokens ?? [], loops: instance.loops ?? [] };
    if (pending.isNew) {
      if (!context.auditHeads.has(instance.id)) context.auditHeads.set(instance.id, NEW_CHAIN);
      const definitionId = this.definitionIdOf(instance);
      await manager.createQueryBuilder().insert().updateEntity(false).into(InstanceRow).values({
        id: instance.id, processKey: instance.name, definitionId, status: instance.status, revision: 1,
        businessKey: businessKeyOf(instance), parentItemId: instance.parentItemId ?? null,
        startedAt: toDate(instance.startedAt) ?? now, endedAt: toDate(instance.endedAt), updatedAt: now,
        data: (instance.data ?? {}) as any, state: state as any,
      }).execute();
      instance.saved = now;
      instance.revision = 1;
      instance.definitionId = definitionId;
    } else {
      const updated = await changeRows(manager,
        'UPDATE wf_instance SET status = ?, revision = revision + 1, ended_at = ?, updated_at = ?, data = ?, state = ?, business_key = ? WHERE id = ? AND revision = ?',
        [instance.status, toDate(instance.endedAt), now, jsonParameter(instance.data ?? {}), jsonParameter(state), businessKeyOf(instance), instance.id, instance.revision]);
      if (!updated) {
        throw new ConflictError(`Instance ${instance.id} was changed by someone else; reload and try again`, 'stale_revision');
      }
      instance.revision = (instance.revision ?? 0) + 1;
    }
    await this.writeItems(context, instance, pending.changedItems);
    await appendAudit(manager, instance.id, pending.audit, context.auditHeads);
    context.savedInstances.add(instance.id);
  }

  /** Items that changed since the previous save: stamped, audited, and remembered with their state as stored. */
  private recordItemChanges(context: OperationContext, instance: InstanceState, changedItems: UnsavedInstance['changedItems'], audit: AuditEntry[]): void {
    const snapshot = context.loadedItems.get(instance.id) ?? new Map<string, string>();
    const ended = endedItemsOf(context, instance.id);
    for (const item of instance.items ?? []) {
      // bpmn-server never changes an item again once it ended; comparing it on every save would cost a JSON.stringify each.
      if (ended.has(item.id)) continue;
      const previousJson = snapshot.get(item.id);
      if (previousJson !== JSON.stringify(item)) {
        stampWithEngineClock(item, previousJson, context.now);
        const previous = previousJson ? JSON.parse(previousJson) as ItemPayload : undefined;
        if (!changedItems.has(item.id)) changedItems.set(item.id, { stored: previous });
        const entry = auditForItem(item, previous, context);
        if (entry) audit.push(entry);
        snapshot.set(item.id, JSON.stringify(item));
      }
      if (item.status === 'end') ended.add(item.id);
    }
    context.loadedItems.set(instance.id, snapshot);
  }

  private async writeItems(context: OperationContext, instance: InstanceState, changedItems: UnsavedInstance['changedItems']): Promise<void> {
    const { manager } = context;
    const changed = (instance.items ?? []).filter((item) => changedItems.has(item.id))
      .map((item) => ({ next: item, previous: changedItems.get(item.id)!.stored }));
    const rows = changed.map(({ next }) => itemValues(itemRowFromPayload(instance.id, next)));
    // New and changed items in one statement per 50 (16 parameters each): an upsert on the item id.
    for (let i = 0; i < rows.length; i += 50) {
      await insertRows(manager, 'wf_item', ITEM_COLUMNS, rows.slice(i, i + 50), { upsert: { key: ['id'], update: ITEM_UPSERT_COLUMNS } });
    }
    for (const { next, previous } of changed) {
      if (next.type === USER_TASK && next.status === WAIT && previous?.status !== WAIT) context.startedUserTasks.add(next.id);
      await this.syncCandidates(manager, instance.id, next, previous);
      await this.syncTimer(manager, instance.id, next, previous);
    }
    if (this.taskEvents.hasListeners) {
      for (const { next, previous } of changed) await this.announceUserTask(context, instance, next, previous);
    }
  }

  /** Tells the listeners about a user task that started waiting or got another assignee while waiting. */
  private async announceUserTask(context: OperationContext, instance: InstanceState, item: ItemPayload, previous?: ItemPayload) {
    if (item.type !== USER_TASK || item.status !== WAIT) return;
    const started = previous?.status !== WAIT;
    const assignee = item.assignee ? String(item.assignee) : null;
    const previousAssignee = !started && previous?.assignee ? String(previous.assignee) : null;
    if (!started && assignee === previousAssignee) return;
    await this.taskEvents.emit({
      itemId: item.id, instanceId: instance.id, processKey: instance.name, businessKey: businessKeyOf(instance),
      elementId: item.elementId, name: typeof item.name === 'string' ? item.name : null,
      candidateGroups: asList(item.candidateGroups), candidateUsers: asList(item.candidateUsers), assignee,
      dueAt: toDate(item.dueDate), data: instance.data ?? {}, started, previousAssignee,
    }, context);
  }

  /** Waiting user tasks get one row per candidate group, candidate user and assignee; others get none. */
  private async syncCandidates(manager: EntityManager, instanceId: string, item: ItemPayload, previous?: ItemPayload) {
    if (item.type !== USER_TASK) return;
    if (previous?.status === WAIT) await manager.query('DELETE FROM wf_candidate WHERE item_id = ?', [item.id]);
    if (item.status !== WAIT) return;
    const dueSort = toDate(item.dueDate)?.toISOString() ?? 'z';
    const priorityRank = -taskPriority(item);
    const rows: Partial<CandidateRow>[] = [
      ...asList(item.candidateGroups).map((value) => ({ kind: 'group' as const, value })),
      ...asList(item.candidateUsers).map((value) => ({ kind: 'user' as const, value })),
      ...(item.assignee ? [{ kind: 'assignee' as const, value: String(item.assignee) }] : []),
    ].map((c) => ({ ...c, itemId: item.id, instanceId, dueSort, priorityRank }));
    const unique = [...new Map(rows.map((r) => [`${r.kind}:${r.value}`, r])).values()];
    await insertRows(manager, 'wf_candidate', ['item_id', 'kind', 'value', 'instance_id', 'due_sort', 'priority_rank'],
      unique.map((r) => [r.itemId, r.kind, r.value, r.instanceId, r.dueSort, r.priorityRank]));
  }

  /** A waiting item with a due time is a durable timer; anything else has none. */
  private async syncTimer(manager: EntityManager, instanceId: string, item: ItemPayload, previous?: ItemPayload) {
    const due = item.status === WAIT ? toDate(item.timeDue) : null;
    const hadTimer = previous?.status === WAIT && toDate(previous.timeDue) !== null;
    if (hadTimer && (!due || toDate(previous!.timeDue)!.getTime() !== due.getTime())) {
      await manager.query('DELETE FROM wf_timer WHERE item_id = ?', [item.id]);
    }
    if (due && (!hadTimer || toDate(previous!.timeDue)!.getTime() !== due.getTime())) {
      await insertRows(manager, 'wf_timer', ['item_id', 'instance_id', 'element_id', 'due_at', 'lease_owner', 'lease_until', 'attempts', 'last_error'],
        [[item.id, instanceId, item.elementId, due, null, null, 0, null]]);
    }
  }

  private definitionIdOf(instance: InstanceState): string {
    if (!instance.source) throw new Error(`Instance ${instance.id} has no definition source`);
    return definitionIdOf(instance.source);
  }

  // ---- not offered ------------------------------------------------------------------------------------

  async deleteInstances(): Promise<void> {
    throw new UnsupportedQueryError('deleteInstances', 'instances are never deleted; the audit trail must stay complete');
  }

  async archive(): Promise<void> {
    throw new UnsupportedQueryError('archive', 'archiving is not offered');
  }

  async find(): Promise<never> {
    throw new UnsupportedQueryError('find', 'use the application repositories for listings');
  }

  async install(): Promise<void> {}
}

const FINISHED = ['end', 'terminated', 'cancelled'];

/** `{ 'items.id': id }` of an item of a preloaded instance, as findItems would read it from its row. */
function preloadedItem(context: OperationContext, query: unknown): ItemPayload | undefined {
  const itemId = singleCondition(query, 'items.id');
  if (itemId === undefined) return undefined;
  for (const instance of context.preloaded.values()) {
    const stored = storedItem(context, instance.id, itemId);
    if (!stored) continue;
    return itemView(stored, {
      name: instance.name, id: instance.id, revision: instance.revision, data: structuredClone(instance.data ?? {}), tokens: instance.tokens,
    });
  }
  return undefined;
}

/** An item of an instance as the operation holds it stored (context.loadedItems), revived; undefined when it has none. */
function storedItem(context: OperationContext, instanceId: string, itemId: string): ItemPayload | undefined {
  const stored = context.loadedItems.get(instanceId)?.get(itemId);
  return stored === undefined ? undefined : reviveItem(JSON.parse(stored));
}

/** An item as bpmn-server's findItems answers it: with its instance's name, id, revision and data (the token's part as `data`). */
function itemView(payload: ItemPayload, instance: { name: string; id: string; revision?: number; data: Record<string, unknown>; tokens: unknown[] }): ItemPayload {
  const dataPath = (instance.tokens as any[]).find((t) => t.id === payload.tokenId)?.dataPath ?? '';
  return {
    ...payload,
    processName: instance.name,
    instanceId: instance.id,
    instanceVersion: instance.revision,
    instanceData: instance.data,
    data: dataPath ? DataHandler.getData(instance.data, dataPath) : instance.data,
  };
}

/** `{ id }` of a preloaded instance, handed over once: bpmn-server changes the state it restores. */
function takePreloaded(context: OperationContext, query: unknown): InstanceState | undefined {
  const id = singleCondition(query, 'id');
  const instance = id === undefined ? undefined : context.preloaded.get(id);
  if (instance) context.preloaded.delete(instance.id);
  return instance;
}

/** The value of a query that is exactly `{ [key]: '<string>' }`, else undefined. */
function singleCondition(query: unknown, key: string): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const keys = Object.keys(query);
  const value = (query as Record<string, unknown>)[key];
  return keys.length === 1 && keys[0] === key && typeof value === 'string' ? value : undefined;
}

function endedItemsOf(context: OperationContext, instanceId: string): Set<string> {
  let ended = context.endedItems.get(instanceId);
  if (!ended) context.endedItems.set(instanceId, (ended = new Set()));
  return ended;
}

/** A user task's camunda:priority as a whole number (0 when absent or not a number). */
export function taskPriority(item: Record<string, unknown>): number {
  const value = Number(item.priority);
  return Number.isFinite(value) ? Math.trunc(value) : 0;
}

/**
 * bpmn-server sets startedAt/endedAt with `new Date()`. A new item starts, and an item that just finished ends,
 * at the operation's time; times already saved are kept. Called for new and changed items only.
 */
function stampWithEngineClock(item: ItemPayload, previousJson: string | undefined, now: Date): void {
  const previous = previousJson ? JSON.parse(previousJson) as ItemPayload : undefined;
  item.startedAt = previous ? toDate(previous.startedAt) ?? now : now;
  if (FINISHED.includes(item.status) && item.endedAt) {
    item.endedAt = previous && FINISHED.includes(previous.status) ? toDate(previous.endedAt) ?? now : now;
  }
}

/** An item row's values in ITEM_COLUMNS order. */
function itemValues(row: Partial<ItemRow>): unknown[] {
  return [row.id, row.instanceId, row.seq, row.elementId, row.elementType, row.name, row.status, row.assignee, row.dueAt, row.timerDueAt,
    row.messageId, row.signalId, row.itemKey, row.startedAt, row.endedAt, jsonParameter(row.payload)];
}

interface RawItemRow { payload: unknown; instance_id: string; process_key: string; revision: number | string; data: unknown; state: unknown }

/** The translated conditions as a raw WHERE clause (empty when there are none); `?` placeholders on both dialects. */
function whereClause(conditions: ColumnCondition[]): { sql: string; parameters: unknown[] } {
  const parts: string[] = [];
  const parameters: unknown[] = [];
  for (const c of conditions) {
    switch (c.op) {
      case 'exists': parts.push(`${c.column} IS NOT NULL`); break;
      case 'notExists': parts.push(`${c.column} IS NULL`); break;
      case 'in': {
        const values = c.value as unknown[];
        parts.push(values.length === 0 ? '1 = 0' : `${c.column} IN (${placeholders(values)})`);
        parameters.push(...values.map(sqlParameter));
        break;
      }
      default:
        if (c.value === null || c.value === undefined) {
          if (c.op !== '=') throw new UnsupportedQueryError(c, 'null only compares for equality');
          parts.push(`${c.column} IS NULL`);
        } else {
          parts.push(`${c.column} ${c.op} ?`);
          parameters.push(sqlParameter(c.value instanceof Date ? c.value : dateIfTimestamp(c)));
        }
    }
  }
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', parameters };
}

function dateIfTimestamp(c: ColumnCondition): unknown {
  const timestampColumns = ['i.timer_due_at', 'i.due_at'];
  return timestampColumns.includes(c.column) ? toDate(c.value) : c.value;
}

function businessKeyOf(instance: InstanceState): string | null {
  const key = instance.data?.businessKey;
  return typeof key === 'string' && key.length > 0 ? key.slice(0, 100) : null;
}

const TIMER_OWNER = 'system:timer';

function auditForItem(item: ItemPayload, previous: ItemPayload | undefined, context: OperationContext): AuditEntry | null {
  const base = { itemId: item.id, elementId: item.elementId, at: context.now };
  const type = String(item.type ?? '');
  const becameWaiting = item.status === WAIT && previous?.status !== WAIT;
  const finished = (item.status === 'end' || item.status === 'terminated') && previous?.status !== item.status;
  if (type === 'bpmn:SequenceFlow' || type.endsWith('Gateway')) return null;
  if (item.timeDue || previous?.timeDue) {
    if (becameWaiting) return { ...base, action: 'timer scheduled', actor: null, after: { dueAt: toDate(item.timeDue)?.toISOString() } };
    if (finished) {
      const fired = context.actor === TIMER_OWNER && item.status === 'end';
      return { ...base, action: fired ? 'timer fired' : 'timer cancelled', actor: fired ? TIMER_OWNER : context.actor };
    }
    return null;
  }
  if (type === USER_TASK || type === 'bpmn:ReceiveTask') {
    if (becameWaiting) {
      return { ...base, action: 'task created', actor: null,
        after: { name: item.name, candidateGroups: asList(item.candidateGroups), dueDate: toDate(item.dueDate)?.toISOString() ?? null } };
    }
    if (finished) return { ...base, action: item.status === 'end' ? 'completed' : 'cancelled', actor: context.actor };
    if (previous && previous.assignee !== item.assignee) {
      // Taking a task oneself is a claim; giving it to someone else (a head, an escalation) is an assignment.
      const action = !item.assignee ? 'unclaimed' : String(item.assignee) === context.actor ? 'claimed' : 'assigned';
      return { ...base, action, actor: context.actor,
        before: { assignee: previous.assignee ?? null }, after: { assignee: item.assignee ?? null } };
    }
    return null;
  }
  if (['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'].includes(type) && finished) {
    return { ...base, action: 'service result', actor: 'system', after: { output: item.output ?? null } };
  }
  if (type.endsWith('Event') && finished && item.status === 'end' && type !== 'bpmn:StartEvent' && type !== 'bpmn:EndEvent') {
    return { ...base, action: 'event', actor: context.actor, after: { name: item.name ?? item.elementId } };
  }
  return null;
}

const DATA_CHANGING_ACTIONS = ['completed', 'service result', 'timer fired'];

/** A data change caused by completing a task or by a handler belongs on that row, so an auditor sees who changed what. */
function mergeDataChangeIntoAction(audit: AuditEntry[]): void {
  const changeIndex = audit.findIndex((e) => e.action === 'data changed');
  const owner = audit.find((e) => DATA_CHANGING_ACTIONS.includes(e.action));
  if (changeIndex < 0 || !owner) return;
  const [change] = audit.splice(changeIndex, 1);
  owner.before = { ...(owner.before ?? {}), ...change.before };
  owner.after = { ...(owner.after ?? {}), ...change.after };
}

/** Removes and returns the audit rows handlers queued for this scope. */
export function takePendingAudit(context: OperationContext, scope: string): AuditEntry[] {
  const pending = context.pendingAudit ?? [];
  const mine = pending.filter((p) => p.scope === scope).map((p) => p.entry);
  context.pendingAudit = pending.filter((p) => p.scope !== scope);
  return mine;
}

export { TIMER_OWNER };
