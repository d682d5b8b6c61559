import { diffData, flatten } from '../../../web/src/auditor/history/diff';
import { actionLabel, actorLabel, beijingTime, formatValue, formFieldLabels, yuan } from '../../../web/src/auditor/history/format';

describe('diffData', () => {
  it('lists changed, added and removed fields by path and hides unchanged ones', () => {
    const rows = diffData(
      { status: 'handling', data: { satisfaction: null, reopenCount: 0, dept: 'YW' } },
      { status: 'closed', data: { satisfaction: 'satisfied', reopenCount: 0 }, closedAt: '2026-11-23T02:00:00.000Z' },
    );
    expect(rows).toEqual([
      { path: 'closedAt', kind: 'added', before: undefined, after: '2026-11-23T02:00:00.000Z' },
      { path: 'data.dept', kind: 'removed', before: 'YW', after: undefined },
      { path: 'data.satisfaction', kind: 'changed', before: null, after: 'satisfied' },
      { path: 'status', kind: 'changed', before: 'handling', after: 'closed' },
    ]);
  });

  it('keeps unchanged fields when asked, and orders array indexes numerically', () => {
    const before = { lines: Array.from({ length: 11 }, (_, i) => ({ amountFen: i })) };
    const after = { lines: before.lines.map((l, i) => (i === 10 ? { amountFen: 99 } : l)) };
    const rows = diffData(before, after, { includeUnchanged: true });
    expect(rows.map((r) => r.path).slice(-2)).toEqual(['lines.9.amountFen', 'lines.10.amountFen']);
    expect(rows.filter((r) => r.kind === 'changed')).toEqual([{ path: 'lines.10.amountFen', kind: 'changed', before: 10, after: 99 }]);
  });

  it('treats an entry with only an after as all additions, and empty containers as values', () => {
    expect(diffData(null, { recipients: [] })).toEqual([{ path: 'recipients', kind: 'added', before: undefined, after: [] }]);
    expect([...flatten({ a: {} }).entries()]).toEqual([['a', {}]]);
  });
});

describe('formatting for auditors', () => {
  it('shows instants in Beijing time, money in yuan, booleans in Chinese', () => {
    expect(beijingTime('2026-11-23T16:30:05.000Z')).toBe('2026-11-24 00:30:05');
    expect(yuan(123456)).toBe('1,234.56 元');
    expect(yuan(-5)).toBe('-0.05 元');
    expect(formatValue('after.totalFen', 20000)).toBe('200.00 元');
    expect(formatValue('dueAt', '2026-11-23T01:00:00Z')).toBe('2026-11-23 09:00:00');
    // a lifecycle step's reason, recorded as an English key
    expect(formatValue('after.reason', 'first response overdue')).toBe('首次响应超时（first response overdue）');
    expect(formatValue('after.reason', '雷击')).toBe('雷击');
    expect(formatValue('solved', false)).toBe('否');
    expect(formatValue('x', null)).toBe('（空）');
  });

  it('names audit actions in Chinese and keeps unknown ones as recorded', () => {
    expect(actionLabel('timer cancelled')).toBe('计时器取消');
    expect(actionLabel('something new')).toBe('something new');
  });
});

describe('formFieldLabels', () => {
  it('names form fields from the diagram, whatever the attribute order, over the common names', () => {
    const xml = `<camunda:formField id="satisfaction" label="客户满意度" type="enum">
      <camunda:formField type="boolean" label="问题已得到实质性解决" id="solved" />
      <camunda:formField id="status" label="处理&amp;状态" />`;
    const labels = formFieldLabels(xml);
    expect(labels.satisfaction).toBe('客户满意度');
    expect(labels.solved).toBe('问题已得到实质性解决');
    expect(labels.status).toBe('处理&状态');
    expect(labels.reopenCount).toBe('重新处理次数');
  });
});

describe('actorLabel', () => {
  it('names who acted with the username they sign in with; the engine is 系统; an unknown username stays as recorded', () => {
    const people = { ops1: '李强' };
    expect(actorLabel('ops1', people)).toBe('李强（ops1）');
    expect(actorLabel(null, people)).toBe('系统');
    expect(actorLabel('gone1', people)).toBe('gone1');
    expect(actorLabel('ops1', undefined)).toBe('ops1');
  });
});
