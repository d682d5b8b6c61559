import { IsIn } from 'class-validator';
import { defineRoute, RouteDefinition } from '../routes';

/** Response body of GET /healthz (documentation only). */
export class HealthView {
  @IsIn(['ok']) status: 'ok';
}

export function systemRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      auth: false,
      summary: 'Liveness check',
      tags: ['system'],
      response: { description: 'The server is up', type: HealthView },
      handler: () => ({ status: 'ok' }),
    }),
  ];
}
