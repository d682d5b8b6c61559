import { ProcessService } from '../app/processes/process-service';
import { InstanceService } from '../app/processes/instance-service';
import { StartService } from '../app/processes/start-service';
import { instanceRoutes } from '../http/routes/instances';
import { processRoutes } from '../http/routes/processes';
import { CANDIDATE_GROUPS } from '../domain';
import { AppModule } from './modules';

/** Versioned diagram deployment for process owners, behind the engine's lint gate. */
export const processesModule: AppModule = {
  name: 'processes',
  routes: ({ db, engine }) => [
    ...processRoutes(new ProcessService(db, engine, { roles: CANDIDATE_GROUPS })),
    ...instanceRoutes(new InstanceService(db, engine), new StartService(db, engine)),
  ],
};
