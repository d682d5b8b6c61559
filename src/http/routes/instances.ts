import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { InstanceService } from '../../app/processes/instance-service';
import { ValidationError } from '../../domain/errors';
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

export function instanceRoutes(instances: InstanceService): RouteDefinition[] {
  return [
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
