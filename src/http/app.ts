import express, { type Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import swaggerUi from 'swagger-ui-express';
import { PROJECT_ROOT } from '../config';
import { authenticateRequest, Authenticator } from './auth';
import { errorHandler, notFound } from './errors';
import { inspectJsonBody, inspectQuery } from './json-guard';
import { securityHeaders } from './security-headers';
import { consoleLogger, HttpLogger } from './logger';
import { buildOpenApiDocument } from './openapi';
import { mountRoute, RouteDefinition } from './routes';
import { identityRoutes } from './routes/identity';
import { systemRoutes } from './routes/system';

export interface HttpAppDeps {
  authenticate: Authenticator;
  /** Route modules' definitions; GET /healthz and GET /me are always there. */
  routes?: readonly RouteDefinition[];
  logger?: HttpLogger;
  /** Largest accepted JSON body (body-parser syntax). */
  jsonLimit?: string;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const logger = deps.logger ?? consoleLogger;
  const routes = [...systemRoutes(), ...identityRoutes(), ...(deps.routes ?? [])];
  const openApi = buildOpenApiDocument(routes, { title: 'complaint-flow API', version: packageVersion() });

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(express.json({ limit: deps.jsonLimit ?? '1mb' }));
  app.use(inspectJsonBody(), inspectQuery);

  // The API description is public so people can read it; the document itself declares bearer auth.
  app.get('/openapi.json', (_req, res) => { res.json(openApi); });
  const swaggerOptions = { customSiteTitle: 'complaint-flow API', swaggerOptions: { persistAuthorization: true } };
  app.use('/docs', swaggerUi.serveFiles(openApi, swaggerOptions), swaggerUi.setup(openApi, swaggerOptions));

  const router = express.Router();
  for (const route of routes) mountRoute(router, route, deps.authenticate);
  app.use(router);

  // Unknown paths are only revealed as 404 to authenticated callers.
  app.use(authenticateRequest(deps.authenticate), notFound);
  app.use(errorHandler(logger));
  return app;
}

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
