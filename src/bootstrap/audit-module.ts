import { AuditService } from '../app/audit/audit-service';
import { auditRoutes } from '../http/routes/audit';
import { AppModule } from './modules';

/** Read-only history, hash-chain verification and pinned diagrams for auditors and the departments concerned. */
export const auditModule: AppModule = {
  name: 'audit',
  routes: ({ db, engine }) => auditRoutes(new AuditService(db, engine)),
};
