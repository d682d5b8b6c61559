import {
  CATEGORIES, CATEGORY_LABELS, CHANNEL_LABELS, CHANNELS, KIND_LABELS, KINDS, SEVERITIES, SEVERITY_LABELS,
} from '../../domain';
import { placeOf, ReportGroupConfig } from './report-groups';

/** What the statistics need of one complaint (a row of table `complaint`). */
export interface ComplaintFacts {
  number: string;
  kind: string;
  category: string;
  severity: string;
  channel: string;
  responsibleDeptCode: string | null;
  complainantKey: string;
  complainantName: string;
  receivedAt: Date;
  responseDueAt: Date | null;
  respondedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  satisfaction: string | null;
  isRepeat: boolean;
  /** 表四 place carried by the complaint itself (`group` or `group.item`), else the category mapping decides. */
  reportGroup: string | null;
  /** What the customer complained about (投诉内容). */
  content: string;
  /** The handler's cause analysis (原因分析) from the process data, null until investigated. */
  cause: string | null;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface ReportGroupItemRow extends CountRow {
  /** Numbers of the complaints counted here, oldest first. */
  numbers: string[];
}

/** A group of 表四. Only complaints (kind `complaint`) are counted; suggestions and inquiries are not complaints. */
export interface ReportGroupRow extends ReportGroupItemRow {
  items: ReportGroupItemRow[];
}

/** Of the complaints whose limit has passed or that were answered: how many in time. Share is null with none. */
export interface Timeliness {
  /** Answered, or not answered and past the limit at report time; complaints still inside their limit are not counted. */
  assessed: number;
  withinLimit: number;
  late: number;
  /** Not yet answered and not yet due. */
  pending: number;
  share: number | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface KeyFigures {
  total: number;
  repeatComplaints: number;
  responseWithinLimitShare: number | null;
  resolutionWithinLimitShare: number | null;
  satisfactionShare: number | null;
  closureRate: number | null;
  resolutionRate: number | null;
}

export interface HotSpots {
  categories: CountRow[];
  departments: CountRow[];
  complainants: Array<CountRow & { numbers: string[] }>;
}

export interface MonthFigures {
  total: number;
  byKind: CountRow[];
  byCategory: CountRow[];
  bySeverity: CountRow[];
  byDepartment: CountRow[];
  byChannel: CountRow[];
  byReportGroup: ReportGroupRow[];
  timeliness: { response: Timeliness; resolution: Timeliness };
  /** satisfied / rated */
  satisfaction: Ratio;
  /** closed / all received in the month */
  closureRate: Ratio;
  /** resolved / all received in the month */
  resolutionRate: Ratio;
  repeats: Ratio;
  /** Categories, responsible departments and complainants with two or more complaints in the month. */
  hotSpots: HotSpots;
}

export const HOT_SPOT_THRESHOLD = 2;
export const UNASSIGNED_DEPARTMENT = 'unassigned';

export interface StatisticsContext {
  /** The instant the report is made: limits not yet passed are pending, not late. */
  now: Date;
  departmentNames: ReadonlyMap<string, string>;
  reportGroups: ReportGroupConfig;
}

export function monthFigures(complaints: readonly ComplaintFacts[], context: StatisticsContext): MonthFigures {
  const departmentLabel = (code: string) => (code === UNASSIGNED_DEPARTMENT ? '未分派' : context.departmentNames.get(code) ?? code);
  const departmentOf = (c: ComplaintFacts) => c.responsibleDeptCode ?? UNASSIGNED_DEPARTMENT;
  const departmentOrder = [...context.departmentNames.keys()];
  const byDepartment = countBy(complaints, departmentOf, departmentLabel).sort((a, b) => rank(departmentOrder, a.key) - rank(departmentOrder, b.key)
    || a.key.localeCompare(b.key));
  const byCategory = countOver(complaints, CATEGORIES, (c) => c.category, (key) => CATEGORY_LABELS[key as keyof typeof CATEGORY_LABELS] ?? key);
  return {
    total: complaints.length,
    byKind: countOver(complaints, KINDS, (c) => c.kind, (key) => KIND_LABELS[key as keyof typeof KIND_LABELS] ?? key),
    byCategory,
    bySeverity: countOver(complaints, SEVERITIES, (c) => c.severity, (key) => SEVERITY_LABELS[key as keyof typeof SEVERITY_LABELS] ?? key),
    byDepartment,
    byChannel: countOver(complaints, CHANNELS, (c) => c.channel, (key) => CHANNEL_LABELS[key as keyof typeof CHANNEL_LABELS] ?? key),
    byReportGroup: reportGroupRows(complaints, context.reportGroups),
    timeliness: {
      response: timeliness(complaints, (c) => c.responseDueAt, (c) => c.respondedAt, context.now),
      resolution: timeliness(complaints, (c) => c.resolutionDueAt, (c) => c.resolvedAt, context.now),
    },
    satisfaction: ratio(complaints.filter((c) => c.satisfaction === 'satisfied').length, complaints.filter((c) => c.satisfaction !== null).length),
    closureRate: ratio(complaints.filter((c) => c.closedAt !== null).length, complaints.length),
    resolutionRate: ratio(complaints.filter((c) => c.resolvedAt !== null).length, complaints.length),
    repeats: ratio(complaints.filter((c) => c.isRepeat).length, complaints.length),
    hotSpots: {
      categories: byCategory.filter((row) => row.count >= HOT_SPOT_THRESHOLD).sort(byCountDescending),
      departments: byDepartment.filter((row) => row.key !== UNASSIGNED_DEPARTMENT && row.count >= HOT_SPOT_THRESHOLD).sort(byCountDescending),
      complainants: complainantHotSpots(complaints),
    },
  };
}

export function keyFigures(figures: MonthFigures): KeyFigures {
  return {
    total: figures.total,
    repeatComplaints: figures.repeats.numerator,
    responseWithinLimitShare: figures.timeliness.response.share,
    resolutionWithinLimitShare: figures.timeliness.resolution.share,
    satisfactionShare: figures.satisfaction.value,
    closureRate: figures.closureRate.value,
    resolutionRate: figures.resolutionRate.value,
  };
}

/** current − earlier for every key figure; null where either side has no value. */
export function changeBetween(current: KeyFigures, earlier: KeyFigures): KeyFigures {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));
  return {
    total: current.total - earlier.total,
    repeatComplaints: current.repeatComplaints - earlier.repeatComplaints,
    responseWithinLimitShare: diff(current.responseWithinLimitShare, earlier.responseWithinLimitShare),
    resolutionWithinLimitShare: diff(current.resolutionWithinLimitShare, earlier.resolutionWithinLimitShare),
    satisfactionShare: diff(current.satisfactionShare, earlier.satisfactionShare),
    closureRate: diff(current.closureRate, earlier.closureRate),
    resolutionRate: diff(current.resolutionRate, earlier.resolutionRate),
  };
}

// ---- parts ----------------------------------------------------------------------------------------------

function timeliness(
  complaints: readonly ComplaintFacts[], dueOf: (c: ComplaintFacts) => Date | null, doneOf: (c: ComplaintFacts) => Date | null, now: Date,
): Timeliness {
  let withinLimit = 0;
  let late = 0;
  let pending = 0;
  for (const complaint of complaints) {
    const due = dueOf(complaint);
    if (!due) continue;
    const done = doneOf(complaint);
    if (done) {
      if (done.getTime() <= due.getTime()) withinLimit += 1;
      else late += 1;
    } else if (now.getTime() > due.getTime()) late += 1;
    else pending += 1;
  }
  const assessed = withinLimit + late;
  return { assessed, withinLimit, late, pending, share: ratio(withinLimit, assessed).value };
}

/** Where a complaint is counted in 表四: its own choice, else its category's mapping, else "other". */
export function reportPlaceOf(complaint: ComplaintFacts, config: ReportGroupConfig): string {
  const place = (complaint.reportGroup ? placeOf(config, complaint.reportGroup) : null)
    ?? placeOf(config, config.categoryMapping[complaint.category] ?? 'other')
    ?? { group: 'other', item: null };
  return place.item ? `${place.group}.${place.item}` : place.group;
}

function reportGroupRows(complaints: readonly ComplaintFacts[], config: ReportGroupConfig): ReportGroupRow[] {
  const numbers = new Map<string, string[]>();
  for (const complaint of complaints.filter((c) => c.kind === 'complaint')) {
    const key = reportPlaceOf(complaint, config);
    numbers.set(key, [...(numbers.get(key) ?? []), complaint.number]);
  }
  return config.groups.map((group) => {
    const items = (group.items ?? []).map((item) => {
      const counted = numbers.get(`${group.key}.${item.key}`) ?? [];
      return { key: item.key, label: item.label, count: counted.length, numbers: counted };
    });
    const counted = items.length > 0 ? items.flatMap((item) => item.numbers) : numbers.get(group.key) ?? [];
    return { key: group.key, label: group.label, count: counted.length, numbers: counted, items };
  });
}

function complainantHotSpots(complaints: readonly ComplaintFacts[]): HotSpots['complainants'] {
  const byKey = new Map<string, ComplaintFacts[]>();
  for (const complaint of complaints) byKey.set(complaint.complainantKey, [...(byKey.get(complaint.complainantKey) ?? []), complaint]);
  return [...byKey.entries()]
    .filter(([, list]) => list.length >= HOT_SPOT_THRESHOLD)
    .map(([key, list]) => ({ key, label: list[0].complainantName, count: list.length, numbers: list.map((c) => c.number).sort() }))
    .sort(byCountDescending);
}

/** Counts for every value of a vocabulary (zeros included), plus any value found outside it. */
function countOver(
  complaints: readonly ComplaintFacts[], vocabulary: readonly string[], keyOf: (c: ComplaintFacts) => string, labelOf: (key: string) => string,
): CountRow[] {
  const found = countBy(complaints, keyOf, labelOf);
  const rows = vocabulary.map((key) => found.find((row) => row.key === key) ?? { key, label: labelOf(key), count: 0 });
  return [...rows, ...found.filter((row) => !vocabulary.includes(row.key))];
}

function countBy(complaints: readonly ComplaintFacts[], keyOf: (c: ComplaintFacts) => string, labelOf: (key: string) => string): CountRow[] {
  const counts = new Map<string, number>();
  for (const complaint of complaints) counts.set(keyOf(complaint), (counts.get(keyOf(complaint)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, label: labelOf(key), count }));
}

/** Departments in the policy's order, codes the policy does not list after them, "not dispatched" last. */
function rank(order: readonly string[], key: string): number {
  if (key === UNASSIGNED_DEPARTMENT) return Number.MAX_SAFE_INTEGER;
  const index = order.indexOf(key);
  return index < 0 ? order.length : index;
}

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : round(numerator / denominator) };
}

/** Shares are kept to four decimals (0.6667 = 66.67 %). */
function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function byCountDescending(a: CountRow, b: CountRow): number {
  return b.count - a.count || a.key.localeCompare(b.key);
}
