import { IsDate, IsIn, IsInt, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { csvOf, workbookOf } from '../../app/reports/export-files';
import { MONTH_PATTERN } from '../../app/reports/month';
import { MonthlyReportService } from '../../app/reports/monthly-report';
import type { Response } from 'express';
import { monthlyStatisticsPdf, yearlyStatisticsPdf } from '../../app/records/statistics-pdf';
import { ReportGroupConfig } from '../../app/reports/report-groups';
import { ComplaintLedgerService, DAY_PATTERN, ledgerTable } from '../../app/reports/complaint-ledger';
import { ValidationError } from '../../domain';
import { ReportTable, reportTables, yearlyTables } from '../../app/reports/report-tables';
import { defineRoute, RouteDefinition } from '../routes';

export const REPORT_FORMATS = ['json', 'xlsx', 'csv', 'pdf'] as const;

export class MonthlyReportQuery {
  /** Calendar month in Asia/Shanghai, e.g. 2026-11. */
  @Matches(MONTH_PATTERN, { message: 'month must look like 2026-11' }) month: string;
  @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
}

export class YearlyReportQuery {
  /** Calendar year in Asia/Shanghai, e.g. 2026. */
  @Matches(/^(19|20|21)\d{2}$/, { message: 'year must look like 2026' }) year: string;
  @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
}

export class LedgerQuery {
  /** First day received, YYYY-MM-DD (Asia/Shanghai). */
  @Matches(DAY_PATTERN, { message: 'from must look like 2026-11-01' }) from: string;
  /** Last day received, inclusive. */
  @Matches(DAY_PATTERN, { message: 'to must look like 2026-11-30' }) to: string;
  @IsOptional() @IsIn(['json', 'xlsx', 'csv']) format?: 'json' | 'xlsx' | 'csv';
}

/** Response body of GET /reports/ledger (documentation only). */
export class ComplaintLedgerView {
  @IsString() from: string;
  @IsString() to: string;
  @IsString() title: string;
  /** One line per complaint: number, receivedAt, registeringDepartment, channel, complainant, severity (初步判定), content, responsibleDepartment, cause, resolution, penaltyOpinion, fineYuan, satisfaction, closedAt, completion (完成情况) … */
  @IsObject({ each: true }) lines: object[];
}

/** Response body of GET /reports/yearly (documentation only). */
export class YearlyReportView {
  @IsInt() year: number;
  @IsString() timeZone: string;
  @IsDate() from: Date;
  @IsDate() to: Date;
  @IsInt() total: number;
  /** The year's 表四: { title, period, overall (总体情况), rows: [{ group, item, count, contents, causes, numbers }], total }. */
  @IsObject() tableFour: object;
  /** January to December: [{ month, figures, groups: { groupKey: count }, finesFen, refundsFen }]. */
  @IsObject({ each: true }) trend: object[];
  @IsObject({ each: true }) byReportGroup: object[];
  @IsObject({ each: true }) byDepartment: object[];
  @IsObject() timeliness: object;
  @IsObject() satisfaction: object;
  @IsObject() money: object;
}

/** Response body of GET /reports/monthly (documentation only; see the description for the parts). */
export class MonthlyReportView {
  @IsString() month: string;
  @IsString() timeZone: string;
  @IsDate() from: Date;
  @IsDate() to: Date;
  @IsDate() generatedAt: Date;
  @IsInt() total: number;
  /** [{ key, label, count }] for every kind / category / severity / responsible department / channel. */
  @IsObject({ each: true }) byKind: object[];
  @IsObject({ each: true }) byCategory: object[];
  @IsObject({ each: true }) bySeverity: object[];
  @IsObject({ each: true }) byDepartment: object[];
  @IsObject({ each: true }) byChannel: object[];
  /** Seed 003 表四 groups with their items, complaints only: [{ key, label, count, numbers, items: [{ key, label, count, numbers }] }]. */
  @IsObject({ each: true }) byReportGroup: object[];
  /** 表四 as printed: { title, period: （11月1日至11月30日）, overall: 总体情况, rows: [{ group, item, count, contents, causes }], total }. */
  @IsObject() tableFour: object;
  /** { response, resolution }: { assessed, withinLimit, late, pending, share }. */
  @IsObject() timeliness: object;
  /** { numerator, denominator, value }: satisfied / rated. */
  @IsObject() satisfaction: object;
  @IsObject() closureRate: object;
  @IsObject() resolutionRate: object;
  @IsObject() repeats: object;
  /** { categories, departments, complainants } with two or more complaints. */
  @IsObject() hotSpots: object;
  /** The three previous months: [{ month, figures, change }]. */
  @IsObject({ each: true }) comparisons: object[];
  /** Fines and refunds of the month's performance pay from the ledger, in fen. */
  @IsObject() money: object;
}

const READERS = ['quality', 'service-desk', 'management-rep', 'division-leader', 'general-manager', 'auditor'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(reports: MonthlyReportService, groups: ReportGroupConfig, ledgers: ComplaintLedgerService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/reports/ledger',
      summary: 'Complaint ledger (顾客投诉管理台账, 001 8.2)',
      description: 'One line per complaint, suggestion or inquiry received between `from` and `to` (days in Asia/Shanghai, both included), '
        + 'with the columns of 001 6.1–6.6 (customer, matter, demand, 初步判定, disposal, completion) and of 003 表一 (编号, 信息来源, '
        + '接收部门, 处理情况, 处罚意见, 答复情况). `format=xlsx` answers a workbook, `format=csv` a UTF-8 CSV with BOM.',
      tags: ['reports'],
      groups: READERS,
      query: LedgerQuery,
      response: { description: 'The ledger', type: ComplaintLedgerView },
      handler: async ({ query, res }) => {
        if (query.from > query.to) throw new ValidationError('from is after to', [{ field: 'to', messages: ['must not be before from'] }]);
        const ledger = await ledgers.ledger(query.from, query.to);
        return sendReport(res, ledger, query.format, `complaint-ledger-${query.from}-${query.to}`, `顾客投诉管理台账-${query.from}至${query.to}`,
          () => [ledgerTable(ledger)]);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/reports/monthly',
      summary: 'Monthly complaint statistics (客户投诉信息统计表)',
      description: 'Complaints received in the month (Asia/Shanghai) by kind, category, severity, responsible department and channel; '
        + 'share answered within the response and resolution limits; satisfaction; closure and resolution rates; repeat complaints '
        + 'and hot spots; change against each of the three previous months; fines and refunds of the month\'s pay; 表四 as seed 003 '
        + 'prints it. `format=xlsx` answers an Excel workbook, `format=csv` a UTF-8 CSV with BOM, `format=pdf` 表四 as printed (A4 landscape).',
      tags: ['reports'],
      groups: READERS,
      query: MonthlyReportQuery,
      response: {
        description: 'The statistics; an Excel workbook with format=xlsx, a UTF-8 CSV (with BOM) with format=csv',
        type: MonthlyReportView,
        alternatives: {
          [XLSX_TYPE]: { type: 'string', format: 'binary' },
          'text/csv': { type: 'string' },
        },
      },
      handler: async ({ query, res }) => {
        const report = await reports.monthly(query.month);
        return sendReport(res, report, query.format, `complaint-statistics-${query.month}`, `客户投诉信息统计表-${query.month}`,
          () => reportTables(report), () => monthlyStatisticsPdf(report));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/reports/yearly',
      summary: 'Yearly complaint summary for the management review (001 6.6.4)',
      description: 'The year\'s figures, 表四 of the year with 总体情况, the monthly trend of the key figures and of every 表四 group, '
        + 'and the year\'s fines and refunds. `format=xlsx|csv|pdf` as for the monthly statistics.',
      tags: ['reports'],
      groups: READERS,
      query: YearlyReportQuery,
      response: { description: 'The summary', type: YearlyReportView },
      handler: async ({ query, res }) => {
        const report = await reports.yearly(Number(query.year));
        return sendReport(res, report, query.format, `complaint-summary-${query.year}`, `顾客投诉年度统计分析-${query.year}`,
          () => yearlyTables(report, groups.groups), () => yearlyStatisticsPdf(report, groups.groups));
      },
    }),
  ];
}

async function sendReport(
  res: Response, report: object, format: (typeof REPORT_FORMATS)[number] | undefined, name: string, chineseName: string, tables: () => ReportTable[],
  pdf?: () => Promise<Buffer>,
): Promise<object | undefined> {
  if (!format || format === 'json') return report;
  const disposition = (ext: string) => `attachment; filename="${name}.${ext}"; filename*=UTF-8''${encodeURIComponent(chineseName)}.${ext}`;
  if (format === 'pdf' && pdf) {
    res.status(200).type('application/pdf').setHeader('Content-Disposition', disposition('pdf')).send(await pdf());
    return undefined;
  }
  if (format === 'xlsx') {
    res.status(200).type(XLSX_TYPE).setHeader('Content-Disposition', disposition('xlsx')).send(await workbookOf(chineseName, tables()));
    return undefined;
  }
  res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', disposition('csv')).send(Buffer.from(csvOf(tables()), 'utf8'));
  return undefined;
}
