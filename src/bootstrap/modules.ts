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
