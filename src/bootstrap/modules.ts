import { AppServices } from '../app/services';
import { HandlerRegistry } from '../engine/handlers/registry';
import { RouteDefinition } from '../http/routes';

/**
 * One capability of the product (complaints, tasks, penalties …): the service-task handlers it offers to
 * diagrams, its HTTP routes, and any background worker. The composition root wires the list in order.
 */
export interface AppModule {
  name: string;
  registerHandlers?(registry: HandlerRegistry, services: AppServices): void;
  routes?(services: AppServices): RouteDefinition[];
  /** Starts background work (pollers, delivery workers); returns how to stop it. */
  startWorkers?(services: AppServices): () => Promise<void>;
}

/** Every module of the application, in wiring order. Each capability appends its own line. */
export const APP_MODULES: AppModule[] = [];

import { auditModule } from './audit-module';
APP_MODULES.push(auditModule);
import { tasksModule } from './tasks-module';
APP_MODULES.push(tasksModule);
import { processesModule } from './processes-module';
APP_MODULES.push(processesModule);
import { notificationsModule } from './notifications-module';
APP_MODULES.push(notificationsModule);
import { penaltiesModule } from './penalties-module';
APP_MODULES.push(penaltiesModule);
import { complaintsModule } from './complaints-module';
APP_MODULES.push(complaintsModule);
import { reportsModule } from './reports-module';
APP_MODULES.push(reportsModule);
import { vocabularyModule } from './vocabulary-module';
APP_MODULES.push(vocabularyModule);
import { preferencesModule } from './preferences-module';
APP_MODULES.push(preferencesModule);
