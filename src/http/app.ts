import express, { type Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import swaggerUi from 'swagger-ui-express';
import { PROJECT_ROOT } from '../config';
import { authenticateRequest, Authenticator } from './auth';
import { errorHandler, notFound } from './errors';
import { mountConsole } from './console';
import { inspectJsonBody, inspectQuery } from './json-guard';
import { securityHeaders } from './security-headers';
import { consoleLogger, HttpLogger } from './logger';
import { accessLog, HttpMetrics, MetricsAccess, requestIds } from './observability';
import type { Logger } from 'pino';
import { buildOpenApiDocument } from './openapi';
import { mountRoute, RouteDefinition } from './routes';
import { identityRoutes } from './routes/identity';
import { ConsoleSessions, signInRoutes } from './routes/sign-in';
import { systemRoutes } from './routes/system';

export interface HttpAppDeps {
  authenticate: Authenticator;
  /** Console sign-in with a session cookie; without it only bearer tokens authenticate. */
  sessions?: ConsoleSessions;
  /** Express `trust proxy` setting, e.g. "loopback" (env TRUST_PROXY). */
  trustProxy?: string;
  /** Route modules' definitions; GET /healthz and GET /me are always there. */
  routes?: readonly RouteDefinition[];
  logger?: HttpLogger;
  /** Largest accepted JSON body (body-parser syntax). */
  jsonLimit?: string;
  /** The built web console (web/dist), served at /app/; omitted = no console. */
  consoleDir?: string;
  /** Prometheus metrics, served at GET /metrics to the callers `access` allows. */
  metrics?: { metrics: HttpMetrics; access: MetricsAccess };
  /** Structured request log (pino), one JSON line per request with its request id. */
  requestLog?: Logger;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const logger = deps.logger ?? consoleLogger;
  const routes = [...systemRoutes(), ...identityRoutes(), ...(deps.sessions ? signInRoutes(deps.sessions) : []), ...(deps.routes ?? [])];
  const openApi = buildOpenApiDocument(routes, { title: 'complaint-flow API', version: packageVersion() });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestIds());
  if (deps.requestLog) app.use(accessLog(deps.requestLog));
  if (deps.metrics) {
    app.use(deps.metrics.metrics.measureRequests());
    app.get('/metrics', deps.metrics.metrics.handler(deps.metrics.access));
  }
  app.use(securityHeaders());
  app.use(express.json({ limit: deps.jsonLimit ?? '1mb' }));
  app.use(inspectJsonBody(), inspectQuery);

  // The API description is public so people can read it; the document itself declares bearer auth.
  app.get('/openapi.json', (_req, res) => { res.json(openApi); });
  const swaggerOptions = { customSiteTitle: 'complaint-flow API', swaggerOptions: { persistAuthorization: true } };
  app.use('/docs', swaggerUi.serveFiles(openApi, swaggerOptions), swaggerUi.setup(openApi, swaggerOptions));

  // Behind a reverse proxy this makes req.ip the client's address (sign-in throttling counts per address)
  // and req.secure follow X-Forwarded-Proto (Secure cookies).
  if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);

  const authenticated = authenticateRequest(deps.authenticate, deps.sessions?.authenticate);
  const router = express.Router();
  for (const route of routes) mountRoute(router, route, authenticated);
  app.use(router);
  if (deps.consoleDir) mountConsole(app, deps.consoleDir);

  // Unknown paths are only revealed as 404 to authenticated callers.
  app.use(authenticated, notFound);
  app.use(errorHandler(logger));
  return app;
}

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
