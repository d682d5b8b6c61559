import { LedgerService } from '../app/penalties/ledger-service';
import { PenaltyService } from '../app/penalties/penalty-service';
import { registerPenaltyHandlers } from '../engine/handlers/penalty-handlers';
import { ledgerRoutes } from '../http/routes/ledger';
import { penaltyRoutes } from '../http/routes/penalties';
import { AppModule } from './modules';

/** Penalty and exemption chains (processes/penalty.bpmn, processes/exemption.bpmn) and the fine ledger. */
export const penaltiesModule: AppModule = {
  name: 'penalties',
  registerHandlers: (registry, services) => registerPenaltyHandlers(registry, services),
  routes: (services) => [...penaltyRoutes(new PenaltyService(services)), ...ledgerRoutes(new LedgerService(services))],
};
