import { TaskUseCases } from '../app/tasks';
import { taskRoutes } from '../http/routes/tasks';
import { AppModule } from './modules';

/** The task list of every process: GET /tasks, claim, unclaim, assign and complete with the task's form. */
export const tasksModule: AppModule = {
  name: 'tasks',
  routes: (services) => taskRoutes(new TaskUseCases(services)),
};
