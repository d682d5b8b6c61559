import { IsDate, IsIn, IsInt, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { csvOf, workbookOf } from '../../app/reports/export-files';
import { MONTH_PATTERN } from '../../app/reports/month';
import { MonthlyReportService } from '../../app/reports/monthly-report';
import { reportTables } from '../../app/reports/report-tables';
import { defineRoute, RouteDefinition } from '../routes';

export const REPORT_FORMATS = ['json', 'xlsx', 'csv'] as const;

export class MonthlyReportQuery {
  /** Calendar month in Asia/Shanghai, e.g. 2026-11. */
  @Matches(MONTH_PATTERN, { message: 'month must look like 2026-11' }) month: string;
  @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
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
  /** Seed 003 表四 groups with their items: [{ key, label, count, items: [{ key, label, count }] }]. */
  @IsObject({ each: true }) byReportGroup: object[];
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

export function reportRoutes(reports: MonthlyReportService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/reports/monthly',
      summary: 'Monthly complaint statistics (客户投诉信息统计表)',
      description: 'Complaints received in the month (Asia/Shanghai) by kind, category, severity, responsible department and channel; '
        + 'share answered within the response and resolution limits; satisfaction; closure and resolution rates; repeat complaints '
        + 'and hot spots; change against each of the three previous months; fines and refunds of the month\'s pay. '
        + '`format=xlsx` answers an Excel workbook, `format=csv` a UTF-8 CSV with BOM.',
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
        if (!query.format || query.format === 'json') return report;
        const name = `complaint-statistics-${query.month}`;
        const chineseName = encodeURIComponent(`客户投诉信息统计表-${query.month}`);
        if (query.format === 'xlsx') {
          const file = await workbookOf(`客户投诉信息统计表 ${query.month}`, reportTables(report));
          res.status(200).type(XLSX_TYPE)
            .setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"; filename*=UTF-8''${chineseName}.xlsx`)
            .send(file);
          return undefined;
        }
        res.status(200).type('text/csv; charset=utf-8')
          .setHeader('Content-Disposition', `attachment; filename="${name}.csv"; filename*=UTF-8''${chineseName}.csv`)
          .send(Buffer.from(csvOf(reportTables(report)), 'utf8'));
        return undefined;
      },
    }),
  ];
}
