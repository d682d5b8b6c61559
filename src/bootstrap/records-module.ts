import { AuditService } from '../app/audit/audit-service';
import { AuditIntegrityService } from '../app/audit/integrity-service';
import { RecordsService } from '../app/records/records-service';
import { recordRoutes } from '../http/routes/records';
import { AppModule } from './modules';

/** Printed records (PDF): the forms R/G095-1 … 4 and the complaint dossier, filled from the records and the audit trail. */
export const recordsModule: AppModule = {
  name: 'records',
  routes: ({ db, engine, policy, clock }) => {
    const integrity = new AuditIntegrityService(db, clock);
    return recordRoutes(new RecordsService(db, new AuditService(db, engine, integrity, policy.departmentScopedGroups), integrity, policy, clock, engine.forms));
  },
};
