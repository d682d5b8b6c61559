export { createHttpApp, type HttpAppDeps } from './app';
export { defineRoute, type RouteDefinition, type RouteContext, type RouteSpec, type RouteResponse } from './routes';
export { validateBody, validateQuery } from './validation';
export { startHttpServer, type RunningServer } from './server';
export type { Authenticator } from './auth';
export type { HttpLogger } from './logger';
