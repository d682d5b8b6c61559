import { Actor, departmentsActedFor, isHeadOf, isInGroup } from '../actor';
import { TaskRow } from '../../persistence/repositories/task-repository';
import { candidateGroupsOf, candidateUsersOf } from './task-view';

/** Auditors read every task but work on none. */
export const READ_ALL_GROUP = 'auditor';

/** The instance data field naming the department a task is for (the complaint's or the penalty's responsible department). */
export const TASK_DEPARTMENT_FIELD = 'departmentCode';

/**
 * Groups whose members act only for their own department or the departments they head (policy
 * departmentScopedGroups, e.g. 责任部门负责人, 000 4.2.2). A task not yet tied to a department is open to the whole group.
 */
export interface DepartmentScope {
  groups: readonly string[];
}

export const NO_DEPARTMENT_SCOPE: DepartmentScope = { groups: [] };

export function taskDepartment(task: TaskRow): string | null {
  const value = task.instanceData[TASK_DEPARTMENT_FIELD];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Whether membership of `group` lets `departments` act on the task. */
export function groupActsFor(group: string, departments: readonly string[], task: TaskRow, scope: DepartmentScope): boolean {
  if (!scope.groups.includes(group)) return true;
  const department = taskDepartment(task);
  return department === null || departments.includes(department);
}

/**
 * A candidate may claim and complete the task (and be assigned it): one of its candidate groups (within its
 * department scope), or a candidate user. Anyone shaped like an actor: the caller, or a person being assigned.
 */
export function isCandidate(person: Pick<Actor, 'username' | 'groups' | 'departmentCode' | 'headsDepartments'>, task: TaskRow, scope: DepartmentScope): boolean {
  const departments = departmentsActedFor(person);
  return candidateGroupsOf(task).some((group) => person.groups.includes(group) && groupActsFor(group, departments, task, scope))
    || candidateUsersOf(task).includes(person.username);
}

/** Heads of one of the task's candidate groups (within its department scope) assign it and take it back from its assignee. */
export function headsTaskGroup(actor: Actor, task: TaskRow, scope: DepartmentScope): boolean {
  const departments = departmentsActedFor(actor);
  return candidateGroupsOf(task).some((group) => isHeadOf(actor, group) && groupActsFor(group, departments, task, scope));
}

/**
 * Someone holds the task: its assignee is an active user. A task whose assignee left (was deactivated), or names
 * no user at all, is open to its candidates again: any of them may claim it, as if nobody held it.
 */
export function isHeld(task: TaskRow): boolean {
  return task.assignee !== null && task.assigneeActive === true;
}

export function isAssignee(actor: Actor, task: TaskRow): boolean {
  return task.assignee === actor.username;
}

export function maySee(actor: Actor, task: TaskRow, scope: DepartmentScope): boolean {
  return isCandidate(actor, task, scope) || isAssignee(actor, task) || headsTaskGroup(actor, task, scope) || isInGroup(actor, READ_ALL_GROUP);
}
