import { Actor, isHeadOf, isInGroup } from '../actor';
import { TaskRow } from '../../persistence/repositories/task-repository';
import { candidateGroupsOf, candidateUsersOf } from './task-view';

/** Auditors read every task but work on none. */
export const READ_ALL_GROUP = 'auditor';

/** A candidate may claim and complete the task: one of its candidate groups, or named as a candidate user. */
export function isCandidate(actor: Actor, task: TaskRow): boolean {
  return candidateGroupsOf(task).some((group) => isInGroup(actor, group)) || candidateUsersOf(task).includes(actor.username);
}

/** Heads of one of the task's candidate groups assign it and take it back from its assignee. */
export function headsTaskGroup(actor: Actor, task: TaskRow): boolean {
  return candidateGroupsOf(task).some((group) => isHeadOf(actor, group));
}

export function isAssignee(actor: Actor, task: TaskRow): boolean {
  return task.assignee === actor.username;
}

export function maySee(actor: Actor, task: TaskRow): boolean {
  return isCandidate(actor, task) || isAssignee(actor, task) || headsTaskGroup(actor, task) || isInGroup(actor, READ_ALL_GROUP);
}
