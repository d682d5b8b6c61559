import { NdjsonLines } from '../../../web/src/auditor/verify/ndjson';
import { fillForm, sampleFor } from '../../e2e/auditor/fill-form';

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
  const required = { required: true };
  it('fills every field with a value its type and constraints accept, and honours preferences', () => {
    const data = fillForm([
      { id: 'settledByReceiver', label: '自行处理', type: 'boolean', values: [], constraints: required },
      { id: 'solved', label: '已解决', type: 'boolean', values: [], constraints: required },
      { id: 'responsibleDept', label: '责任部门', type: 'enum', values: [{ id: 'YW', name: '运维管理部' }], constraints: required },
      { id: 'violations', label: '违规次数', type: 'long', values: [], constraints: { required: true, min: 3 } },
      { id: 'cause', label: '原因', type: 'string', values: [], constraints: { required: true, minlength: 20, maxlength: 30 } },
      { id: 'ticket', label: '工单号', type: 'string', values: [], constraints: { required: true, pattern: '^GD[0-9]{6}$' } },
    ], { settledByReceiver: false });
    expect(data).toMatchObject({ settledByReceiver: false, solved: true, responsibleDept: 'YW', violations: 3, ticket: 'GD000000' });
    expect((data.cause as string).length).toBeGreaterThanOrEqual(20);
    expect((data.cause as string).length).toBeLessThanOrEqual(30);
  });

  it('refuses patterns it cannot satisfy instead of sending invalid data', () => {
    expect(sampleFor('^(a|b)+$')).toBeNull();
    expect(sampleFor('^\\d{4}-[A-Z]{2}$')).toBe('1111-AA');
  });
});
