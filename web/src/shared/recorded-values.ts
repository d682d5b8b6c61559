import type { FormField } from './api/types';
import { formatDateTime } from './format';

/** A recorded form value as the clerk entered it: 是/否, the option's name, a Shanghai time, the text. */
export function formatRecordedValue(field: FormField, value: unknown): string {
  switch (field.type) {
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'enum':
      return field.values.find((v) => v.id === value)?.name ?? String(value);
    case 'date':
      return typeof value === 'string' ? formatDateTime(value) : String(value);
    default:
      return String(value);
  }
}
