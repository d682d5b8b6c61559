// The browser checks task data with the server's own validator (pure TypeScript, no Node dependencies),
// so a value the console accepts is exactly a value POST /tasks/{id}/complete accepts.
import { ValidationError } from '../../../../src/domain/errors';
import type { FormField, TaskForm } from '../../../../src/engine/forms/form-field';
import { validateForm } from '../../../../src/engine/forms/validate-form';

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

const MESSAGE_RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^required$/, () => '此项为必填项'],
  [/^is not a field of this task's form$/, () => '表单中没有该字段'],
  [/^must be text$/, () => '请输入文本'],
  [/^must be at least (\d+) characters long$/, (m) => `至少输入 ${m[1]} 个字`],
  [/^must be at most (\d+) characters long$/, (m) => `最多输入 ${m[1]} 个字`],
  [/^must match /, () => '格式不正确'],
  [/^must be a whole number$/, () => '请输入整数'],
  [/^must be at least (-?\d+(?:\.\d+)?)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be at most (-?\d+(?:\.\d+)?)$/, (m) => `不能大于 ${m[1]}`],
  [/^must be true or false$/, () => '请选择“是”或“否”'],
  [/^must be an ISO-8601 date/, () => '请选择有效的日期时间'],
  [/^must be one of /, () => '请从选项中选择'],
];

/** The validator's English message in Chinese (a message already in Chinese stays as it is). */
export function chineseFieldMessage(message: string): string {
  for (const [pattern, text] of MESSAGE_RULES) {
    const match = pattern.exec(message);
    if (match) return text(match);
  }
  return message;
}
