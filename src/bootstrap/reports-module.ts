import { ComplaintLedgerService } from '../app/reports/complaint-ledger';
import { MonthlyReportService } from '../app/reports/monthly-report';
import { REPORT_GROUP_OPTIONS, reportGroupOptions, storeReportGroupOnDispatch } from '../app/reports/report-group-choice';
import { loadReportGroups } from '../app/reports/report-groups';
import { reportRoutes } from '../http/routes/reports';
import { AppModule } from './modules';

const reportGroups = loadReportGroups();

/**
 * Monthly and yearly statistics (表四) with Excel, CSV and PDF export. The dispatch form's 表四 group takes its
 * choices from config/report-groups.json, and the dispatch step stores the choice on the complaint.
 */
export const reportsModule: AppModule = {
  name: 'reports',
  registerHandlers: (registry, { engine }) => {
    if (registry.has('complaint.dispatch')) registry.decorate('complaint.dispatch', storeReportGroupOnDispatch(reportGroups));
    if (!engine.formOptions.names().has(REPORT_GROUP_OPTIONS)) engine.formOptions.register(REPORT_GROUP_OPTIONS, () => reportGroupOptions(reportGroups));
  },
  routes: ({ db, policy, clock }) => reportRoutes(new MonthlyReportService(db, policy, clock, reportGroups), reportGroups,
    new ComplaintLedgerService(db, policy, clock, reportGroups)),
};
