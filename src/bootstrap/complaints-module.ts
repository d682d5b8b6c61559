import { registerComplaintHandlers } from '../app/complaints/handlers';
import { complaintRoutes } from '../http/routes/complaints';
import { COMPLAINT_PROCESS_KEY } from '../app/complaints/registration';
import { COMPLAINT_START_DATA } from '../app/complaints/start-data';
import { AppModule } from './modules';

/** The complaint lifecycle: registration API, and the service tasks of processes/complaint-lifecycle.bpmn. */
export const complaintsModule: AppModule = {
  name: 'complaints',
  registerHandlers: (registry, services) => {
    registerComplaintHandlers(registry, services);
    registry.declareStartData(COMPLAINT_PROCESS_KEY, COMPLAINT_START_DATA);
    // The dispatch form's 责任部门 list is the policy's departments (config/policy.json), not a list in the diagram.
    services.engine.formOptions.register('departments', () => services.policy.departments.map((d) => ({ id: d.code, name: d.name })));
  },
  routes: (services) => complaintRoutes(services),
};
