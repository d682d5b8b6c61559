import type { FormField } from '../../../src/engine/forms/form-field';
import { sampleValue } from '../support/sample-values';

/**
 * Valid completion data for a task, generated from the form it declares (GET /tasks/:id → form), so the browser
 * test keeps driving complaints to closure when process owners change the forms. `prefer` steers the path where a
 * field decides a branch (e.g. `{ settledByReceiver: false }`); every other field gets the console tests' sample
 * value, except dates, which the API takes as ISO-8601 (the sample is what a clerk types).
 */
export function fillForm(form: readonly FormField[], prefer: Record<string, unknown> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form) {
    if (field.id in prefer) data[field.id] = prefer[field.id];
    else data[field.id] = field.type === 'date' ? '2026-11-25T10:00:00+08:00' : sampleValue(field);
  }
  return data;
}
