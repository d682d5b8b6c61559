import type { TaskSummary } from '../shared/api/types';

/** Whether two task lists show the same rows in the same state (then a poll changes nothing on screen). */
export function sameTasks(a: readonly TaskSummary[], b: readonly TaskSummary[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((task, i) => {
    const other = b[i];
    return task.id === other.id && task.assignee === other.assignee && task.assigneeName === other.assigneeName && task.assigneeActive === other.assigneeActive && task.dueAt === other.dueAt
      && task.escalationLevel === other.escalationLevel && task.priority === other.priority;
  });
}
