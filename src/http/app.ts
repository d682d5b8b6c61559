import express, { type Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import type swaggerUi from 'swagger-ui-express';
import { PROJECT_ROOT } from '../config';
import { authenticateRequest, Authenticator } from './auth';
import { errorHandler, notFound } from './errors';
import { mountConsole } from './console';
import { inspectJsonBody, inspectQuery } from './json-guard';
import { securityHeaders } from './security-headers';
import { consoleLogger, HttpLogger } from './logger';
import { accessLog, HttpMetrics, MetricsAccess, requestIds } from './observability';
import type { Logger } from 'pino';
import { buildOpenApiDocument, OpenApiDocument } from './openapi';
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
  // Built on the first request for it: a fifth of a second of start-up that most processes never need.
  let openApi: OpenApiDocument | undefined;
  const apiDocument = () => (openApi ??= buildOpenApiDocument(routes, { title: 'complaint-flow API', version: packageVersion() }));

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
  app.get('/openapi.json', (_req, res) => { res.json(apiDocument()); });
  let docsPages: express.Router | undefined;
  app.use('/docs', (req, res, next) => {
    docsPages ??= swaggerPages(apiDocument());
    docsPages(req, res, next);
  });

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

/** Swagger UI over the API document, as mounted at /docs; its package is loaded with the first visit. */
function swaggerPages(document: OpenApiDocument): express.Router {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const swagger = require('swagger-ui-express') as typeof swaggerUi;
  const options = { customSiteTitle: 'complaint-flow API', swaggerOptions: { persistAuthorization: true } };
  const pages = express.Router();
  pages.use(swagger.serveFiles(document, options), swagger.setup(document, options));
  return pages;
}

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
