import dayjs from 'dayjs';
import { SHANGHAI } from '../../domain';
import { ComplaintFacts, MonthFigures } from './monthly-statistics';

/** One line of 客户投诉信息统计表 (seed 003 表四): 类型 | 具体类别 | 投诉数 | 投诉内容 | 投诉原因分析. */
export interface TableFourRow {
  groupKey: string;
  /** 类型, verbatim from the seed. */
  group: string;
  itemKey: string | null;
  /** 具体类别; "――――" for a type without sub-categories, as the seed prints it. */
  item: string;
  count: number;
  /** 投诉内容: "number content" of each complaint counted, separated by "；". */
  contents: string;
  /** 投诉原因分析: "number：cause" of each, "处理中" while no cause is recorded. */
  causes: string;
  numbers: string[];
}

export interface TableFour {
  title: string;
  /** e.g. （11月1日至11月30日） */
  period: string;
  /** 总体情况 */
  overall: string;
  rows: TableFourRow[];
  total: number;
}

export const TABLE_FOUR_TITLE = '客户投诉信息统计表';
const NO_ITEM = '――――';
const CONTENT_CHARS = 60;

/** 表四 of the given figures; `complaints` are the facts the figures were counted from (for content and causes). */
export function tableFour(figures: MonthFigures, complaints: readonly ComplaintFacts[], from: Date, to: Date, overall: string): TableFour {
  const byNumber = new Map(complaints.map((c) => [c.number, c]));
  const describe = (numbers: string[]) => ({
    contents: numbers.map((n) => `${n} ${shorten(byNumber.get(n)?.content ?? '')}`).join('；'),
    causes: numbers.map((n) => `${n}：${shorten(byNumber.get(n)?.cause ?? '处理中')}`).join('；'),
  });
  const rows = figures.byReportGroup.flatMap((group): TableFourRow[] => (group.items.length === 0
    ? [{ groupKey: group.key, group: group.label, itemKey: null, item: NO_ITEM, count: group.count, numbers: group.numbers, ...describe(group.numbers) }]
    : group.items.map((item) => ({
      groupKey: group.key, group: group.label, itemKey: item.key, item: item.label, count: item.count, numbers: item.numbers, ...describe(item.numbers),
    }))));
  return { title: TABLE_FOUR_TITLE, period: periodTitle(from, to), overall, rows, total: rows.reduce((sum, row) => sum + row.count, 0) };
}

/** （11月1日至11月30日） for [from, to) in Asia/Shanghai. */
export function periodTitle(from: Date, to: Date): string {
  const first = dayjs(from).tz(SHANGHAI);
  const last = dayjs(to).tz(SHANGHAI).subtract(1, 'day');
  return `（${first.month() + 1}月${first.date()}日至${last.month() + 1}月${last.date()}日）`;
}

export interface OverallFacts {
  periodName: string;
  figures: MonthFigures;
  finesFen: number;
  refundsFen: number;
  /** The period before, for the comparison sentence (null: none). */
  previous?: { name: string; total: number } | null;
}

/** 总体情况: the sentences a quality clerk writes above the table, from the figures. */
export function overallText({ periodName, figures, finesFen, refundsFen, previous }: OverallFacts): string {
  const kind = (key: string) => figures.byKind.find((row) => row.key === key)?.count ?? 0;
  const complaints = kind('complaint');
  const severity = (key: string) => figures.bySeverity.find((row) => row.key === key)?.count ?? 0;
  const sentences: string[] = [];
  sentences.push(`${periodName}共受理客户投诉、建议和咨询${figures.total}件，其中投诉${complaints}件、建议${kind('suggestion')}件、`
    + `咨询${kind('inquiry')}件；按严重程度：重大${severity('major')}件、一般${severity('general')}件、轻微${severity('minor')}件。`);
  sentences.push(`按时响应率${percent(figures.timeliness.response.share)}，按时解决率${percent(figures.timeliness.resolution.share)}，`
    + `客户满意率${percent(figures.satisfaction.value)}，结案率${percent(figures.closureRate.value)}；重复投诉${figures.repeats.numerator}件。`);
  const top = figures.byReportGroup.filter((group) => group.count > 0).sort((a, b) => b.count - a.count).slice(0, 3);
  if (top.length > 0) sentences.push(`投诉主要集中在${top.map((group) => `${group.label}（${group.count}件）`).join('、')}。`);
  if (figures.hotSpots.departments.length > 0) {
    sentences.push(`投诉较多的责任部门：${figures.hotSpots.departments.map((d) => `${d.label}（${d.count}件）`).join('、')}。`);
  }
  sentences.push(`罚款${yuan(finesFen)}元，免责返还${yuan(refundsFen)}元。`);
  if (previous) {
    const change = figures.total - previous.total;
    sentences.push(`与${previous.name}（${previous.total}件）相比${change === 0 ? '持平' : change > 0 ? `增加${change}件` : `减少${-change}件`}。`);
  }
  return sentences.join('');
}

function percent(share: number | null): string {
  return share === null ? '—（无可考核数据）' : `${(share * 100).toFixed(2)}%`;
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.00$/, '');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > CONTENT_CHARS ? `${flat.slice(0, CONTENT_CHARS - 1)}…` : flat;
}
