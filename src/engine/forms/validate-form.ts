import { FieldError, ValidationError } from '../../domain/errors';
import { ACCEPTED_SPAN_TEXT, isWithinAcceptedSpan } from '../../domain/instants';
import { FormField, TaskForm } from './form-field';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Checks submitted task data against the task's form and returns the typed values: strings, integers, booleans,
 * enum value ids, and dates as ISO-8601 text (instance data is JSON). Every problem is reported at once, each
 * under `<prefix>.<field id>`; fields the form does not declare are rejected, and so are `notAsked` ones (declared, but
 * their visibleWhen does not hold), with their condition. Absent optional fields stay absent.
 */
export function validateForm(form: TaskForm, submitted: Record<string, unknown>, prefix = 'data', notAsked: TaskForm = []): Record<string, unknown> {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  const declared = new Set(form.map((field) => field.id));
  const conditions = new Map(notAsked.map((field) => [field.id, field.visibleWhen]));
  for (const key of Object.keys(submitted)) {
    if (declared.has(key)) continue;
    const condition = conditions.get(key);
    errors.push({ field: `${prefix}.${key}`, messages: [condition ? `is not asked for here: only when ${condition}` : 'is not a field of this task\'s form'] });
  }
  for (const field of form) {
    const raw = submitted[field.id];
    if (raw === undefined || raw === null || raw === '') {
      if (field.constraints.required) errors.push({ field: `${prefix}.${field.id}`, messages: ['required'] });
      continue;
    }
    const checked = checkValue(field, raw);
    if (checked.messages.length > 0) errors.push({ field: `${prefix}.${field.id}`, messages: checked.messages });
    else values[field.id] = checked.value;
  }
  if (errors.length > 0) throw new ValidationError('The task data does not match the task\'s form', errors);
  return values;
}

function checkValue(field: FormField, raw: unknown): { value?: unknown; messages: string[] } {
  const c = field.constraints;
  switch (field.type) {
    case 'string': {
      if (typeof raw !== 'string') return { messages: ['must be text'] };
      const messages: string[] = [];
      const length = [...raw].length;
      if (c.minlength !== undefined && length < c.minlength) messages.push(`must be at least ${c.minlength} characters long`);
      if (c.maxlength !== undefined && length > c.maxlength) messages.push(`must be at most ${c.maxlength} characters long`);
      if (c.pattern !== undefined && !new RegExp(c.pattern, 'u').test(raw)) messages.push(`must match ${c.pattern}`);
      return { value: raw, messages };
    }
    case 'long': {
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return { messages: ['must be a whole number'] };
      const messages: string[] = [];
      if (c.min !== undefined && raw < c.min) messages.push(`must be at least ${c.min}`);
      if (c.max !== undefined && raw > c.max) messages.push(`must be at most ${c.max}`);
      return { value: raw, messages };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw, messages: [] } : { messages: ['must be true or false'] };
    case 'date': {
      const date = typeof raw === 'string' && ISO_DATE.test(raw) ? new Date(raw) : null;
      if (!date || Number.isNaN(date.getTime())) return { messages: ['must be an ISO-8601 date, e.g. 2026-11-23T10:00:00+08:00'] };
      if (!isWithinAcceptedSpan(date)) return { messages: [`must be a date ${ACCEPTED_SPAN_TEXT}`] };
      return { value: date.toISOString(), messages: [] };
    }
    case 'enum': {
      const allowed = field.values.map((v) => v.id);
      return typeof raw === 'string' && allowed.includes(raw)
        ? { value: raw, messages: [] }
        : { messages: [oneOfMessage(field.values)] };
    }
  }
}

/**
 * The message for a value outside a list: its ids, which are what a script sends, each with the name the people who
 * read the message know it by (`YW (运维管理部)`).
 */
export function oneOfMessage(values: ReadonlyArray<{ id: string; name: string }>): string {
  return `must be one of ${values.map((v) => (v.name && v.name !== v.id ? `${v.id} (${v.name})` : v.id)).join(', ')}`;
}
