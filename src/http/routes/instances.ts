import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { InstanceService } from '../../app/processes/instance-service';
import { StartService } from '../../app/processes/start-service';
import { ValidationError } from '../../domain/errors';
import { localeOf } from '../../engine/definitions/lint/rules/messages';
import { defineRoute, RouteDefinition } from '../routes';

const NAME = /^[A-Za-z0-9_.:-]+$/;

export class IncidentQuery {
  @IsOptional() @IsString() @MaxLength(100) @Matches(NAME) process?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
  @IsOptional() @IsString() @MaxLength(100) @Matches(NAME) element?: string;
  @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
}

export class WaitingInstancesQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
  @IsOptional() @IsIn(['running']) status?: 'running';
}

export class CancelBody {
  /** Why the instance is cancelled (kept in its audit trail). */
  @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class MigrationBody {
  @IsInt() @Min(1) sourceVersion: number;
  @IsInt() @Min(1) targetVersion: number;
  /** Source element id → target element id; unnamed elements keep their id. */
  @IsOptional() @IsObject() mapping?: Record<string, string>;
  /** Only these instances; leave it out for every running instance of the source version (an empty list is refused). */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) instanceIds?: string[];
  /** true: only report which instances can move and why others cannot. */
  @IsBoolean() dryRun: boolean;
}

export class StartBody {
  /** Values of the start event's form fields, by field id. */
  @IsObject() data: Record<string, unknown>;
}

export class IncidentView {
  @IsInt() id: number;
  @IsOptional() @IsString() instanceId: string | null;
  @IsOptional() @IsString() processKey: string | null;
  @IsOptional() @IsInt() version: number | null;
  @IsOptional() @IsString() elementId: string | null;
  @IsOptional() @IsString() elementName: string | null;
  @IsString() message: string;
  @IsDate() createdAt: Date;
  @IsIn(['open', 'resolved']) status: string;
}

export class WaitingInstanceView {
  @IsString() id: string;
  @IsInt() version: number;
  @IsOptional() @IsString() businessKey: string | null;
  @IsDate() startedAt: Date;
  @IsString({ each: true }) activeElements: string[];
}

const OWNERS = ['process-owner'] as const;

export function instanceRoutes(instances: InstanceService, starts: StartService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/processes/:key/start-form',
      summary: 'The form that starts a process from the console (its start event\'s camunda:formData)',
      tags: ['processes'],
      response: { description: '{ form, starterGroups }' },
      errors: { 404: 'No such process', 409: 'The process has no start form (the application starts it)' },
      handler: ({ params }) => starts.startForm(params.key),
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/instances',
      summary: 'Start a process that has a start form; its tasks appear in the task list',
      tags: ['processes'],
      body: StartBody,
      response: { status: 201, description: '{ instanceId, businessKey, next: [{ taskId, elementId, name }] }' },
      errors: { 400: 'Data does not match the start form', 403: 'Not in camunda:candidateStarterGroups', 404: 'No such process', 409: 'No start form, or suspended' },
      handler: ({ actor, params, body }) => starts.start(actor, params.key, body.data),
    }),
    defineRoute({
      method: 'get',
      path: '/incidents',
      summary: 'Incidents: where instances could not continue (filter by process, version, element, status)',
      tags: ['processes'],
      query: IncidentQuery,
      response: { description: 'Newest first (at most 500)', type: IncidentView, isArray: true },
      handler: ({ query }) => instances.incidents(query),
    }),
    defineRoute({
      method: 'post',
      path: '/incidents/:id/retry',
      summary: 'Replay what the incident interrupted (complete the task with the data given then, fire the timer) after fixing the cause',
      description: '`resolved: false` with `reason` when it fails again; the incident stays open.',
      tags: ['processes'],
      groups: OWNERS,
      response: { description: 'Whether the incident is resolved, and the incident' },
      errors: { 404: 'No such incident', 409: 'Already resolved' },
      handler: ({ actor, params }) => {
        if (!/^\d+$/.test(params.id)) throw new ValidationError('Invalid incident id', [{ field: 'id', messages: ['must be a whole number'] }]);
        return instances.retry(actor, Number(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/instances/:id/cancel',
      summary: 'Cancel a running instance: open tasks closed, timers removed, called instances cancelled; audited with the reason',
      tags: ['processes'],
      groups: OWNERS,
      body: CancelBody,
      response: { description: 'What was closed' },
      errors: { 404: 'No such instance', 409: 'Not running' },
      handler: ({ actor, params, body }) => instances.cancel(actor, params.id, body.reason),
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/migrations',
      summary: 'Move waiting instances from one version to another (element mapping defaults to the same ids)',
      description: 'A dry run lists the instances that can move (with their element moves) and why the others cannot. The real '
        + 'run moves each in its own transaction, re-plans timers whose definition changed and audits each move.',
      tags: ['processes'],
      groups: OWNERS,
      body: MigrationBody,
      response: { description: '{ dryRun, movable, blocked: [{ instanceId, reasons, problems: [{ code, elementId, elementType, target }] }], '
        + 'unmapped: [{ elementId, elementType, elementName, candidates }], migrated? }: unmapped lists each element a mapping '
        + 'would place once, with the target version\'s elements of its type. Reasons are Chinese with Accept-Language: zh.' },
      errors: { 404: 'No such process or version' },
      handler: ({ actor, params, body, req }) => {
        const mapping = body.mapping ?? {};
        const bad = Object.entries(mapping).filter(([from, to]) => typeof to !== 'string' || !NAME.test(from) || !NAME.test(to));
        if (bad.length > 0) throw new ValidationError('Invalid mapping', bad.map(([from]) => ({ field: `mapping.${from}`, messages: ['element ids map to element ids'] })));
        return instances.migrate(actor, { processKey: params.key, ...body, mapping, locale: localeOf(req.get('Accept-Language')) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/instances',
      summary: 'Running instances of a process with the elements they wait at',
      tags: ['processes'],
      query: WaitingInstancesQuery,
      response: { description: 'Oldest first', type: WaitingInstanceView, isArray: true },
      errors: { 404: 'No such process' },
      handler: ({ params, query }) => instances.waitingInstances(params.key, query.version),
    }),
  ];
}
