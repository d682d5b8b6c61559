import { FieldError, ValidationError } from '../../domain/errors';

/** Collects field-level problems of a use case's input and throws them together as one ValidationError. */
export class InputChecks {
  private readonly problems = new Map<string, string[]>();

  fail(field: string, message: string): void {
    const messages = this.problems.get(field) ?? [];
    messages.push(message);
    this.problems.set(field, messages);
  }

  check(condition: boolean, field: string, message: string): void {
    if (!condition) this.fail(field, message);
  }

  throwIfAny(message: string): void {
    if (this.problems.size === 0) return;
    const fields: FieldError[] = [...this.problems].map(([field, messages]) => ({ field, messages }));
    throw new ValidationError(message, fields);
  }
}
