import path from 'node:path';
import type { Express } from 'express';
import { authenticate, resumeSession, signIn, SignInDeps, signOut } from '../app/identity';
import { AppServices } from '../app/services';
import { AppConfig, loadConfig, PROJECT_ROOT, readPolicyFile } from '../config';
import { CANDIDATE_GROUPS, Policy, WorkCalendar } from '../domain';
import { Clock, systemClock } from '../engine/clock';
import { createDefinitionGate } from '../engine/definitions/gate';
import { HandlerRegistry } from '../engine/handlers/registry';
import { WorkflowEngine } from '../engine/workflow-engine';
import type { Logger } from 'pino';
import { createHttpApp, HttpLogger } from '../http';
import { HttpMetrics } from '../http/observability';
import { readOperationsSnapshot } from '../persistence/repositories/operations-snapshot';
import { openDatabase } from '../persistence/database';
import { APP_MODULES, AppModule } from './modules';

export interface ApplicationOptions {
  config?: Partial<AppConfig>;
  clock?: Clock;
  /** Defaults to APP_MODULES. */
  modules?: AppModule[];
  /** Overrides config/policy.json (tests change limits this way). */
  policy?: Policy;
  httpLogger?: HttpLogger;
  /** One JSON line per request (main passes a pino logger on stdout; tests usually none). */
  requestLog?: Logger;
  /** The built web console served at /app/; defaults to web/dist of the project. */
  consoleDir?: string;
  /** Where start-up notices (a process file that differs from the active version) go; console.warn by default. */
  startupLog?: (line: string) => void;
}

export interface Application extends AppServices {
  config: AppConfig;
  http: Express;
  /** Starts the timer poller and every module's workers. */
  startBackgroundWork(): void;
  close(): Promise<void>;
}

/** Builds the whole application on one database: engine, handlers, diagrams from processes/, HTTP routes. */
export async function createApplication(options: ApplicationOptions = {}): Promise<Application> {
  const config: AppConfig = { ...loadConfig(), ...options.config };
  const clock = options.clock ?? systemClock;
  const policy = options.policy ?? readPolicyFile(config.policyFile);
  const calendar = new WorkCalendar(policy.calendar);
  const db = await openDatabase(config.dbUrl);
  const handlers = new HandlerRegistry();
  const metrics = new HttpMetrics(() => readOperationsSnapshot(db, clock.now()));
  db.observeWriteWaits(metrics.writeWaited);
  const engine = new WorkflowEngine(db, {
    clock, handlers, serverId: config.serverId, locks: config.locks, timers: config.timers, loggerCapacity: config.logger.keepEntries,
    liveExecutions: config.liveExecutions,
    metrics: metrics.engine,
  });
  engine.setGate(createDefinitionGate(engine, { roles: CANDIDATE_GROUPS }));
  const services: AppServices = { db, engine, policy, calendar, clock };
  const modules = options.modules ?? APP_MODULES;

  try {
    for (const module of modules) module.registerHandlers?.(handlers, services);
    engine.refreshHandlers();
    await engine.deployDirectory(config.processesDir, 'system', { onDrift: config.processFileDrift, log: options.startupLog });
  } catch (error) {
    await db.close();
    throw error;
  }

  const routes = modules.flatMap((module) => module.routes?.(services) ?? []);
  const signInDeps: SignInDeps = { db, clock, settings: config.signIn };
  const http = createHttpApp({
    authenticate: (token) => authenticate(db, token, clock),
    sessions: {
      authenticate: (sessionId) => resumeSession(signInDeps, sessionId),
      signIn: (input) => signIn(signInDeps, input),
      signOut: (sessionId) => signOut(signInDeps, sessionId),
    },
    routes,
    logger: options.httpLogger,
    requestLog: options.requestLog,
    metrics: {
      metrics,
      access: { token: config.metricsToken, behindProxy: Boolean(config.trustProxy) },
    },
    trustProxy: config.trustProxy,
    consoleDir: options.consoleDir ?? path.join(PROJECT_ROOT, 'web', 'dist'),
  });
  const stops: Array<() => Promise<void>> = [];

  return {
    ...services,
    config,
    http,
    startBackgroundWork() {
      engine.timers.start();
      for (const module of modules) {
        const stop = module.startWorkers?.(services);
        if (stop) stops.push(stop);
      }
    },
    async close() {
      for (const stop of stops.splice(0)) await stop();
      await engine.close();
      await db.close();
    },
  };
}
