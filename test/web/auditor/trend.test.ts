import { MonthlyFigures, monthsBetween, monthsEndingWith, rangeSummary, trendOf } from '../../../web/src/auditor/reports/trend';

function month(key: string, over: Partial<MonthlyFigures>): MonthlyFigures {
  const none = { assessed: 0, withinLimit: 0, late: 0, pending: 0, share: null };
  return {
    month: key, total: 0, byCategory: [], bySeverity: [], timeliness: { response: none, resolution: none },
    money: { fines: { entries: 0, totalFen: 0 }, refunds: { entries: 0, totalFen: 0 }, netFen: 0 }, ...over,
  };
}

describe('monthsBetween', () => {
  it('crosses the year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('trendOf', () => {
  it('aligns categories across months, fills gaps with zero and drops categories that never occur', () => {
    const trend = trendOf([
      month('2026-11', { total: 3, byCategory: [{ key: 'billing', label: '计费', count: 2 }, { key: 'network', label: '网络', count: 1 }, { key: 'other', label: '其他', count: 0 }] }),
      month('2026-10', { total: 1, byCategory: [{ key: 'network', label: '网络', count: 1 }] }),
    ]);
    expect(trend.months).toEqual(['2026-10', '2026-11']);
    expect(trend.byCategory).toEqual([
      { key: 'network', label: '网络', values: [1, 1] },
      { key: 'billing', label: '计费', values: [0, 2] },
    ]);
  });

  it('gives SLA compliance in percent (null when nothing was assessed) and money in yuan', () => {
    const trend = trendOf([
      month('2026-10', {}),
      month('2026-11', {
        timeliness: { response: { assessed: 3, withinLimit: 2, late: 1, pending: 0, share: 2 / 3 }, resolution: { assessed: 1, withinLimit: 1, late: 0, pending: 2, share: 1 } },
        money: { fines: { entries: 2, totalFen: 30050 }, refunds: { entries: 1, totalFen: 12000 }, netFen: -18050 },
      }),
    ]);
    expect(trend.responseCompliance).toEqual([null, 66.7]);
    expect(trend.resolutionCompliance).toEqual([null, 100]);
    expect(trend.finesYuan).toEqual([0, 300.5]);
    expect(trend.refundsYuan).toEqual([0, 120]);
  });

  it('summarises the range from counts, not by averaging monthly shares', () => {
    const summary = rangeSummary([
      month('2026-10', { total: 1, timeliness: { response: { assessed: 1, withinLimit: 0, late: 1, pending: 0, share: 0 }, resolution: { assessed: 0, withinLimit: 0, late: 0, pending: 0, share: null } } }),
      month('2026-11', { total: 3, timeliness: { response: { assessed: 3, withinLimit: 3, late: 0, pending: 0, share: 1 }, resolution: { assessed: 0, withinLimit: 0, late: 0, pending: 0, share: null } } }),
    ]);
    expect(summary).toMatchObject({ complaints: 4, responseCompliance: 75, resolutionCompliance: null });
  });
});

describe('monthsEndingWith', () => {
  it('counts back across the year end', () => {
    expect(monthsEndingWith('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2026-12', 12)[0]).toBe('2026-01');
  });
});
