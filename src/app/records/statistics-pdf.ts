import { MonthlyReport, YearlyReport } from '../reports/monthly-report';
import { TableFour } from '../reports/table-four';
import { contentWidth, Doc, finish, grid, heading, newDocument, note, paragraph } from './pdf-layout';
import { dateTime, yuan } from './record-text';

/** 客户投诉信息统计表 of a month as seed 003 prints it (A4 landscape), with the key figures and the comparison. */
export async function monthlyStatisticsPdf(report: MonthlyReport): Promise<Buffer> {
  const doc = newDocument(`客户投诉信息统计表 ${report.month}`, { landscape: true });
  tableFourPage(doc, report.tableFour, `${report.month.slice(0, 4)}年${Number(report.month.slice(5))}月`);
  heading(doc, '附：主要指标与环比');
  grid(doc, ['月份', '投诉总数', '重复投诉', '响应及时率', '解决及时率', '满意率', '结案率'], [0.16, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14], [
    [report.month, String(report.total), String(report.repeats.numerator), share(report.timeliness.response.share),
      share(report.timeliness.resolution.share), share(report.satisfaction.value), share(report.closureRate.value)],
    ...report.comparisons.map((c) => [c.month, String(c.figures.total), String(c.figures.repeatComplaints), share(c.figures.responseWithinLimitShare),
      share(c.figures.resolutionWithinLimitShare), share(c.figures.satisfactionShare), share(c.figures.closureRate)]),
  ]);
  money(doc, report.money.fines.byDepartment, report.money.refunds.byDepartment);
  note(doc, `统计口径：受理时间在统计期内（北京时间）的投诉；表四只计投诉，不计建议和咨询。生成时间：${dateTime(report.generatedAt)}。`);
  return finish(doc);
}

/** The yearly summary (001 6.6.4): 表四 of the year, the monthly trend and the trend per group. */
export async function yearlyStatisticsPdf(report: YearlyReport, groups: ReadonlyArray<{ key: string; label: string }>): Promise<Buffer> {
  const doc = newDocument(`顾客投诉年度统计分析 ${report.year}`, { landscape: true });
  tableFourPage(doc, report.tableFour, `${report.year}年度`);
  doc.addPage();
  heading(doc, `${report.year}年度月度趋势`);
  grid(doc, ['月份', '受理总数', '重复投诉', '响应及时率', '解决及时率', '满意率', '结案率', '罚款（元）', '返还（元）'],
    [0.1, 0.1, 0.1, 0.12, 0.12, 0.1, 0.1, 0.13, 0.13],
    report.trend.map((m) => [`${Number(m.month.slice(5))}月`, String(m.figures.total), String(m.figures.repeatComplaints),
      share(m.figures.responseWithinLimitShare), share(m.figures.resolutionWithinLimitShare), share(m.figures.satisfactionShare),
      share(m.figures.closureRate), yuan(m.finesFen), yuan(m.refundsFen)]));
  heading(doc, '各类型投诉月度分布');
  const width = 0.78 / 13;
  grid(doc, ['类型', ...report.trend.map((m) => `${Number(m.month.slice(5))}月`), '全年'], [0.22, ...report.trend.map(() => width), width],
    groups.map(({ key, label }) => {
      const counts = report.trend.map((m) => m.groups[key] ?? 0);
      return [label, ...counts.map(String), String(counts.reduce((sum, n) => sum + n, 0))];
    }));
  money(doc, report.money.fines.byDepartment, report.money.refunds.byDepartment);
  note(doc, `本报告供管理评审使用（顾客投诉管理制度 6.6.4）。生成时间：${dateTime(report.generatedAt)}。`);
  return finish(doc);
}

function tableFourPage(doc: Doc, table: TableFour, periodName: string): void {
  const left = doc.page.margins.left;
  doc.font('cjk-bold').fontSize(16).text(table.title, left, doc.y, { width: contentWidth(doc), align: 'center' });
  doc.font('cjk').fontSize(11).text(`${periodName}${table.period}`, left, doc.y + 2, { width: contentWidth(doc), align: 'center' });
  doc.moveDown(0.5);
  paragraph(doc, `总体情况：${table.overall}`);
  paragraph(doc, '具体情况见表：');
  doc.moveDown(0.2);
  grid(doc, ['类型', '具体类别', '投诉数', '投诉内容', '投诉原因分析'], [0.13, 0.14, 0.07, 0.33, 0.33], [
    ...table.rows.map((row, index) => [index > 0 && table.rows[index - 1].group === row.group ? '〃' : row.group, row.item, String(row.count), row.contents, row.causes]),
    ['合计', '', String(table.total), '', ''],
  ], 9);
}

function money(doc: Doc, fines: Array<{ label: string; entries: number; totalFen: number }>, refunds: Array<{ label: string; entries: number; totalFen: number }>): void {
  if (fines.length === 0 && refunds.length === 0) return;
  heading(doc, '罚款与免责返还');
  grid(doc, ['类型', '部门', '笔数', '金额（元）'], [0.25, 0.35, 0.15, 0.25], [
    ...fines.map((d) => ['罚款', d.label, String(d.entries), yuan(d.totalFen)]),
    ...refunds.map((d) => ['免责返还', d.label, String(d.entries), yuan(d.totalFen)]),
  ]);
}

function share(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(2)}%`;
}
