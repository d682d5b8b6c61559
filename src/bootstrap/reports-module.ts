import { MonthlyReportService } from '../app/reports/monthly-report';
import { loadReportGroups } from '../app/reports/report-groups';
import { reportRoutes } from '../http/routes/reports';
import { AppModule } from './modules';

/** Monthly statistics with Excel and CSV export. */
export const reportsModule: AppModule = {
  name: 'reports',
  routes: ({ db, policy, clock }) => reportRoutes(new MonthlyReportService(db, policy, clock, loadReportGroups())),
};
