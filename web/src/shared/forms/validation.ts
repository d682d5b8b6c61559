// The browser checks task data with the server's own validator and message translation (pure TypeScript, no Node
// dependencies), so a value the console accepts is exactly one POST /tasks/{id}/complete accepts, and a refused
// value reads the same as the server's zh-CN 400 would.
import { ValidationError } from '../../../../src/domain/errors';
import type { FormField, TaskForm } from '../../../../src/engine/forms/form-field';
import { validateForm } from '../../../../src/engine/forms/validate-form';
import { fieldMessageInChinese } from '../../../../src/http/i18n/field-messages-zh';

export type FieldMessages = Record<string, string[]>;

/** What the clerk typed, by field id: text, number, boolean, ISO date text or enum id; null/'' = left empty. */
export type FormModel = Record<string, unknown>;

export interface FormCheck {
  /** The data to send: only fields that were filled in. */
  data: Record<string, unknown>;
  /** Field id → Chinese messages; empty when the data is valid. */
  errors: FieldMessages;
}

/** The payload of a form model: empty optional fields are left out, as the server ignores them anyway. */
export function formPayload(form: TaskForm, model: FormModel): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form) {
    const value = model[field.id];
    if (value !== undefined && value !== null && value !== '') data[field.id] = value;
  }
  return data;
}

export function checkTaskForm(form: TaskForm, model: FormModel): FormCheck {
  const data = formPayload(form, model);
  try {
    validateForm(form, data);
    return { data, errors: {} };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: FieldMessages = {};
    for (const { field, messages } of error.fields) {
      const id = field.replace(/^data\./, '');
      errors[id] = messages.map(chineseFieldMessage);
    }
    return { data, errors };
  }
}

/** The model a form starts with: each field's declared default, typed. */
export function initialModel(form: TaskForm): FormModel {
  const model: FormModel = {};
  for (const field of form) model[field.id] = typedDefault(field);
  return model;
}

function typedDefault(field: FormField): unknown {
  const raw = field.defaultValue;
  if (raw === undefined || raw === '') return field.type === 'string' ? '' : null;
  switch (field.type) {
    case 'long': {
      const n = Number(raw);
      return Number.isSafeInteger(n) ? n : null;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : null;
    default:
      return raw;
  }
}

/** The validator's English message in Chinese: the server's own translation (what a zh-CN 400 carries). */
export function chineseFieldMessage(message: string): string {
  return fieldMessageInChinese(message);
}
