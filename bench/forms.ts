/**
 * Valid values for a task's form as GET /tasks/:id describes it, chosen without knowing the diagram: the
 * declared default, else `true` for a boolean, the first option of an enum, the lower bound of a number, today
 * for a date and a short text within the length limits for a string. Booleans true and first options make the
 * shipped diagrams take their straight path (solved, measures in place, customer satisfied, records complete).
 */
export interface FormField {
  id: string;
  type: string;
  values: { id: string }[];
  constraints: { required: boolean; minlength?: number; maxlength?: number; min?: number; max?: number; pattern?: string };
  defaultValue?: string;
}

export function fillForm(form: FormField[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form) data[field.id] = valueFor(field);
  return data;
}

function valueFor(field: FormField): unknown {
  const { constraints } = field;
  switch (field.type) {
    case 'boolean':
      return field.defaultValue !== undefined ? field.defaultValue === 'true' : true;
    case 'enum':
      return field.defaultValue ?? field.values[0]?.id;
    case 'long': {
      if (field.defaultValue !== undefined) return Number(field.defaultValue);
      return constraints.min ?? Math.min(1, constraints.max ?? 1);
    }
    case 'date':
      return field.defaultValue ?? new Date().toISOString();
    default: {
      if (field.defaultValue !== undefined) return field.defaultValue;
      const text = '性能测试记录：已核实并处理。';
      const min = constraints.minlength ?? 0;
      const padded = text.length >= min ? text : text.padEnd(min, '。');
      return constraints.maxlength !== undefined ? padded.slice(0, constraints.maxlength) : padded;
    }
  }
}
