import { Policy, SHANGHAI } from '../../domain';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { LedgerEntryRow } from '../../persistence/entities/penalties';
import { ReportRepository } from '../../persistence/repositories/report-repository';
import { previousMonths, reportMonth, ReportMonth } from './month';
import { changeBetween, ComplaintFacts, KeyFigures, MonthFigures, monthFigures, StatisticsContext, keyFigures } from './monthly-statistics';
import { isKnownReportGroup, ReportGroupConfig } from './report-groups';
import { overallText, TableFour, tableFour } from './table-four';

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
  /** 客户投诉信息统计表 as seed 003 prints it: period title, 总体情况 and the table. */
  tableFour: TableFour;
  comparisons: MonthComparison[];
  money: MonthlyMoney;
}

export interface MonthTrend {
  month: string;
  figures: KeyFigures;
  /** Complaints per 表四 group. */
  groups: Record<string, number>;
  finesFen: number;
  refundsFen: number;
}

export interface YearlyReport extends MonthFigures {
  year: number;
  timeZone: string;
  from: Date;
  to: Date;
  generatedAt: Date;
  tableFour: TableFour;
  /** January to December. */
  trend: MonthTrend[];
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
    const { facts, ledger } = await this.load(oldest.from, month.to, [monthKey]);
    const context = this.context();
    const inMonth = (m: ReportMonth) => facts.filter((f) => f.receivedAt >= m.from && f.receivedAt < m.to);
    const figures = monthFigures(inMonth(month), context);
    const current = keyFigures(figures);
    const money = this.money(ledger, context.departmentNames);
    const previous = { name: '上月', total: inMonth(earlier[0]).length };
    return {
      month: monthKey,
      timeZone: SHANGHAI,
      from: month.from,
      to: month.to,
      generatedAt: context.now,
      ...figures,
      tableFour: tableFour(figures, inMonth(month), month.from, month.to,
        overallText({ periodName: '本月', figures, finesFen: money.fines.totalFen, refundsFen: money.refunds.totalFen, previous })),
      comparisons: earlier.map((m) => {
        const then = keyFigures(monthFigures(inMonth(m), context));
        return { month: m.key, figures: then, change: changeBetween(current, then) };
      }),
      money,
    };
  }

  /** The year's summary for the management review (001 6.6.4): the year's figures, 表四 and the monthly trend. */
  async yearly(year: number): Promise<YearlyReport> {
    const months = Array.from({ length: 12 }, (_, i) => reportMonth(`${year}-${String(i + 1).padStart(2, '0')}`));
    const { facts, ledger } = await this.load(months[0].from, months[11].to, months.map((m) => m.key));
    const context = this.context();
    const figures = monthFigures(facts, context);
    const money = this.money(ledger, context.departmentNames);
    const lastYear = await this.db.read((manager) => new ReportRepository(manager)
      .countReceived(reportMonth(`${year - 1}-01`).from, reportMonth(`${year - 1}-12`).to));
    const trend = months.map((m): MonthTrend => {
      const inMonth = facts.filter((f) => f.receivedAt >= m.from && f.receivedAt < m.to);
      const monthly = monthFigures(inMonth, context);
      const monthLedger = ledger.filter((e) => e.payrollMonth === m.key);
      return {
        month: m.key,
        figures: keyFigures(monthly),
        groups: Object.fromEntries(monthly.byReportGroup.map((g) => [g.key, g.count])),
        finesFen: monthLedger.filter((e) => e.kind === 'fine').reduce((sum, e) => sum + Math.abs(e.amountFen), 0),
        refundsFen: monthLedger.filter((e) => e.kind === 'refund').reduce((sum, e) => sum + Math.abs(e.amountFen), 0),
      };
    });
    return {
      year,
      timeZone: SHANGHAI,
      from: months[0].from,
      to: months[11].to,
      generatedAt: context.now,
      ...figures,
      tableFour: tableFour(figures, facts, months[0].from, months[11].to,
        overallText({ periodName: `${year}年`, figures, finesFen: money.fines.totalFen, refundsFen: money.refunds.totalFen,
          previous: { name: `${year - 1}年`, total: lastYear } })),
      trend,
      money,
    };
  }

  private async load(from: Date, to: Date, payrollMonths: string[]): Promise<{ facts: ComplaintFacts[]; ledger: LedgerEntryRow[] }> {
    const { complaints, instanceData, ledger } = await this.db.read(async (manager) => {
      const repository = new ReportRepository(manager);
      const rows = await repository.complaintsReceived(from, to);
      const data = await repository.instanceData(rows.flatMap((row) => (row.instanceId ? [row.instanceId] : [])));
      return { complaints: rows, instanceData: data, ledger: await repository.ledgerEntriesOfMonths(payrollMonths) };
    });
    return { facts: complaints.map((row) => this.factsOf(row, row.instanceId ? instanceData.get(row.instanceId) : undefined)), ledger };
  }

  private context(): StatisticsContext {
    return {
      now: this.clock.now(),
      departmentNames: new Map(this.policy.departments.map((d) => [d.code, d.name])),
      reportGroups: this.reportGroups,
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
      content: row.content,
      cause: typeof data?.cause === 'string' && data.cause.trim() !== '' ? data.cause : null,
    };
  }

  /** A complaint may carry its 表四 place, as a column or in its process data; unknown places are ignored. */
  private reportGroupOf(row: ComplaintRow, data: Record<string, unknown> | undefined): string | null {
    const candidate = row.reportGroup ?? data?.reportGroup;
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
