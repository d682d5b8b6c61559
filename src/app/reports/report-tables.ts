import { fenToYuanNumber } from './money-format';
import { MonthlyReport, YearlyReport } from './monthly-report';
import { TableFour } from './table-four';
import { CountRow, KeyFigures } from './monthly-statistics';

export type Cell = string | number | null;

/** How a numeric column is shown: plain count, share (fraction shown as percent) or 元. */
export type ColumnFormat = 'count' | 'share' | 'yuan' | 'text';

/** One table of the statistics: a worksheet in the workbook, a block in the CSV. Headers are Chinese. */
export interface ReportTable {
  title: string;
  headers: string[];
  formats: ColumnFormat[];
  rows: Cell[][];
  /** For tables whose last column mixes kinds (概览): the format of that column per row. */
  valueFormats?: ColumnFormat[];
  /** Lines printed above the headers (title, period, 总体情况), each across the table's width. */
  preamble?: string[];
  /** Runs of equal values in the first column are one merged cell (表四's 类型). */
  mergeFirstColumn?: boolean;
  /** Column widths in characters. */
  widths?: number[];
  /** Header row frozen and filterable (long registers such as the 台账). */
  filter?: boolean;
}

/** 表四 as seed 003 prints it: title, period, 总体情况, then 类型 | 具体类别 | 投诉数 | 投诉内容 | 投诉原因分析 and a total. */
export function tableFourTable(table: TableFour, sheetTitle = '统计表四'): ReportTable {
  return {
    title: sheetTitle,
    preamble: [table.title, table.period, `总体情况：${table.overall}`, '具体情况见表：'],
    headers: ['类型', '具体类别', '投诉数', '投诉内容', '投诉原因分析'],
    formats: ['text', 'text', 'count', 'text', 'text'],
    rows: [
      ...table.rows.map((row) => [row.group, row.item, row.count, row.contents, row.causes] as Cell[]),
      ['合计', '', table.total, '', ''],
    ],
    mergeFirstColumn: true,
    widths: [16, 18, 8, 60, 60],
  };
}

const KEY_FIGURE_COLUMNS: Array<[keyof KeyFigures, string, ColumnFormat]> = [
  ['total', '投诉总数', 'count'],
  ['repeatComplaints', '重复投诉', 'count'],
  ['responseWithinLimitShare', '响应及时率', 'share'],
  ['resolutionWithinLimitShare', '解决及时率', 'share'],
  ['satisfactionShare', '满意率', 'share'],
  ['closureRate', '结案率', 'share'],
  ['resolutionRate', '解决率', 'share'],
];

/** The report as tables, in the order of 客户投诉信息统计表. */
export function reportTables(report: MonthlyReport): ReportTable[] {
  const { response, resolution } = report.timeliness;
  return [
    {
      title: '概览',
      headers: ['指标', '数值'],
      formats: ['text', 'count'],
      ...overview([
        ['统计月份', report.month, 'text'],
        ['投诉总数', report.total, 'count'],
        ['响应考核数', response.assessed, 'count'],
        ['按时响应数', response.withinLimit, 'count'],
        ['响应及时率', response.share, 'share'],
        ['解决考核数', resolution.assessed, 'count'],
        ['按时解决数', resolution.withinLimit, 'count'],
        ['解决及时率', resolution.share, 'share'],
        ['评价数', report.satisfaction.denominator, 'count'],
        ['满意数', report.satisfaction.numerator, 'count'],
        ['满意率', report.satisfaction.value, 'share'],
        ['已结案数', report.closureRate.numerator, 'count'],
        ['结案率', report.closureRate.value, 'share'],
        ['已解决数', report.resolutionRate.numerator, 'count'],
        ['解决率', report.resolutionRate.value, 'share'],
        ['重复投诉数', report.repeats.numerator, 'count'],
        ['罚款笔数', report.money.fines.entries, 'count'],
        ['罚款合计（元）', fenToYuanNumber(report.money.fines.totalFen), 'yuan'],
        ['返还笔数', report.money.refunds.entries, 'count'],
        ['返还合计（元）', fenToYuanNumber(report.money.refunds.totalFen), 'yuan'],
        ['绩效净额（元）', fenToYuanNumber(report.money.netFen), 'yuan'],
      ]),
    },
    countTable('按类型', '类型', report.byKind),
    countTable('按类别', '类别', report.byCategory),
    countTable('按严重程度', '严重程度', report.bySeverity),
    countTable('按责任部门', '责任部门', report.byDepartment),
    countTable('按受理渠道', '受理渠道', report.byChannel),
    tableFourTable(report.tableFour),
    {
      title: '投诉热点',
      headers: ['热点类型', '名称', '次数', '投诉编号'],
      formats: ['text', 'text', 'count', 'text'],
      rows: [
        ...report.hotSpots.categories.map((row) => ['类别', row.label, row.count, ''] as Cell[]),
        ...report.hotSpots.departments.map((row) => ['责任部门', row.label, row.count, ''] as Cell[]),
        ...report.hotSpots.complainants.map((row) => ['投诉人', row.label, row.count, row.numbers.join('、')] as Cell[]),
      ],
    },
    {
      title: '环比',
      headers: ['月份', ...KEY_FIGURE_COLUMNS.flatMap(([, label]) => [label, `${label}变化`])],
      formats: ['text', ...KEY_FIGURE_COLUMNS.flatMap(([, , format]): ColumnFormat[] => [format, format])],
      rows: [
        [report.month, ...KEY_FIGURE_COLUMNS.flatMap(([key]) => [figureOf(report, key), null])],
        ...report.comparisons.map((c) => [c.month, ...KEY_FIGURE_COLUMNS.flatMap(([key]) => [c.figures[key], c.change[key]])]),
      ],
    },
    {
      title: '罚款与返还',
      headers: ['类型', '部门', '笔数', '金额（元）'],
      formats: ['text', 'text', 'count', 'yuan'],
      rows: [
        ...report.money.fines.byDepartment.map((d) => ['罚款', d.label, d.entries, fenToYuanNumber(d.totalFen)] as Cell[]),
        ...report.money.refunds.byDepartment.map((d) => ['免责返还', d.label, d.entries, fenToYuanNumber(d.totalFen)] as Cell[]),
      ],
    },
  ];
}

function overview(rows: Array<[string, Cell, ColumnFormat]>): Pick<ReportTable, 'rows' | 'valueFormats'> {
  return { rows: rows.map(([label, value]) => [label, value]), valueFormats: rows.map(([, , format]) => format) };
}

function countTable(title: string, header: string, rows: CountRow[]): ReportTable {
  return { title, headers: [header, '数量'], formats: ['text', 'count'], rows: rows.map((row) => [row.label, row.count]) };
}

function figureOf(report: MonthlyReport, key: keyof KeyFigures): Cell {
  const current: KeyFigures = {
    total: report.total,
    repeatComplaints: report.repeats.numerator,
    responseWithinLimitShare: report.timeliness.response.share,
    resolutionWithinLimitShare: report.timeliness.resolution.share,
    satisfactionShare: report.satisfaction.value,
    closureRate: report.closureRate.value,
    resolutionRate: report.resolutionRate.value,
  };
  return current[key];
}

/** The yearly summary as tables: overview, 表四 of the year, the monthly trend, complaints per group and month, money. */
export function yearlyTables(report: YearlyReport, groupLabels: ReadonlyArray<{ key: string; label: string }>): ReportTable[] {
  const { response, resolution } = report.timeliness;
  const monthLabel = (key: string) => `${Number(key.slice(5))}月`;
  return [
    {
      title: '年度概览',
      headers: ['指标', '数值'],
      formats: ['text', 'count'],
      ...overview([
        ['统计年度', String(report.year), 'text'],
        ['受理总数（投诉、建议、咨询）', report.total, 'count'],
        ['响应及时率', response.share, 'share'],
        ['解决及时率', resolution.share, 'share'],
        ['满意率', report.satisfaction.value, 'share'],
        ['结案率', report.closureRate.value, 'share'],
        ['重复投诉数', report.repeats.numerator, 'count'],
        ['罚款合计（元）', fenToYuanNumber(report.money.fines.totalFen), 'yuan'],
        ['返还合计（元）', fenToYuanNumber(report.money.refunds.totalFen), 'yuan'],
      ]),
    },
    tableFourTable(report.tableFour, '年度统计表四'),
    {
      title: '月度趋势',
      headers: ['月份', ...KEY_FIGURE_COLUMNS.map(([, label]) => label), '罚款（元）', '返还（元）'],
      formats: ['text', ...KEY_FIGURE_COLUMNS.map(([, , format]) => format), 'yuan', 'yuan'],
      rows: report.trend.map((m) => [monthLabel(m.month), ...KEY_FIGURE_COLUMNS.map(([key]) => m.figures[key]),
        fenToYuanNumber(m.finesFen), fenToYuanNumber(m.refundsFen)]),
    },
    {
      title: '分类月度趋势',
      headers: ['类型', ...report.trend.map((m) => monthLabel(m.month)), '全年'],
      formats: ['text', ...report.trend.map((): ColumnFormat => 'count'), 'count'],
      rows: groupLabels.map(({ key, label }) => {
        const counts = report.trend.map((m) => m.groups[key] ?? 0);
        return [label, ...counts, counts.reduce((sum, n) => sum + n, 0)];
      }),
    },
    countTable('按责任部门', '责任部门', report.byDepartment),
    countTable('按严重程度', '严重程度', report.bySeverity),
    {
      title: '罚款与返还',
      headers: ['类型', '部门', '笔数', '金额（元）'],
      formats: ['text', 'text', 'count', 'yuan'],
      rows: [
        ...report.money.fines.byDepartment.map((d) => ['罚款', d.label, d.entries, fenToYuanNumber(d.totalFen)] as Cell[]),
        ...report.money.refunds.byDepartment.map((d) => ['免责返还', d.label, d.entries, fenToYuanNumber(d.totalFen)] as Cell[]),
      ],
    },
  ];
}
