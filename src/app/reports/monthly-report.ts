import { Policy, SHANGHAI } from '../../domain';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { LedgerEntryRow } from '../../persistence/entities/penalties';
import { ReportRepository } from '../../persistence/repositories/report-repository';
import { previousMonths, reportMonth, ReportMonth } from './month';
import { changeBetween, ComplaintFacts, KeyFigures, MonthFigures, monthFigures, StatisticsContext, keyFigures } from './monthly-statistics';
import { isKnownReportGroup, ReportGroupConfig } from './report-groups';

export const COMPARED_MONTHS = 3;

export interface MonthComparison {
  month: string;
  figures: KeyFigures;
  /** This month's figure minus that month's (shares as fractions: 0.1 = ten percentage points). */
  change: KeyFigures;
}

export interface LedgerTotal {
  entries: number;
  /** Sum of the amounts, positive, in fen. */
  totalFen: number;
  byDepartment: Array<{ key: string; label: string; entries: number; totalFen: number }>;
}

export interface MonthlyMoney {
  /** Fines charged in this month's performance pay. */
  fines: LedgerTotal;
  /** Exemption refunds (120 %) credited in this month's pay. */
  refunds: LedgerTotal;
  corrections: { entries: number; netFen: number };
  /** Signed effect on the departments' pay: refunds − fines ± corrections. */
  netFen: number;
}

export interface MonthlyReport extends MonthFigures {
  month: string;
  timeZone: string;
  from: Date;
  to: Date;
  generatedAt: Date;
  comparisons: MonthComparison[];
  money: MonthlyMoney;
}

/** 客户投诉信息统计表: the month's complaints (received in the month, Asia/Shanghai) and its fines and refunds. */
export class MonthlyReportService {
  constructor(
    private readonly db: Database,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly reportGroups: ReportGroupConfig,
  ) {}

  async monthly(monthKey: string): Promise<MonthlyReport> {
    const month = reportMonth(monthKey);
    const earlier = previousMonths(monthKey, COMPARED_MONTHS);
    const oldest = earlier[earlier.length - 1];
    const { complaints, instanceData, ledger } = await this.db.read(async (manager) => {
      const repository = new ReportRepository(manager);
      const rows = await repository.complaintsReceived(oldest.from, month.to);
      const data = await repository.instanceData(rows.flatMap((row) => (row.instanceId ? [row.instanceId] : [])));
      return { complaints: rows, instanceData: data, ledger: await repository.ledgerEntriesOfMonth(monthKey) };
    });
    const facts = complaints.map((row) => this.factsOf(row, row.instanceId ? instanceData.get(row.instanceId) : undefined));
    const context: StatisticsContext = {
      now: this.clock.now(),
      departmentNames: new Map(this.policy.departments.map((d) => [d.code, d.name])),
      reportGroups: this.reportGroups,
    };
    const inMonth = (m: ReportMonth) => facts.filter((f) => f.receivedAt >= m.from && f.receivedAt < m.to);
    const figures = monthFigures(inMonth(month), context);
    const current = keyFigures(figures);
    return {
      month: monthKey,
      timeZone: SHANGHAI,
      from: month.from,
      to: month.to,
      generatedAt: context.now,
      ...figures,
      comparisons: earlier.map((m) => {
        const then = keyFigures(monthFigures(inMonth(m), context));
        return { month: m.key, figures: then, change: changeBetween(current, then) };
      }),
      money: this.money(ledger, context.departmentNames),
    };
  }

  private factsOf(row: ComplaintRow, data: Record<string, unknown> | undefined): ComplaintFacts {
    return {
      number: row.number,
      kind: row.kind,
      category: row.category,
      severity: row.severity,
      channel: row.channel,
      responsibleDeptCode: row.responsibleDeptCode,
      complainantKey: row.complainantKey,
      complainantName: row.complainantName,
      receivedAt: new Date(row.receivedAt),
      responseDueAt: asDate(row.responseDueAt),
      respondedAt: asDate(row.respondedAt),
      resolutionDueAt: asDate(row.resolutionDueAt),
      resolvedAt: asDate(row.resolvedAt),
      closedAt: asDate(row.closedAt),
      satisfaction: row.satisfaction,
      isRepeat: Boolean(row.isRepeat),
      reportGroup: this.reportGroupOf(row, data),
    };
  }

  /** A complaint may carry its 表四 place, as a column or in its process data; unknown places are ignored. */
  private reportGroupOf(row: ComplaintRow, data: Record<string, unknown> | undefined): string | null {
    const candidate = (row as ComplaintRow & { reportGroup?: unknown }).reportGroup ?? data?.reportGroup;
    return typeof candidate === 'string' && isKnownReportGroup(this.reportGroups, candidate) ? candidate : null;
  }

  private money(entries: readonly LedgerEntryRow[], departmentNames: ReadonlyMap<string, string>): MonthlyMoney {
    const total = (kind: string): LedgerTotal => {
      const lines = entries.filter((e) => e.kind === kind);
      const departments = [...new Set(lines.map((e) => e.departmentCode))].sort();
      return {
        entries: lines.length,
        totalFen: lines.reduce((sum, e) => sum + Math.abs(e.amountFen), 0),
        byDepartment: departments.map((code) => {
          const own = lines.filter((e) => e.departmentCode === code);
          return { key: code, label: departmentNames.get(code) ?? code, entries: own.length, totalFen: own.reduce((sum, e) => sum + Math.abs(e.amountFen), 0) };
        }),
      };
    };
    const corrections = entries.filter((e) => e.kind === 'correction');
    return {
      fines: total('fine'),
      refunds: total('refund'),
      corrections: { entries: corrections.length, netFen: corrections.reduce((sum, e) => sum + e.amountFen, 0) },
      netFen: entries.reduce((sum, e) => sum + e.amountFen, 0),
    };
  }
}

function asDate(value: Date | string | null): Date | null {
  return value === null || value === undefined ? null : new Date(value);
}
