import { Transform, Type } from 'class-transformer';
import {
  IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, TaskUseCases } from '../../app/tasks';
import { CANDIDATE_GROUPS, SEVERITIES } from '../../domain';
import { defineRoute, RouteDefinition } from '../routes';
import { IsWithinAcceptedSpan } from '../validators';

const NAME = /^[A-Za-z0-9_.:-]+$/;

/** Query string of GET /tasks. */
export class TaskListQuery {
  @IsOptional() @IsIn(CANDIDATE_GROUPS) group?: string;
  /** A username, or `me`. */
  @IsOptional() @IsString() @MaxLength(100) @Matches(NAME) assignee?: string;
  /** Process key of a deployed process (400 naming them otherwise). */
  @IsOptional() @IsString() @MaxLength(100) @Matches(NAME) process?: string;
  /** Instance data field `severity`: major, general or minor. */
  @IsOptional() @IsIn(SEVERITIES) severity?: string;
  /** Responsible department code (instance data field `departmentCode`) of the policy, e.g. YW (400 naming them otherwise). */
  @IsOptional() @Matches(/^[A-Z]{2,6}$/, { message: 'department must be a department code like YW' }) department?: string;
  @IsOptional()
  @Transform(({ obj }) => (obj.overdue === 'true' ? true : obj.overdue === 'false' ? false : obj.overdue))
  @IsBoolean()
  overdue?: boolean;
  /** ISO-8601 instant; only tasks due before it. */
  @IsOptional() @IsISO8601({ strict: true }) @IsWithinAcceptedSpan() dueBefore?: string;
  /** Due soon: only tasks due within this many minutes from now that are not overdue yet. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(60 * 24 * 31) dueWithinMinutes?: number;
  /** true: only tasks assigned to the caller. */
  @IsOptional()
  @Transform(({ obj }) => (obj.mine === 'true' ? true : obj.mine === 'false' ? false : obj.mine))
  @IsBoolean()
  mine?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  /** `due` (default): soonest due first; `priority`: highest priority first (direct complaints), then soonest due. */
  @IsOptional() @IsIn(['due', 'priority']) sort?: 'due' | 'priority';
}

export class TaskAssignBody {
  @IsString() @IsNotEmpty() @MaxLength(100) username: string;
}

export class TaskCompleteBody {
  /** Values of the task's form fields, by field id. */
  @IsObject() data: Record<string, unknown>;
  /** The `revision` of GET /tasks/{id}; completing fails with 409 when the instance changed since. */
  @IsOptional() @IsInt() @Min(1) revision?: number;
}

/** A task in the list (documentation only). */
export class TaskSummaryView {
  @IsString() id: string;
  @IsOptional() @IsString() name: string | null;
  @IsString() elementId: string;
  @IsString() processKey: string;
  @IsString() instanceId: string;
  @IsOptional() @IsString() businessKey: string | null;
  @IsString({ each: true }) candidateGroups: string[];
  @IsOptional() @IsString() assignee: string | null;
  /** The assignee's display name. */
  @IsOptional() @IsString() assigneeName: string | null;
  /** False when the assignee left (was deactivated): the task's candidates may claim it. */
  @IsOptional() @IsBoolean() assigneeActive: boolean | null;
  @IsOptional() @IsISO8601() dueAt: string | null;
  @IsBoolean() overdue: boolean;
  @IsOptional() @IsInt() timeLeftMs: number | null;
  @IsOptional() @IsISO8601() createdAt: string | null;
  /** The complaint the task works on; null for tasks of other processes. */
  @IsOptional() @IsString() complaintNumber: string | null;
  @IsOptional() @IsString() customerName: string | null;
  @IsOptional() @IsString() severity: string | null;
  @IsOptional() @IsString() category: string | null;
  @IsOptional() @IsString() kind: string | null;
  /** Responsible department of the complaint. */
  @IsOptional() @IsString() departmentCode: string | null;
  /** Start of the window that `dueAt` ends. */
  @IsOptional() @IsISO8601() slaStartedAt: string | null;
  /** Higher first; direct (越级) complaints above normal ones. */
  @IsInt() priority: number;
  /** 0 = not escalated … 3 = general manager (000 4.4). */
  @IsInt() @Min(0) escalationLevel: number;
}

export class TaskPageView {
  @ValidateNested({ each: true }) @Type(() => TaskSummaryView) items: TaskSummaryView[];
  @IsOptional() @IsString() nextCursor: string | null;
}

export class TaskFormValueView {
  @IsString() id: string;
  @IsString() name: string;
}

export class TaskFormConstraintsView {
  @IsBoolean() required: boolean;
  @IsOptional() @IsInt() minlength?: number;
  @IsOptional() @IsInt() maxlength?: number;
  @IsOptional() min?: number;
  @IsOptional() max?: number;
  @IsOptional() @IsString() pattern?: string;
}

export class TaskFormFieldView {
  @IsString() id: string;
  @IsString() label: string;
  @IsIn(['string', 'long', 'boolean', 'date', 'enum']) type: string;
  @ValidateNested({ each: true }) @Type(() => TaskFormValueView) values: TaskFormValueView[];
  @ValidateNested() @Type(() => TaskFormConstraintsView) constraints: TaskFormConstraintsView;
  @IsOptional() @IsString() defaultValue?: string;
  /** The condition under which the task asks for the field; a task's form lists it only while it holds. */
  @IsOptional() @IsString() visibleWhen?: string;
}

/** A field an earlier step recorded: the field of that step's form, with the instance's value for it. */
export class RecordedFieldView extends TaskFormFieldView {
  @IsDefined() value: unknown;
}

export class RecordedStepView {
  @IsString() elementId: string;
  @ValidateNested({ each: true }) @Type(() => RecordedFieldView) fields: RecordedFieldView[];
}

export class TaskDetailView extends TaskSummaryView {
  @IsIn(['open', 'completed', 'cancelled']) status: string;
  @IsString({ each: true }) candidateUsers: string[];
  @IsInt() revision: number;
  @ValidateNested({ each: true }) @Type(() => TaskFormFieldView) form: TaskFormFieldView[];
  @IsObject() data: Record<string, unknown>;
  /** What the instance's other steps recorded, per step in diagram order (a field once, under the first step declaring it). */
  @ValidateNested({ each: true }) @Type(() => RecordedStepView) recorded: RecordedStepView[];
}

export class TaskCompletedInstanceView {
  @IsString() id: string;
  @IsString() status: string;
  @IsInt() revision: number;
}

export class NextTaskView {
  @IsString() taskId: string;
  @IsOptional() @IsString() name: string | null;
  @IsString() elementId: string;
  @IsString({ each: true }) candidateGroups: string[];
  @IsOptional() @IsString() assignee: string | null;
}

export class TaskCompletedView {
  @IsString() id: string;
  @IsIn(['completed']) status: string;
  @ValidateNested() @Type(() => TaskCompletedInstanceView) instance: TaskCompletedInstanceView;
  /** The completed task. */
  @ValidateNested() @Type(() => TaskDetailView) task: TaskDetailView;
  /** User tasks of the instance that started waiting because of this completion. */
  @ValidateNested({ each: true }) @Type(() => NextTaskView) next: NextTaskView[];
  @IsBoolean() instanceEnded: boolean;
  /** The complaint's status afterwards, for tasks of a complaint. */
  @IsOptional() @IsString() complaintStatus?: string;
}

const TAGS = ['tasks'];

export function taskRoutes(tasks: TaskUseCases): RouteDefinition[] {
  return [
    defineRoute<undefined, TaskListQuery>({
      method: 'get',
      path: '/tasks',
      summary: 'My open tasks',
      description: `Open user tasks of every process that the caller may work on: assigned to them, or candidate for one of their groups or for them, `
        + `sorted by due time then id (or with \`sort=priority\` by priority, highest first, then due time). Keyset pages of \`limit\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}); `
        + 'pass `nextCursor` as `cursor` for the next page.',
      tags: TAGS,
      query: TaskListQuery,
      response: { description: 'One page of tasks', type: TaskPageView },
      errors: { 400: 'A filter value that does not exist (the answer names the allowed values)', 403: 'Filtering by a group the caller is not in' },
      handler: ({ actor, query }) => tasks.listTasks(actor, {
        group: query.group,
        assignee: query.assignee,
        process: query.process,
        severity: query.severity,
        department: query.department,
        overdue: query.overdue,
        dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
        dueWithinMinutes: query.dueWithinMinutes,
        mine: query.mine,
        sort: query.sort,
      }, { limit: query.limit, cursor: query.cursor }),
    }),
    defineRoute({
      method: 'get',
      path: '/tasks/:id',
      summary: 'One task with its form and the instance data',
      tags: TAGS,
      response: { description: 'The task', type: TaskDetailView },
      errors: { 403: 'Not a candidate, assignee, group head or auditor', 404: 'No such task' },
      handler: ({ actor, params }) => tasks.getTask(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/tasks/:id/candidates',
      summary: 'Who the task may be assigned to',
      description: 'Active members of its candidate groups (of its department, for department-scoped groups) and its candidate users, by username: '
        + 'the choices a group head has for POST /tasks/:id/assign.',
      tags: TAGS,
      response: { description: 'username, displayName, departmentCode of each' },
      errors: { 403: 'Not a candidate, assignee, group head or auditor', 404: 'No such task' },
      handler: ({ actor, params }) => tasks.candidates(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/:id/claim',
      summary: 'Claim a task (the caller becomes its assignee)',
      tags: TAGS,
      response: { description: 'The claimed task', type: TaskDetailView },
      errors: { 403: 'Not a candidate of the task', 404: 'No such task', 409: 'Claimed by someone else, or no longer open' },
      handler: ({ actor, params }) => tasks.claim(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/:id/unclaim',
      summary: 'Release a claimed task back to its groups',
      tags: TAGS,
      response: { description: 'The released task', type: TaskDetailView },
      errors: { 403: 'Neither the assignee nor a head of the task\'s groups', 404: 'No such task', 409: 'No longer open' },
      handler: ({ actor, params }) => tasks.unclaim(actor, params.id),
    }),
    defineRoute<TaskAssignBody>({
      method: 'post',
      path: '/tasks/:id/assign',
      summary: 'Assign a task to a member of its candidate groups (group heads)',
      tags: TAGS,
      body: TaskAssignBody,
      response: { description: 'The assigned task', type: TaskDetailView },
      errors: { 400: 'Unknown user, or not in a candidate group', 403: 'Not a head of the task\'s groups', 404: 'No such task', 409: 'No longer open' },
      handler: ({ actor, params, body }) => tasks.assign(actor, params.id, body.username),
    }),
    defineRoute<TaskCompleteBody>({
      method: 'post',
      path: '/tasks/:id/complete',
      summary: 'Complete a task with the values of its form',
      tags: TAGS,
      body: TaskCompleteBody,
      response: { description: 'The task was completed; what the process waits for next', type: TaskCompletedView },
      errors: {
        400: 'The data does not match the task\'s form',
        403: 'Neither the assignee nor (for an unclaimed task) a candidate',
        404: 'No such task',
        409: 'Already completed, claimed by someone else, or the instance changed since `revision`',
      },
      handler: ({ actor, params, body }) => tasks.complete(actor, params.id, { data: body.data, revision: body.revision }),
    }),
  ];
}
