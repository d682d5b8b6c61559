/**
 * Valid completion data for a task, generated from the form the task declares (GET /tasks/:id → form), so the
 * browser test keeps driving complaints to closure when process owners change the forms.
 * `prefer` steers the path where a field decides a branch (e.g. `{ settledByReceiver: false }`); every other
 * field gets the first value its type and constraints allow: booleans true, enums their first value.
 */

export interface FormFieldSchema {
  id: string;
  label: string;
  type: string;
  values: Array<{ id: string; name: string }>;
  constraints: { required: boolean; minlength?: number; maxlength?: number; min?: number; max?: number; pattern?: string };
}

export function fillForm(form: readonly FormFieldSchema[], prefer: Record<string, unknown> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form) data[field.id] = field.id in prefer ? prefer[field.id] : valueFor(field);
  return data;
}

function valueFor(field: FormFieldSchema): unknown {
  const { constraints } = field;
  switch (field.type) {
    case 'boolean':
      return true;
    case 'enum':
      if (field.values.length === 0) throw new Error(`enum field ${field.id} has no values`);
      return field.values[0].id;
    case 'long': {
      const low = constraints.min ?? 0;
      if (constraints.max !== undefined && constraints.max < low) throw new Error(`field ${field.id}: min above max`);
      return Math.max(low, Math.min(1, constraints.max ?? 1));
    }
    case 'date':
      return '2026-11-23T10:00:00+08:00';
    case 'string':
      return textFor(field);
    default:
      throw new Error(`field ${field.id}: unknown form type ${field.type}`);
  }
}

function textFor(field: FormFieldSchema): string {
  const { minlength = 0, maxlength = Number.POSITIVE_INFINITY, pattern } = field.constraints;
  if (pattern) {
    const sample = sampleFor(pattern);
    if (sample === null) throw new Error(`field ${field.id}: cannot make a sample for pattern ${pattern}`);
    return sample;
  }
  let text = `${field.label}（浏览器测试填写）`;
  while (text.length < minlength) text += '。';
  return text.length > maxlength ? text.slice(0, Math.max(minlength, maxlength)) : text;
}

/** A string matching simple anchored patterns such as `^GD[0-9]{6}$`; null when the pattern is beyond that. */
export function sampleFor(pattern: string): string | null {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let rest = body;
  while (rest.length > 0) {
    const klass = /^\[([^\]]+)\](\{(\d+)(,\d*)?\}|\+|\*|\?)?/.exec(rest);
    if (klass) {
      const repeat = klass[2] === undefined ? 1 : klass[3] !== undefined ? Number(klass[3]) : klass[2] === '+' ? 1 : 0;
      out += firstOf(klass[1]).repeat(repeat);
      rest = rest.slice(klass[0].length);
      continue;
    }
    const digit = /^\\d(\{(\d+)(,\d*)?\}|\+)?/.exec(rest);
    if (digit) {
      out += '1'.repeat(digit[2] !== undefined ? Number(digit[2]) : 1);
      rest = rest.slice(digit[0].length);
      continue;
    }
    if (/^[A-Za-z0-9\-_:/ ]/.test(rest)) {
      out += rest[0];
      rest = rest.slice(1);
      continue;
    }
    return null;
  }
  return new RegExp(pattern).test(out) ? out : null;
}

function firstOf(characterClass: string): string {
  return characterClass[0] === '\\' && characterClass[1] === 'd' ? '1' : characterClass[0];
}
