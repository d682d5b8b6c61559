import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  INBOX_PAGE_SIZE, listStaffNotifications, markAllStaffNotificationsRead, markStaffNotificationRead,
} from '../../app/notifications/staff-inbox';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { defineRoute, RouteDefinition } from '../routes';

export class StaffNotificationQuery {
  /** true: only unread notifications. */
  @IsOptional()
  @Transform(({ obj }) => (obj.unread === 'true' ? true : obj.unread === 'false' ? false : obj.unread))
  @IsBoolean()
  unread?: boolean;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class StaffNotificationView {
  @IsString() id: string;
  /** task-arrived, task-overdue, task-escalated, or another template's name in kebab case (e.g. penalty-notice). */
  @IsString() kind: string;
  @IsString() title: string;
  @IsString() body: string;
  @IsOptional() @IsString() taskId: string | null;
  @IsOptional() @IsString() complaintNumber: string | null;
  /** The penalty case it is about (notice issued, exemption decided). */
  @IsOptional() @IsString() penaltyId: string | null;
  @IsISO8601() createdAt: string;
  @IsOptional() @IsISO8601() readAt: string | null;
}

export class StaffNotificationPageView {
  @ValidateNested({ each: true }) @Type(() => StaffNotificationView) items: StaffNotificationView[];
  @IsOptional() @IsString() nextCursor: string | null;
  @IsInt() unreadCount: number;
}

const TAGS = ['notifications'];

/** The caller's console inbox: tasks that arrived, fell overdue or were escalated to them or their groups. */
export function staffNotificationRoutes(db: Database, clock: Clock): RouteDefinition[] {
  return [
    defineRoute<undefined, StaffNotificationQuery>({
      method: 'get',
      path: '/me/notifications',
      summary: 'My console notifications',
      description: `Newest first, keyset pages of \`limit\` (default ${INBOX_PAGE_SIZE}), with the number still unread.`,
      tags: TAGS,
      query: StaffNotificationQuery,
      response: { description: 'One page of notifications', type: StaffNotificationPageView },
      handler: ({ actor, query }) => listStaffNotifications(db, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/me/notifications/read-all',
      summary: 'Mark all my notifications read',
      tags: TAGS,
      response: { status: 204, description: 'All read' },
      handler: async ({ actor }) => { await markAllStaffNotificationsRead(db, clock, actor); },
    }),
    defineRoute({
      method: 'post',
      path: '/me/notifications/:id/read',
      summary: 'Mark one of my notifications read',
      tags: TAGS,
      response: { status: 204, description: 'Read' },
      errors: { 404: 'No such notification of yours' },
      handler: async ({ actor, params }) => { await markStaffNotificationRead(db, clock, actor, params.id); },
    }),
  ];
}
