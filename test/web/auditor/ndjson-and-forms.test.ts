import type { FormField } from '../../../src/engine/forms/form-field';
import { NdjsonLines } from '../../../web/src/auditor/verify/ndjson';
import { fillForm } from '../../e2e/auditor/fill-form';

describe('NdjsonLines', () => {
  it('joins lines split across chunks and parses the unterminated rest at the end', () => {
    const lines = new NdjsonLines<{ n: number }>();
    expect(lines.push('{"n":1}\n{"n"')).toEqual([{ n: 1 }]);
    expect(lines.push(':2}\n\n')).toEqual([{ n: 2 }]);
    expect(lines.push('{"n":3}')).toEqual([]);
    expect(lines.end()).toEqual([{ n: 3 }]);
  });
});

describe('fillForm (browser-test driver)', () => {
  const field = (id: string, type: FormField['type'], constraints: Partial<FormField['constraints']> = {}, values: FormField['values'] = []): FormField =>
    ({ id, label: id, type, values, constraints: { required: true, ...constraints } });

  it('fills every field with a value its type and constraints accept, and honours preferences', () => {
    const data = fillForm([
      field('settledByReceiver', 'boolean'),
      field('solved', 'boolean'),
      field('responsibleDept', 'enum', {}, [{ id: 'YW', name: '运维管理部' }]),
      field('violations', 'long', { min: 3 }),
      field('cause', 'string', { minlength: 20, maxlength: 30 }),
      field('ticket', 'string', { pattern: '^GD[0-9]{6}$' }),
      field('fixedAt', 'date'),
    ], { settledByReceiver: false });
    expect(data).toMatchObject({ settledByReceiver: false, solved: true, responsibleDept: 'YW', violations: 3 });
    expect(data.ticket).toMatch(/^GD[0-9]{6}$/);
    expect([...(data.cause as string)].length).toBeGreaterThanOrEqual(20);
    expect([...(data.cause as string)].length).toBeLessThanOrEqual(30);
    expect(Number.isNaN(Date.parse(data.fixedAt as string))).toBe(false);
  });
});
