import type { ClassConstructor } from 'class-transformer';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { AUTH_REALM, CSRF_HEADER, SESSION_COOKIE } from './auth';
import { RouteDefinition } from './routes';

// class-transformer only publishes its metadata storage under this path; it tells the schema generator
// which class a nested @Type(() => X) property holds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
  security: Record<string, string[]>[];
  tags?: { name: string }[];
}

const SCHEMA_PREFIX = '#/components/schemas/';
const BEARER = 'bearerAuth';
const SESSION = 'sessionCookie';

const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'Machine-readable code, e.g. validation_failed, unauthorized, not_found, conflict' },
    message: { type: 'string', description: 'Explanation for people' },
    fields: {
      type: 'array',
      description: 'Only for validation_failed: the invalid fields, nested ones as dotted paths (complainant.phone)',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/** The OpenAPI 3.0 description of the routes; request and response schemas come from the DTO classes. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: OpenApiDocument['info']): OpenApiDocument {
  const dtoSchemas = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, Schema>;
  for (const schema of Object.values(dtoSchemas)) dropNullTypeNegations(schema);
  const referenced = new Set<string>();
  const refTo = (dto: ClassConstructor<object>): Schema => {
    if (!dtoSchemas[dto.name]) return { type: 'object' };
    referenced.add(dto.name);
    return { $ref: SCHEMA_PREFIX + dto.name };
  };

  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = describeOperation(route, dtoSchemas, refTo);
  }

  return {
    openapi: '3.0.3',
    info,
    paths,
    components: {
      schemas: { ...reachableSchemas(referenced, dtoSchemas), ErrorResponse: ERROR_SCHEMA },
      securitySchemes: {
        [BEARER]: {
          type: 'http',
          scheme: 'bearer',
          description: `API token (cf_…) of realm ${AUTH_REALM}, issued with \`npm run users -- issue-token <username>\``,
        },
        [SESSION]: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `Console session from POST /auth/login. Requests other than GET/HEAD also need the session's CSRF token in ${CSRF_HEADER}.`,
        },
      },
    },
    security: [{ [BEARER]: [] }, { [SESSION]: [] }],
    tags: [...new Set(routes.flatMap((route) => route.tags ?? []))].sort().map((name) => ({ name })),
  };
}

function describeOperation(
  route: RouteDefinition,
  dtoSchemas: Record<string, Schema>,
  refTo: (dto: ClassConstructor<object>) => Schema,
): Record<string, unknown> {
  const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: `${SCHEMA_PREFIX}ErrorResponse` } } } });
  const responses: Record<string, unknown> = {};

  const { status = 200, description, type, isArray } = route.response;
  if (type) {
    const schema = isArray ? { type: 'array', items: refTo(type) } : refTo(type);
    responses[status] = { description, content: { 'application/json': { schema } } };
  } else {
    responses[status] = { description };
  }
  if (route.body || route.query) responses[400] = errorAnswer('Invalid input: validation_failed (with fields) or malformed_json');
  if (route.auth !== false) responses[401] = errorAnswer('Missing, unknown or revoked bearer token');
  if (route.groups) responses[403] = errorAnswer(`The caller is in none of the groups ${route.groups.join(', ')}`);
  for (const [code, text] of Object.entries(route.errors ?? {})) responses[code] = errorAnswer(text);

  const parameters: Record<string, unknown>[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name, in: 'path', required: true, schema: { type: 'string' },
  }));
  if (route.query) parameters.push(...queryParameters(dtoSchemas[route.query.name]));

  const descriptionLines = [route.description, route.groups ? `Groups: ${route.groups.join(', ')}.` : undefined].filter(Boolean);
  return {
    summary: route.summary,
    ...(descriptionLines.length > 0 ? { description: descriptionLines.join('\n\n') } : {}),
    ...(route.tags ? { tags: route.tags } : {}),
    ...(route.auth === false ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: refTo(route.body) } } } } : {}),
    responses,
  };
}

/**
 * @IsDefined becomes `not: { type: 'null' }`, which OpenAPI 3.0 (no null type) rejects; `required` already says
 * the property must be there.
 */
function dropNullTypeNegations(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  const not = node.not as Record<string, unknown> | undefined;
  if (not && Object.keys(not).length === 1 && not.type === 'null') delete node.not;
  for (const value of Object.values(node)) dropNullTypeNegations(value);
}

function queryParameters(schema: Schema | undefined): Record<string, unknown>[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

/** Only the schemas the routes use, plus the nested ones they point to; the generator knows every DTO loaded. */
function reachableSchemas(roots: Set<string>, all: Record<string, Schema>): Record<string, Schema> {
  const picked: Record<string, Schema> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (picked[name] || !all[name]) continue;
    picked[name] = all[name];
    const refs = JSON.stringify(all[name]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g);
    for (const [, nested] of refs) pending.push(nested);
  }
  return Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b)));
}
