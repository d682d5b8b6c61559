import { Actor, departmentsActedFor, isInGroup } from '../actor';
import { AppServices } from '../services';
import { ConflictError, FieldError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import { askedFields, FormCatalog, validateForm } from '../../engine/forms';
import { OperationContext } from '../../engine/operation-context';
import type { CompletionSnapshot } from '../../engine/workflow-engine';
import { EntityManager } from 'typeorm';
import { ComplaintRepository, TaskComplaint } from '../../persistence/repositories/complaint-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { CandidateKey, escalationLevelOf, TaskOrder, TaskPageConditions, TaskRepository, TaskRow, TaskWithComplaint } from '../../persistence/repositories/task-repository';
import { DepartmentScope, headsTaskGroup, isAssignee, isCandidate, isHeld, maySee, NO_DEPARTMENT_SCOPE, READ_ALL_GROUP, TASK_DEPARTMENT_FIELD } from './task-access';
import { decodeCursor, encodeCursor } from './task-cursor';
import { candidateGroupsOf, candidateUsersOf, toDetail, toSummary } from './task-view';
import type { CompletedTask, TaskCandidate, TaskDetail, TaskPage } from './task-view-types';

export type { CompletedTask, NextTask, TaskCandidate } from './task-view-types';

export interface TaskFilters {
  /** Only tasks of this candidate group (one of the caller's groups; auditors may name any). */
  group?: string;
  /** Only tasks assigned to this user; `me` means the caller. */
  assignee?: string;
  /** Only tasks of this process key. */
  process?: string;
  /** Only tasks whose instance data field `severity` has this value. */
  severity?: string;
  /** Only tasks whose instance data field `departmentCode` (the responsible department) has this value. */
  department?: string;
  /** true: only tasks past their due time; false: only tasks not yet due or without a due time. */
  overdue?: boolean;
  /** Only tasks due before this instant. */
  dueBefore?: Date;
  /** Only tasks due within this many minutes from now and not overdue yet ("due soon"). */
  dueWithinMinutes?: number;
  /** true: only tasks assigned to the caller (same as assignee=me). */
  mine?: boolean;
  /** `due` (default): soonest due first; `priority`: highest priority first, then soonest due. */
  sort?: TaskOrder;
}

export interface PageRequest {
  /** 1–100, default 50. */
  limit?: number;
  cursor?: string;
}

export interface CompleteTaskInput {
  data: Record<string, unknown>;
  /** The instance revision the caller saw (TaskDetail.revision); a different current revision is a 409. */
  revision?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/**
 * The task list of every process: which open user tasks a person may see, and claiming, assigning and
 * completing them. Each call is one engine operation (one transaction); claim, unclaim, assign and complete
 * lock the task's instance first, so concurrent callers are answered one after the other.
 */
export class TaskUseCases {
  readonly forms: FormCatalog;

  private readonly scope: DepartmentScope;

  /** Without a policy (benchmarks), department filters are not checked against the departments. */
  constructor(private readonly services: Pick<AppServices, 'engine'> & Partial<Pick<AppServices, 'policy'>>) {
    this.forms = services.engine.forms;
    this.scope = services.policy ? { groups: services.policy.departmentScopedGroups } : NO_DEPARTMENT_SCOPE;
  }

  /** A process or department filter that can match nothing is a mistake: 400 naming the values there are. */
  private async requireKnownFilterValues(manager: EntityManager, filters: TaskFilters): Promise<void> {
    const fields: FieldError[] = [];
    if (filters.process !== undefined) {
      const keys = await this.services.engine.definitions.processKeys(manager);
      if (!keys.includes(filters.process)) fields.push({ field: 'process', messages: [`must be one of the deployed processes: ${keys.join(', ')}`] });
    }
    if (filters.department !== undefined && this.services.policy) {
      const codes = this.services.policy.departments.map((d) => d.code);
      if (!codes.includes(filters.department)) fields.push({ field: 'department', messages: [`must be one of the departments: ${codes.join(', ')}`] });
    }
    if (fields.length > 0) throw new ValidationError('A filter value matches nothing that exists', fields);
  }

  async listTasks(actor: Actor, filters: TaskFilters = {}, page: PageRequest = {}): Promise<TaskPage> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new ValidationError('The page size is invalid', [{ field: 'limit', messages: [`must be a whole number from 1 to ${MAX_PAGE_SIZE}`] }]);
    }
    const order = filters.sort ?? 'due';
    const after = page.cursor ? decodeCursor(page.cursor, order) : null;
    return this.services.engine.db.read(async (manager) => {
      await this.requireKnownFilterValues(manager, filters);
      const now = this.services.engine.clock.now();
      const repository = new TaskRepository(manager);
      const { keys, conditions } = listScope(actor, filters, now, this.scope);
      const rows = await repository.pageOfTasks(keys, conditions, after, limit + 1, order);
      const page = rows.slice(0, limit);
      return {
        items: page.map((row) => toSummary(row.task, now, row.complaint)),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
      };
    });
  }

  async getTask(actor: Actor, taskId: string): Promise<TaskDetail> {
    const now = this.services.engine.clock.now();
    return this.services.engine.db.read(async (manager) => {
      const { task, complaint } = await visibleTask(new TaskRepository(manager), actor, taskId, this.scope);
      return toDetail(task, now, await this.forms.formsOf(task.definitionId, manager), complaint);
    });
  }

  /**
   * The people the task may be given to (the choices of 指派): active members of its candidate groups who act for
   * its department where a group is department-scoped, and its candidate users. Anyone who may see the task may ask.
   */
  async candidates(actor: Actor, taskId: string): Promise<TaskCandidate[]> {
    return this.services.engine.db.read(async (manager) => {
      const { task } = await visibleTask(new TaskRepository(manager), actor, taskId, this.scope);
      const people = await new IdentityRepository(manager).activePeople(candidateGroupsOf(task), candidateUsersOf(task));
      return people
        .filter((person) => isCandidate(person, task, this.scope))
        .map((p) => ({ username: p.username, displayName: p.displayName, departmentCode: p.departmentCode }));
    });
  }

  /** The caller becomes the assignee. 403 unless a candidate; 409 when someone else holds it. */
  async claim(actor: Actor, taskId: string): Promise<TaskDetail> {
    return this.changeAssignment(actor, taskId, (task) => {
      if (!isCandidate(actor, task, this.scope)) throw new ForbiddenError('Only a candidate of this task may claim it', 'not_a_candidate');
      if (isAssignee(actor, task)) return undefined;
      if (isHeld(task)) throw new ConflictError(`The task is already claimed by ${task.assignee}`, 'task_claimed');
      return actor.username;
    });
  }

  /** Puts the task back into its groups' queue. Only its assignee or a head of one of its candidate groups may. */
  async unclaim(actor: Actor, taskId: string): Promise<TaskDetail> {
    return this.changeAssignment(actor, taskId, (task) => {
      const allowed = task.assignee
        ? isAssignee(actor, task) || headsTaskGroup(actor, task, this.scope)
        : isCandidate(actor, task, this.scope) || headsTaskGroup(actor, task, this.scope);
      if (!allowed) throw new ForbiddenError('Only the assignee or a head of the task\'s groups may release it', 'not_assignee');
      return task.assignee ? null : undefined;
    });
  }

  /** A head of one of the task's candidate groups gives it to a member of one of those groups. */
  async assign(actor: Actor, taskId: string, username: string): Promise<TaskDetail> {
    return this.changeAssignment(actor, taskId, async (task, context) => {
      if (!headsTaskGroup(actor, task, this.scope)) throw new ForbiddenError('Only a head of one of the task\'s candidate groups may assign it', 'not_group_head');
      await requireCandidateUser(new IdentityRepository(context.manager), task, username, this.scope);
      return task.assignee === username ? undefined : username;
    });
  }

  async complete(actor: Actor, taskId: string, input: CompleteTaskInput): Promise<CompletedTask> {
    return this.services.engine.run(actor.username, async (context) => {
      const task = await this.lockedVisibleTask(context, actor, taskId);
      requireOpen(task);
      if (!isAssignee(actor, task)) {
        if (!isCandidate(actor, task, this.scope)) throw new ForbiddenError('Only the assignee or a candidate of this task may complete it', 'not_a_candidate');
        if (isHeld(task)) throw new ConflictError(`The task is claimed by ${task.assignee}`, 'task_claimed');
      }
      // Read under the instance lock, so the revision is the one the completion would change.
      if (input.revision !== undefined && task.revision !== input.revision) {
        throw new ConflictError(`Instance is at revision ${task.revision}, not ${input.revision}; reload and try again`, 'stale_revision');
      }
      const forms = await this.forms.formsOf(task.definitionId, context.manager);
      const form = forms.get(task.elementId) ?? [];
      const asked = askedFields(form, task.instanceData, context.now);
      const values = validateForm(asked, input.data ?? {}, 'data', form.filter((field) => !asked.includes(field)));
      const instance = await this.services.engine.completeTask(task.id, values, { actor: actor.username, instanceId: task.instanceId });
      const completed = taskAfterCompletion(task, instance, actor);
      const next = instance.openItems.filter((item) => item.type === 'bpmn:UserTask' && item.startedInOperation);
      // Read again: the completion's service steps may have changed the complaint's status and deadlines.
      const complaint = await complaintOf(context.manager, completed);
      return {
        id: task.id,
        status: 'completed',
        instance: { id: instance.id, status: instance.status, revision: instance.revision },
        task: toDetail(completed, context.now, forms, complaint),
        next: next.map((t) => ({ taskId: t.id, name: t.name, elementId: t.elementId, candidateGroups: t.candidateGroups, assignee: t.assignee })),
        instanceEnded: instance.status === 'end',
        ...(complaint ? { complaintStatus: complaint.status } : {}),
      };
    }, { itemId: taskId, kind: 'task' });
  }

  /** `decide` checks permissions and returns the new assignee (null to release) or undefined to change nothing. */
  private async changeAssignment(
    actor: Actor,
    taskId: string,
    decide: (task: TaskRow, context: OperationContext) => string | null | undefined | Promise<string | null | undefined>,
  ): Promise<TaskDetail> {
    return this.services.engine.run(actor.username, async (context) => {
      const task = await this.lockedVisibleTask(context, actor, taskId);
      requireOpen(task);
      const assignee = await decide(task, context);
      if (assignee !== undefined) await this.services.engine.assignTask(task.id, { assignee }, { actor: actor.username, instanceId: task.instanceId });
      // The caller passed the checks above; the changed task is shown even if they no longer see it in their list.
      const { task: current, complaint } = (await new TaskRepository(context.manager).taskById(taskId))!;
      return toDetail(current, context.now, await this.forms.formsOf(current.definitionId, context.manager), complaint);
    }, { itemId: taskId, kind: 'task' });
  }

  /**
   * Reads the task and locks its instance, so that the checks see a state no one else is changing. Where the database
   * lets one writer at a time in (SQLite), the first read already was that state. Elsewhere the task is read again
   * only when the instance's revision moved between the read and the lock.
   */
  private async lockedVisibleTask(context: OperationContext, actor: Actor, taskId: string): Promise<TaskRow> {
    const repository = new TaskRepository(context.manager);
    const first = (await visibleTask(repository, actor, taskId, this.scope)).task;
    const { engine } = this.services;
    if (engine.locker.writersAreSerialised) {
      await engine.locker.lock(first.instanceId, true);
      return first;
    }
    const revision = await engine.lockInstance(first.instanceId);
    return revision === first.revision ? first : (await visibleTask(repository, actor, taskId, this.scope)).task;
  }
}

/** The complaint a task works on (its business key is the complaint's number), as it is now. */
function complaintOf(manager: EntityManager, task: TaskRow): Promise<TaskComplaint | null> {
  return task.businessKey ? new ComplaintRepository(manager).taskComplaintByNumber(task.businessKey) : Promise.resolve(null);
}

/** The task as its completion left it: what reading it again would give. */
function taskAfterCompletion(task: TaskRow, instance: CompletionSnapshot, actor: Actor): TaskRow {
  const item = instance.completed;
  const assignee = item.assignee ? String(item.assignee) : null;
  const kept = assignee === task.assignee;
  const assigneeName = kept ? task.assigneeName : assignee === actor.username ? actor.displayName : null;
  const assigneeActive = kept ? task.assigneeActive : assignee === actor.username ? true : null;
  return {
    ...task,
    status: String(item.status),
    assignee,
    assigneeName,
    assigneeActive,
    payload: item,
    revision: instance.revision,
    instanceData: instance.data,
    escalationLevel: escalationLevelOf(instance.data.escalationLevel),
  };
}

async function visibleTask(repository: TaskRepository, actor: Actor, taskId: string, scope: DepartmentScope): Promise<TaskWithComplaint> {
  const found = await repository.taskById(taskId);
  if (!found) throw new NotFoundError(`No task ${taskId}`, 'task_not_found');
  if (!maySee(actor, found.task, scope)) throw new ForbiddenError('This task is not yours to see', 'task_forbidden');
  return found;
}

function requireOpen(task: TaskRow): void {
  if (task.status !== 'wait') {
    throw new ConflictError(`The task is no longer open (${task.status === 'end' ? 'completed' : task.status})`, 'task_not_open');
  }
}

async function requireCandidateUser(identity: IdentityRepository, task: TaskRow, username: string, scope: DepartmentScope): Promise<void> {
  const [person] = await identity.activePeople([], [username]);
  if (!person) {
    throw new ValidationError('The assignee is unknown', [{ field: 'username', messages: [`no active user "${username}"`] }]);
  }
  if (!isCandidate(person, task, scope)) {
    throw new ValidationError('The assignee is not a candidate of this task', [
      { field: 'username', messages: [`"${username}" is in none of the task's groups (${candidateGroupsOf(task).join(', ')})`] },
    ]);
  }
}

/** Which wf_candidate rows to walk for the caller's list, and what else each task must meet. */
function listScope(actor: Actor, filters: TaskFilters, now: Date, scope: DepartmentScope): { keys: CandidateKey[]; conditions: TaskPageConditions } {
  const auditor = isInGroup(actor, READ_ALL_GROUP);
  const visible: CandidateKey[] = [
    ...actor.groups.map((value) => ({ kind: 'group' as const, value })),
    ...actor.headOf.filter((g) => !actor.groups.includes(g)).map((value) => ({ kind: 'group' as const, value })),
    { kind: 'user', value: actor.username },
    { kind: 'assignee', value: actor.username },
  ];
  const conditions: TaskPageConditions = {};
  let keys = visible;
  const assignee = filters.mine ? actor.username : filters.assignee === 'me' ? actor.username : filters.assignee;
  if (filters.group !== undefined) {
    const ownGroup = actor.groups.includes(filters.group) || actor.headOf.includes(filters.group);
    if (!ownGroup && !auditor) throw new ForbiddenError(`You are not in the group "${filters.group}"`, 'not_in_group');
    keys = [{ kind: 'group', value: filters.group }];
    if (assignee !== undefined) conditions.assignee = assignee;
  } else if (assignee !== undefined) {
    keys = [{ kind: 'assignee', value: assignee }];
    // Someone else's tasks only where the caller could see them anyway.
    if (assignee !== actor.username && !auditor) conditions.visibleTo = visible;
  }
  if (!auditor) {
    const departments = departmentsActedFor(actor);
    conditions.groupDataScopes = scope.groups.map((group) => ({ group, field: TASK_DEPARTMENT_FIELD, values: departments }));
  }
  if (filters.process !== undefined) conditions.processKey = filters.process;
  const data: Record<string, string> = {};
  if (filters.severity !== undefined) data.severity = filters.severity;
  if (filters.department !== undefined) data.departmentCode = filters.department;
  if (Object.keys(data).length > 0) conditions.instanceData = data;
  const bounds: string[] = [];
  if (filters.overdue === true) bounds.push(now.toISOString());
  if (filters.dueBefore !== undefined) bounds.push(filters.dueBefore.toISOString());
  if (filters.dueWithinMinutes !== undefined) bounds.push(new Date(now.getTime() + filters.dueWithinMinutes * 60_000).toISOString());
  if (bounds.length > 0) conditions.dueSortBefore = bounds.sort()[0];
  if (filters.overdue === false || filters.dueWithinMinutes !== undefined) conditions.dueSortAtOrAfter = now.toISOString();
  return { keys, conditions };
}
