import { timeLeft } from '../../domain';
import { taskPriority } from '../../engine/data-store';
import { asList, toDate } from '../../engine/engine-state';
import { FormField } from '../../engine/forms';
import { TaskRow } from '../../persistence/repositories/task-repository';

/** A task as the task list shows it. */
export interface TaskSummary {
  id: string;
  name: string | null;
  elementId: string;
  processKey: string;
  instanceId: string;
  businessKey: string | null;
  candidateGroups: string[];
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** Milliseconds until the task is due, negative once overdue; null without a due time. */
  timeLeftMs: number | null;
  createdAt: string | null;
  /** camunda:priority of the task, higher first (direct complaints above normal ones, 002 四(二)); 0 when none. */
  priority: number;
  /** How far up the escalation chain the complaint is (0 = not escalated … 3 = general manager, 000 4.4); 0 outside complaints. */
  escalationLevel: number;
}

/** One task with what is needed to work on it: its form, the instance data and the revision to complete against. */
export interface TaskDetail extends TaskSummary {
  /** open, completed or cancelled. */
  status: 'open' | 'completed' | 'cancelled';
  candidateUsers: string[];
  /** The instance revision; pass it back as `revision` when completing to detect changes made meanwhile. */
  revision: number;
  form: FormField[];
  data: Record<string, unknown>;
}

export interface TaskPage {
  items: TaskSummary[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function candidateGroupsOf(task: TaskRow): string[] {
  return asList(task.payload.candidateGroups);
}

export function candidateUsersOf(task: TaskRow): string[] {
  return asList(task.payload.candidateUsers);
}

export function toSummary(task: TaskRow, now: Date): TaskSummary {
  const due = toDate(task.payload.dueDate) ?? task.dueAt;
  const left = due ? timeLeft(due, now) : null;
  return {
    id: task.id,
    name: task.name,
    elementId: task.elementId,
    processKey: task.processKey,
    instanceId: task.instanceId,
    businessKey: task.businessKey,
    candidateGroups: candidateGroupsOf(task),
    assignee: task.assignee,
    dueAt: due ? due.toISOString() : null,
    overdue: left !== null && left < 0,
    timeLeftMs: left,
    createdAt: toDate(task.payload.startedAt)?.toISOString() ?? null,
    priority: taskPriority(task.payload),
    escalationLevel: task.escalationLevel ?? 0,
  };
}

export function toDetail(task: TaskRow, now: Date, form: FormField[]): TaskDetail {
  return {
    ...toSummary(task, now),
    status: task.status === 'wait' ? 'open' : task.status === 'end' ? 'completed' : 'cancelled',
    candidateUsers: candidateUsersOf(task),
    revision: task.revision,
    form,
    data: task.instanceData,
  };
}
