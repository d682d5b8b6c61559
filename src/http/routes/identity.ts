import { IsString, IsUUID } from 'class-validator';
import { Actor } from '../../app/actor';
import { defineRoute, RouteDefinition } from '../routes';

/** Response body of GET /me (documentation only): the Actor as the use cases see it. */
export class ActorView implements Actor {
  @IsUUID() userId: string;
  @IsString() username: string;
  @IsString() displayName: string;
  @IsUUID() departmentId: string;
  /** Pinyin initials of the department, e.g. KF. */
  @IsString() departmentCode: string;
  /** e.g. 客户服务部 */
  @IsString() departmentName: string;
  @IsString({ each: true }) groups: string[];
  @IsString({ each: true }) headOf: string[];
}

/** Identity administration is done with `npm run users`; over HTTP a caller can only see who they are. */
export function identityRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      summary: 'Who the caller is',
      description: 'The user of the bearer token or console session with department, groups and the groups they head.',
      tags: ['identity'],
      response: { description: 'The authenticated user', type: ActorView },
      handler: ({ actor }) => actor,
    }),
  ];
}
