import { registerComplaintHandlers } from '../engine/handlers/complaint-handlers';
import { complaintRoutes } from '../http/routes/complaints';
import { AppModule } from './modules';

/** The complaint lifecycle: registration API, and the service tasks of processes/complaint-lifecycle.bpmn. */
export const complaintsModule: AppModule = {
  name: 'complaints',
  registerHandlers: (registry, services) => registerComplaintHandlers(registry, services),
  routes: (services) => complaintRoutes(services),
};
