import { LedgerService } from '../app/penalties/ledger-service';
import { EXEMPTION_PROCESS, PENALTY_PROCESS, PenaltyService } from '../app/penalties/penalty-service';
import { EXEMPTION_START_DATA, PENALTY_START_DATA } from '../app/penalties/start-data';
import { registerPenaltyHandlers } from '../app/penalties/handlers';
import { ledgerRoutes } from '../http/routes/ledger';
import { penaltyRoutes } from '../http/routes/penalties';
import { AppModule } from './modules';

/** Penalty and exemption chains (processes/penalty.bpmn, processes/exemption.bpmn) and the fine ledger. */
export const penaltiesModule: AppModule = {
  name: 'penalties',
  registerHandlers: (registry, services) => {
    registerPenaltyHandlers(registry, services);
    registry.declareStartData(PENALTY_PROCESS, PENALTY_START_DATA).declareStartData(EXEMPTION_PROCESS, EXEMPTION_START_DATA);
  },
  routes: (services) => [...penaltyRoutes(new PenaltyService(services)), ...ledgerRoutes(new LedgerService(services))],
};
