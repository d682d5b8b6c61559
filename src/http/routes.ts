import type { ClassConstructor } from 'class-transformer';
import type { Request, RequestHandler, Response, Router } from 'express';
import { Actor } from '../app/actor';
import { requireAnyGroup } from './auth';
import { validateBody, validateQuery } from './validation';
import './request-context';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResponse {
  /** Status of a successful answer; 200 unless given. A handler returning undefined sends no body. */
  status?: number;
  description: string;
  /** Class (with class-validator decorators) documenting the response body in the OpenAPI document. */
  type?: ClassConstructor<object>;
  isArray?: boolean;
  /**
   * Further media types the answer may come in, with their schemas, e.g.
   * `{ 'text/csv': { type: 'string' } }` (documentation only; the handler sends them through `res`).
   */
  alternatives?: Record<string, Record<string, unknown>>;
}

export interface RouteContext<TBody, TQuery, TAuth extends boolean> {
  /** The caller; undefined on routes declared with `auth: false`. */
  actor: TAuth extends false ? undefined : Actor;
  /** The validated DTO instance when the route declares `body`. */
  body: TBody;
  /** The validated DTO instance when the route declares `query`. */
  query: TQuery;
  params: Record<string, string>;
  req: Request;
  res: Response;
}

export interface RouteSpec<TBody, TQuery, TAuth extends boolean> {
  method: HttpMethod;
  /** Express path, e.g. `/complaints/:id`; shown as `/complaints/{id}` in the OpenAPI document. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Routes need a bearer token unless this is `false`. */
  auth?: TAuth;
  /** When given, the actor must belong to at least one of these groups (403 otherwise). */
  groups?: readonly string[];
  body?: ClassConstructor<TBody>;
  /** A request body that is not JSON, e.g. BPMN XML (documentation only; the handler reads it itself). */
  rawBody?: { contentTypes: readonly string[]; description: string };
  query?: ClassConstructor<TQuery>;
  response: RouteResponse;
  /** Further documented failures, e.g. `{ 404: 'No such complaint', 409: 'Task already claimed' }`. */
  errors?: Record<number, string>;
  /** Returns the response body (sent as JSON with `response.status`), or answers through `res` itself. */
  handler: (context: RouteContext<TBody, TQuery, TAuth>) => unknown;
}

/** A route as stored by defineRoute: what the app mounts and the OpenAPI document describes. */
export type RouteDefinition = Omit<RouteSpec<object, object, boolean>, 'handler'> & {
  handler: (context: RouteContext<unknown, unknown, boolean>) => unknown;
};

/**
 * Declares a route once: createHttpApp mounts it (auth, group check, body/query validation, JSON answer)
 * and the OpenAPI document describes it. Pass DTO classes, not instances.
 */
export function defineRoute<TBody = undefined, TQuery = undefined, TAuth extends boolean = true>(
  spec: RouteSpec<TBody, TQuery, TAuth>,
): RouteDefinition {
  return spec as unknown as RouteDefinition;
}

/** Mounts the route; `authenticated` is the middleware that sets req.actor (see authenticateRequest). */
export function mountRoute(router: Router, route: RouteDefinition, authenticated: RequestHandler): void {
  const chain: RequestHandler[] = [];
  if (route.auth !== false) chain.push(authenticated);
  if (route.groups) chain.push(requireAnyGroup(route.groups));
  if (route.body) chain.push(validateBody(route.body));
  if (route.query) chain.push(validateQuery(route.query));
  chain.push(async (req, res) => {
    const result = await route.handler({
      actor: req.actor,
      body: route.body ? req.body : undefined,
      query: route.query ? req.validatedQuery : undefined,
      params: req.params as Record<string, string>,
      req,
      res,
    });
    if (res.headersSent) return;
    res.status(route.response.status ?? 200);
    if (result === undefined) res.end();
    else res.json(result);
  });
  router[route.method](route.path, ...chain);
}
