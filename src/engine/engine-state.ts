import { InstanceRow, ItemRow } from '../persistence/entities/engine';

/** The shapes bpmn-server reads and writes (IInstanceData / IItemData), kept loose on purpose. */
export type ItemPayload = Record<string, any> & { id: string; seq: number; elementId: string; status: string };
export type InstanceState = Record<string, any> & {
  id: string; name: string; status: string; data: Record<string, unknown>; items: ItemPayload[];
  tokens: unknown[]; loops: unknown[]; source?: string; revision?: number; definitionId?: string;
};

const ITEM_DATE_FIELDS = ['startedAt', 'endedAt', 'timeDue', 'dueDate', 'followUpDate'] as const;

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** bpmn-server compares and formats these as Dates, so JSON strings are turned back into Dates. */
export function reviveItem(payload: Record<string, any>): ItemPayload {
  const item = { ...payload } as ItemPayload;
  for (const field of ITEM_DATE_FIELDS) {
    if (item[field] !== undefined && item[field] !== null) item[field] = toDate(item[field]) ?? undefined;
  }
  return item;
}

export function instanceStateFromRow(row: InstanceRow, items: ItemPayload[], source: string): InstanceState {
  return {
    id: row.id,
    name: row.processKey,
    status: row.status,
    version: row.revision,
    revision: row.revision,
    definitionId: row.definitionId,
    businessKey: row.businessKey,
    startedAt: row.startedAt,
    endedAt: row.endedAt ?? undefined,
    saved: row.updatedAt,
    data: row.data ?? {},
    items,
    source,
    svg: null,
    logs: [],
    tokens: row.state?.tokens ?? [],
    loops: row.state?.loops ?? [],
    parentItemId: row.parentItemId ?? undefined,
  };
}

export function itemRowFromPayload(instanceId: string, item: ItemPayload): Partial<ItemRow> {
  return {
    id: item.id,
    instanceId,
    seq: item.seq,
    elementId: item.elementId,
    elementType: String(item.type ?? ''),
    name: item.name ? String(item.name).slice(0, 200) : null,
    status: item.status,
    assignee: item.assignee ? String(item.assignee) : null,
    dueAt: toDate(item.dueDate),
    timerDueAt: toDate(item.timeDue),
    messageId: item.messageId ?? null,
    signalId: item.signalId ?? null,
    itemKey: item.itemKey != null ? String(item.itemKey) : null,
    startedAt: toDate(item.startedAt),
    endedAt: toDate(item.endedAt),
    payload: item,
  };
}

export const asList = (value: unknown): string[] =>
  value == null || value === '' ? [] : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);
