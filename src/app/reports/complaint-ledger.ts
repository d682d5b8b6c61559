import dayjs from 'dayjs';
import { CATEGORY_LABELS, CHANNEL_LABELS, KIND_LABELS, Policy, SHANGHAI } from '../../domain';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { ReportRepository } from '../../persistence/repositories/report-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { placeOf, ReportGroupConfig } from './report-groups';
import { Cell, ColumnFormat, ReportTable } from './report-tables';

/** 顾客投诉管理台账 (001 8.2): one line per complaint with the columns of 001 6.1–6.6 and of 003 表一. */
export interface LedgerLine {
  number: string;
  receivedAt: Date;
  registeringDepartment: string;
  receivedBy: string;
  channel: string;
  complainant: string;
  organisation: string;
  contact: string;
  kind: string;
  category: string;
  /** 初步判定 of 001 6.3.1: 重大 / 较严重 / 轻微. */
  severity: string;
  content: string;
  demand: string;
  requestedReplyAt: Date | null;
  responsibleDepartment: string;
  reportGroup: string;
  disposal: string;
  respondedAt: Date | null;
  respondedInTime: string;
  cause: string;
  resolution: string;
  correctiveAndPreventive: string;
  penaltyOpinion: string;
  fineYuan: number | null;
  reply: string;
  satisfaction: string;
  closedAt: Date | null;
  resolvedInTime: string;
  callbackAt: Date | null;
  /** 完成情况 of 001 6.6.2: 已闭环 once closed (and called back), else where it stands. */
  completion: string;
}

export interface ComplaintLedger {
  from: string;
  to: string;
  title: string;
  lines: LedgerLine[];
}

const SEVERITY_001: Record<string, string> = { major: '重大投诉', general: '较严重投诉', minor: '轻微投诉' };
const STATUS: Record<string, string> = {
  registered: '待派单', dispatched: '待首次响应', responded: '处理中', handling: '重新处理中', 'awaiting-customer': '待顾客确认',
  'awaiting-decision': '待分管领导决定', closed: '已闭环',
};
export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The complaint ledger over received dates [from, to] (Asia/Shanghai, both inclusive). */
export class ComplaintLedgerService {
  constructor(private readonly db: Database, private readonly policy: Policy, private readonly clock: Clock, private readonly groups: ReportGroupConfig) {}

  async ledger(fromDay: string, toDay: string): Promise<ComplaintLedger> {
    const from = dayjs.tz(`${fromDay} 00:00:00`, SHANGHAI).toDate();
    const to = dayjs.tz(`${toDay} 00:00:00`, SHANGHAI).add(1, 'day').toDate();
    const { complaints, data, penalties, penaltyData, ledger, names } = await this.db.read(async (manager) => {
      const repository = new ReportRepository(manager);
      const rows = await repository.complaintsReceived(from, to);
      const numbers = rows.map((r) => r.number);
      const penaltyRows = await repository.penaltiesOfComplaints(numbers);
      return {
        complaints: rows,
        data: await repository.instanceData(rows.flatMap((r) => (r.instanceId ? [r.instanceId] : []))),
        penalties: penaltyRows,
        penaltyData: await repository.instanceData(penaltyRows.map((p) => p.instanceId)),
        ledger: await repository.ledgerOfComplaints(numbers),
        names: await new IdentityRepository(manager).allDisplayNames(),
      };
    });
    const departments = new Map(this.policy.departments.map((d) => [d.code, d.name]));
    const department = (code: string | null) => (code ? departments.get(code) ?? code : '');
    const now = this.clock.now();
    const lines = complaints.map((c): LedgerLine => {
      const d = (c.instanceId ? data.get(c.instanceId) : undefined) ?? {};
      const own = penalties.filter((p) => p.complaintNumber === c.number);
      const fines = ledger.filter((l) => l.complaintNumber === c.number && l.kind === 'fine');
      const str = (key: string) => (typeof d[key] === 'string' ? String(d[key]) : '');
      return {
        number: c.number,
        receivedAt: new Date(c.receivedAt),
        registeringDepartment: department(c.registeringDeptCode),
        receivedBy: names.get(c.receivedBy) ?? c.receivedBy,
        channel: CHANNEL_LABELS[c.channel as keyof typeof CHANNEL_LABELS] ?? c.channel,
        complainant: c.complainantName,
        organisation: c.complainantOrg ?? '',
        contact: [c.complainantPhone, c.complainantEmail, c.complainantAddress].filter(Boolean).join('；'),
        kind: KIND_LABELS[c.kind as keyof typeof KIND_LABELS] ?? c.kind,
        category: CATEGORY_LABELS[c.category as keyof typeof CATEGORY_LABELS] ?? c.category,
        severity: SEVERITY_001[c.severity] ?? c.severity,
        content: c.content,
        demand: c.customerDemand ?? '',
        requestedReplyAt: c.requestedReplyAt ? new Date(c.requestedReplyAt) : null,
        responsibleDepartment: department(c.responsibleDeptCode),
        reportGroup: c.kind === 'complaint' ? this.groupLabel(c) : '',
        disposal: [str('dispatchNote'), str('responseNote')].filter(Boolean).join('；'),
        respondedAt: c.respondedAt ? new Date(c.respondedAt) : null,
        respondedInTime: inTime(c.responseDueAt, c.respondedAt, now),
        cause: str('cause'),
        resolution: str('resolution'),
        correctiveAndPreventive: [str('correctiveAction') && `纠正：${str('correctiveAction')}`, str('preventiveAction') && `预防：${str('preventiveAction')}`].filter(Boolean).join('；'),
        penaltyOpinion: own.map((p) => {
          const opinion = penaltyData.get(p.instanceId)?.opinion;
          return `${department(p.departmentCode)} ${p.responsiblePerson}${typeof opinion === 'string' ? `：${opinion}` : ''}${p.noticeNumber ? `（${p.noticeNumber}）` : ''}`;
        }).join('；'),
        fineYuan: fines.length > 0 ? fines.reduce((sum, l) => sum + Math.abs(l.amountFen), 0) / 100 : null,
        reply: [str('replyNote'), str('answer'), str('customerFeedback'), str('leaderDecision') && `分管领导批示：${str('leaderDecision')}`].filter(Boolean).join('；'),
        satisfaction: c.satisfaction === 'satisfied' ? '满意' : c.satisfaction === 'dissatisfied' ? '不满意' : '',
        closedAt: c.closedAt ? new Date(c.closedAt) : null,
        resolvedInTime: inTime(c.resolutionDueAt, c.resolvedAt, now),
        callbackAt: c.callbackAt ? new Date(c.callbackAt) : null,
        completion: c.status === 'closed' ? (c.callbackAt || c.kind !== 'complaint' ? '已闭环' : '已结案，待回访') : STATUS[c.status] ?? c.status,
      };
    });
    const title = `顾客投诉管理台账（${dayjs(from).tz(SHANGHAI).format('YYYY年M月D日')}至${dayjs(to).tz(SHANGHAI).subtract(1, 'day').format('YYYY年M月D日')}）`;
    return { from: fromDay, to: toDay, title, lines };
  }

  private groupLabel(c: ComplaintRow): string {
    const reference = (c.reportGroup && placeOf(this.groups, c.reportGroup) ? c.reportGroup : null) ?? this.groups.categoryMapping[c.category] ?? 'other';
    const place = placeOf(this.groups, reference);
    const group = this.groups.groups.find((g) => g.key === place?.group);
    const item = group?.items?.find((i) => i.key === place?.item);
    return group ? (item ? `${group.label}／${item.label}` : group.label) : '';
  }
}

function inTime(due: Date | null, done: Date | null, now: Date): string {
  if (!due) return '';
  if (done) return new Date(done).getTime() <= new Date(due).getTime() ? '是' : '否（超时）';
  return now.getTime() > new Date(due).getTime() ? '否（已超时未完成）' : '未到期';
}

const COLUMNS: Array<[string, (l: LedgerLine) => Cell, number, ColumnFormat?]> = [
  ['编号', (l) => l.number, 12],
  ['登记时间', (l) => stamp(l.receivedAt), 17],
  ['登记部门', (l) => l.registeringDepartment, 11],
  ['登记人', (l) => l.receivedBy, 9],
  ['信息来源', (l) => l.channel, 11],
  ['投诉人', (l) => l.complainant, 9],
  ['单位名称', (l) => l.organisation, 14],
  ['联系方式', (l) => l.contact, 20],
  ['类型', (l) => l.kind, 6],
  ['投诉类别', (l) => l.category, 11],
  ['初步判定', (l) => l.severity, 11],
  ['投诉事由', (l) => l.content, 30],
  ['顾客要求', (l) => l.demand, 16],
  ['要求答复时间', (l) => stamp(l.requestedReplyAt), 17],
  ['责任部门', (l) => l.responsibleDepartment, 11],
  ['统计分类（表四）', (l) => l.reportGroup, 18],
  ['处置意见', (l) => l.disposal, 24],
  ['首次响应时间', (l) => stamp(l.respondedAt), 17],
  ['响应及时', (l) => l.respondedInTime, 10],
  ['原因分析', (l) => l.cause, 24],
  ['处理措施与结果', (l) => l.resolution, 24],
  ['纠正和预防措施', (l) => l.correctiveAndPreventive, 24],
  ['对责任人的处罚意见', (l) => l.penaltyOpinion, 24],
  ['罚款金额（元）', (l) => l.fineYuan, 10, 'yuan'],
  ['答复情况', (l) => l.reply, 24],
  ['顾客满意度', (l) => l.satisfaction, 8],
  ['结案时间', (l) => stamp(l.closedAt), 17],
  ['解决及时', (l) => l.resolvedInTime, 10],
  ['回访时间', (l) => stamp(l.callbackAt), 17],
  ['完成情况', (l) => l.completion, 14],
];

/** The ledger as one table (one worksheet / one CSV block). */
export function ledgerTable(ledger: ComplaintLedger): ReportTable {
  return {
    title: '顾客投诉管理台账',
    preamble: [ledger.title],
    headers: ['序号', ...COLUMNS.map(([header]) => header)],
    formats: ['count', ...COLUMNS.map(([, , , format]) => format ?? 'text')],
    rows: ledger.lines.map((line, index) => [index + 1, ...COLUMNS.map(([, value]) => value(line))]),
    widths: [6, ...COLUMNS.map(([, , width]) => width)],
    filter: true,
  };
}

function stamp(value: Date | null): string {
  return value ? dayjs(value).tz(SHANGHAI).format('YYYY-MM-DD HH:mm') : '';
}
