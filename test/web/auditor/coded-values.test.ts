import { codedValueLabel, Namer } from '../../../web/src/auditor/history/coded-values';

const names: Record<string, Record<string, string>> = {
  category: { technicalService: '技术服务类' }, level: { normal: '正常投诉' }, origin: { regular: '常规投诉' }, role: { ops: '运维管理部' }, department: { YW: '运维管理部' },
};
const namer = Object.fromEntries(['category', 'severity', 'kind', 'channel', 'level', 'origin', 'status', 'satisfaction', 'department', 'role']
  .map((list) => [list, (code: string) => names[list]?.[code] ?? code])) as Namer;

describe('codedValueLabel', () => {
  it('names coded values by their field, array items included', () => {
    expect(codedValueLabel(namer, 'data.category', 'technicalService')).toBe('技术服务类');
    expect(codedValueLabel(namer, 'candidateGroups.1', 'ops')).toBe('运维管理部');
    expect(codedValueLabel(namer, 'data.level', 'normal')).toBe('正常投诉');
    expect(codedValueLabel(namer, 'data.origin', 'regular')).toBe('常规投诉');
    expect(codedValueLabel(namer, 'data.responsibleDeptCode', 'YW')).toBe('运维管理部');
  });
  it('leaves free text, unknown codes and non-strings as they are', () => {
    expect(codedValueLabel(namer, 'data.cause', 'technicalService')).toBeNull();
    expect(codedValueLabel(namer, 'data.category', 'somethingNew')).toBeNull();
    expect(codedValueLabel(namer, 'data.category', 3)).toBeNull();
  });
});
