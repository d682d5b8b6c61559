import { AnchorWorker } from '../app/audit/anchor-worker';
import { AuditService } from '../app/audit/audit-service';
import { AuditIntegrityService } from '../app/audit/integrity-service';
import { auditRoutes } from '../http/routes/audit';
import { integrityRoutes } from '../http/routes/audit-integrity';
import { AppModule } from './modules';

/**
 * Read-only history, pinned diagrams, hash-chain verification against chain heads and daily anchors, and the
 * worker that makes each day's anchor.
 */
export const auditModule: AppModule = {
  name: 'audit',
  routes: ({ db, engine, policy, clock }) => {
    const integrity = new AuditIntegrityService(db, clock);
    return [...auditRoutes(new AuditService(db, engine, integrity, policy.departmentScopedGroups)), ...integrityRoutes(integrity)];
  },
  startWorkers: ({ db, clock }) => {
    const worker = new AnchorWorker(new AuditIntegrityService(db, clock), clock);
    worker.start((error) => console.error('audit anchoring failed', error));
    return () => worker.stop();
  },
};
