/** Month-by-month series for the reports page, from the monthly statistics (GET /reports/monthly?format=json). */

export interface CountRow { key: string; label: string; count: number }
export interface Timeliness { assessed: number; withinLimit: number; late: number; pending: number; share: number | null }
export interface LedgerTotal { entries: number; totalFen: number }

/** The part of a monthly report the charts read. */
export interface MonthlyFigures {
  month: string;
  total: number;
  byCategory: CountRow[];
  bySeverity: CountRow[];
  timeliness: { response: Timeliness; resolution: Timeliness };
  money: { fines: LedgerTotal; refunds: LedgerTotal; netFen: number };
}

export interface Series { key: string; label: string; values: Array<number | null> }

export interface Trend {
  months: string[];
  totals: number[];
  byCategory: Series[];
  bySeverity: Series[];
  /** Percentages with one decimal; null where no complaint was assessed that month. */
  responseCompliance: Array<number | null>;
  resolutionCompliance: Array<number | null>;
  /** Yuan with two decimals (fen / 100). */
  finesYuan: number[];
  refundsYuan: number[];
}

/** Months from `first` to `last` inclusive, as `YYYY-MM`. */
export function monthsBetween(first: string, last: string): string[] {
  const [y0, m0] = first.split('-').map(Number);
  const [y1, m1] = last.split('-').map(Number);
  const months: string[] = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y += 1, m = 1) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 120) throw new Error('range longer than ten years');
  }
  return months;
}

/** The `count` months ending with `last` (`YYYY-MM`), oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number);
  const index = year * 12 + (month - 1) - (count - 1);
  return monthsBetween(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, last);
}

/** One series per key that occurs in any month, in order of first appearance, zero where a month lacks it. */
function seriesOf(reports: readonly MonthlyFigures[], pick: (r: MonthlyFigures) => CountRow[]): Series[] {
  const labels = new Map<string, string>();
  for (const report of reports) for (const row of pick(report)) if (!labels.has(row.key)) labels.set(row.key, row.label);
  const series = [...labels].map(([key, label]) => ({
    key, label, values: reports.map((report) => pick(report).find((row) => row.key === key)?.count ?? 0),
  }));
  return series.filter((s) => s.values.some((v) => v !== 0));
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const yuan = (fen: number) => Math.round(fen) / 100;

export function trendOf(reports: readonly MonthlyFigures[]): Trend {
  const sorted = [...reports].sort((a, b) => a.month.localeCompare(b.month));
  return {
    months: sorted.map((r) => r.month),
    totals: sorted.map((r) => r.total),
    byCategory: seriesOf(sorted, (r) => r.byCategory),
    bySeverity: seriesOf(sorted, (r) => r.bySeverity),
    responseCompliance: sorted.map((r) => percent(r.timeliness.response.share)),
    resolutionCompliance: sorted.map((r) => percent(r.timeliness.resolution.share)),
    finesYuan: sorted.map((r) => yuan(r.money.fines.totalFen)),
    refundsYuan: sorted.map((r) => yuan(r.money.refunds.totalFen)),
  };
}

/** Totals over the whole range, for the figures above the charts. */
export function rangeSummary(reports: readonly MonthlyFigures[]) {
  const sum = (pick: (r: MonthlyFigures) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const share = (within: number, assessed: number) => (assessed === 0 ? null : percent(within / assessed));
  return {
    complaints: sum((r) => r.total),
    responseCompliance: share(sum((r) => r.timeliness.response.withinLimit), sum((r) => r.timeliness.response.assessed)),
    resolutionCompliance: share(sum((r) => r.timeliness.resolution.withinLimit), sum((r) => r.timeliness.resolution.assessed)),
    finesFen: sum((r) => r.money.fines.totalFen),
    refundsFen: sum((r) => r.money.refunds.totalFen),
  };
}
