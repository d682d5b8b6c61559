/**
 * Translates the MongoDB-style queries bpmn-server issues (`{ id }`, `{ "items.id": … }`,
 * `{ "items.status": "wait", "items.messageId": … }`, `{ "items.timeDue": { $lt: … } }`) into column conditions.
 * All `items.*` conditions apply to the same item row. Anything else is refused rather than guessed.
 */
export type Operator = '=' | '<' | '<=' | '>' | '>=' | 'in' | 'exists' | 'notExists';

export interface ColumnCondition {
  column: string;
  op: Operator;
  value?: unknown;
}

export interface TranslatedQuery {
  instance: ColumnCondition[];
  item: ColumnCondition[];
}

export class UnsupportedQueryError extends Error {
  constructor(query: unknown, reason: string) {
    super(`Unsupported engine query ${safe(query)}: ${reason}`);
    this.name = 'UnsupportedQueryError';
  }
}

const INSTANCE_COLUMNS: Record<string, string> = {
  id: 'n.id',
  name: 'n.process_key',
  status: 'n.status',
  parentItemId: 'n.parent_item_id',
};

const ITEM_COLUMNS: Record<string, string> = {
  id: 'i.id',
  elementId: 'i.element_id',
  status: 'i.status',
  messageId: 'i.message_id',
  signalId: 'i.signal_id',
  itemKey: 'i.item_key',
  timeDue: 'i.timer_due_at',
  type: 'i.element_type',
  assignee: 'i.assignee',
  dueDate: 'i.due_at',
};

const OPERATORS: Record<string, Operator> = { $eq: '=', $lt: '<', $lte: '<=', $gt: '>', $gte: '>=', $in: 'in' };

export function translateEngineQuery(query: unknown): TranslatedQuery {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new UnsupportedQueryError(query, 'expected an object');
  }
  const result: TranslatedQuery = { instance: [], item: [] };
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('items.')) {
      const column = ITEM_COLUMNS[key.slice('items.'.length)];
      if (!column) throw new UnsupportedQueryError(query, `unknown item field ${key}`);
      result.item.push(condition(column, value, query));
    } else {
      const column = INSTANCE_COLUMNS[key];
      if (!column) throw new UnsupportedQueryError(query, `unknown instance field ${key}`);
      result.instance.push(condition(column, value, query));
    }
  }
  return result;
}

function condition(column: string, value: unknown, query: unknown): ColumnCondition {
  if (value === null || typeof value !== 'object' || value instanceof Date) return { column, op: '=', value };
  const entries = Object.entries(value);
  if (entries.length !== 1) throw new UnsupportedQueryError(query, `expected one operator on ${column}`);
  const [operator, operand] = entries[0];
  if (operator === '$exists') return { column, op: operand ? 'exists' : 'notExists' };
  const op = OPERATORS[operator];
  if (!op) throw new UnsupportedQueryError(query, `unsupported operator ${operator}`);
  if (op === 'in' && !Array.isArray(operand)) throw new UnsupportedQueryError(query, '$in needs an array');
  return { column, op, value: operand };
}

function safe(value: unknown): string {
  try { return JSON.stringify(value); } catch { return String(value); }
}
