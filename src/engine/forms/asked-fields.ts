import { evaluateExpression, expressionContext } from '../expressions';
import { FormField, TaskForm } from './form-field';

/**
 * The fields a user task asks for on this instance: those without a `visibleWhen` condition and those whose condition
 * holds on the instance data. A condition that fails to evaluate on odd data keeps its field: asking one question too
 * many can be answered, a missing one cannot.
 */
export function askedFields(form: TaskForm, data: Readonly<Record<string, unknown>>, now: Date): TaskForm {
  if (!form.some((field) => field.visibleWhen !== undefined)) return form;
  const context = expressionContext({ data }, now);
  return form.filter((field) => field.visibleWhen === undefined || holds(field, context));
}

function holds(field: FormField, context: Record<string, unknown>): boolean {
  try {
    return evaluateExpression(field.visibleWhen!, context) === true;
  } catch {
    return true;
  }
}
