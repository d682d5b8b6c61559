import { asList, toDate } from '../../engine/engine-state';
import { queueNotification } from '../../engine/notifications/outbox';
import { NotificationConfig } from '../../engine/notifications/notification-config';
import { UserTaskChange } from '../../engine/task-events';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { InboxRepository } from '../../persistence/repositories/inbox-repository';
import { TaskRepository } from '../../persistence/repositories/task-repository';
import { parseJsonColumn } from '../../persistence/raw-columns';
import type { ReleasedTasksNotice } from '../identity/users';
import { TASK_DEPARTMENT_FIELD } from '../tasks/task-access';

export const TASK_ARRIVED = 'taskArrived';
export const TASK_ASSIGNED = 'taskAssigned';
export const TASK_OVERDUE = 'taskOverdue';
export const TASK_RELEASED = 'taskReleased';

interface TaskFacts {
  itemId: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  businessKey: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueAt: Date | null;
  /** The department the task's work belongs to, when the instance data names one (department-scoped groups). */
  departmentCode?: string;
}

/**
 * Staff hear about their work: a user task that starts waiting notifies its groups, candidate users and
 * assignee (template taskArrived); a task given to someone else notifies them (taskAssigned). Both are queued
 * in the step's transaction through the outbox, so they reach e-mail, the webhook and the console inbox.
 */
export function notifyStaffOfTasks(engine: WorkflowEngine, config: NotificationConfig): void {
  engine.userTasks.onWaiting(async (change: UserTaskChange, context) => {
    let template: string;
    let data: Record<string, unknown>;
    const department = change.data[TASK_DEPARTMENT_FIELD];
    const facts: TaskFacts = { ...change, departmentCode: typeof department === 'string' ? department : undefined };
    if (change.started) {
      template = TASK_ARRIVED;
      data = taskData(facts);
    } else {
      // Claiming a task oneself needs no message; a head giving it to someone does.
      if (!change.assignee || change.assignee === context.actor) return;
      template = TASK_ASSIGNED;
      data = { ...taskData(facts), assignedBy: context.actor ?? '' };
    }
    if (!config.templates[template]) return;
    await queueNotification(context.manager, config, {
      template, instanceId: change.instanceId, elementId: change.elementId, data, now: context.now,
      // The outbox key is (instance, element, recipient, occurrence): the template must be part of the occurrence.
      occurrence: change.started ? `${template}:${change.itemId}` : `${template}:${change.itemId}:${change.assignee}`,
    });
  });
}

/**
 * Announces each waiting user task once when it falls overdue (template taskOverdue). The announcement is claimed
 * by inserting the task's row in ntf_task_overdue in the same transaction as the queued message, so several server
 * processes checking at once announce it once.
 */
export class OverdueTaskNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly db: Database, private readonly clock: Clock, private readonly config: NotificationConfig, private readonly batchSize = 50) {}

  /** One round; returns how many tasks were announced by this call. Tests call this instead of the poller. */
  async announceOverdue(): Promise<number> {
    if (!this.config.templates[TASK_OVERDUE]) return 0;
    const now = this.clock.now();
    const due = await this.db.read((manager) => new InboxRepository(manager).overdueUnannounced(now, this.batchSize));
    let announced = 0;
    for (const task of due) {
      const claimed = await this.db.transaction(async (manager) => {
        if (!(await new InboxRepository(manager).claimOverdue(task.itemId, now))) return false;
        const payload = (parseJsonColumn(task.payload as string) ?? {}) as Record<string, unknown>;
        const department = ((parseJsonColumn(task.data as string) ?? {}) as Record<string, unknown>)[TASK_DEPARTMENT_FIELD];
        const facts: TaskFacts = {
          itemId: task.itemId, instanceId: task.instanceId, elementId: String(payload.elementId ?? ''),
          name: typeof payload.name === 'string' ? payload.name : null, businessKey: task.businessKey,
          candidateGroups: asList(payload.candidateGroups), candidateUsers: asList(payload.candidateUsers),
          assignee: payload.assignee ? String(payload.assignee) : null, dueAt: toDate(payload.dueDate),
          departmentCode: typeof department === 'string' ? department : undefined,
        };
        await queueNotification(manager, this.config, {
          template: TASK_OVERDUE, instanceId: task.instanceId, elementId: facts.elementId, data: taskData(facts), now, occurrence: `${TASK_OVERDUE}:${task.itemId}`,
        });
        return true;
      });
      if (claimed) announced += 1;
    }
    return announced;
  }

  start(intervalMs: number, onError: (error: unknown) => void): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.announceOverdue().catch(onError).finally(() => { this.running = null; });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/**
 * Tells the other candidates of the tasks a deactivated user held that those tasks are theirs to claim (template
 * taskReleased, which may also use {{previousAssigneeName}}), in the deactivation's transaction: the console inbox at
 * once, mail and chat robots through the outbox, delivered by a running server's worker.
 */
export function releasedTasksNotice(config: NotificationConfig): ReleasedTasksNotice {
  return async (manager, taskIds, previous, now) => {
    if (!config.templates[TASK_RELEASED]) return [];
    const tasks = new TaskRepository(manager);
    const announced: string[] = [];
    for (const taskId of taskIds) {
      const { task } = (await tasks.taskById(taskId)) ?? {};
      if (!task) continue;
      const candidateUsers = asList(task.payload.candidateUsers).filter((name) => name !== previous.username);
      const department = task.instanceData[TASK_DEPARTMENT_FIELD];
      const facts: TaskFacts = {
        itemId: task.id, instanceId: task.instanceId, elementId: task.elementId, name: task.name, businessKey: task.businessKey,
        candidateGroups: asList(task.payload.candidateGroups), candidateUsers, assignee: null, dueAt: task.dueAt, departmentCode: typeof department === 'string' ? department : undefined,
      };
      await queueNotification(manager, config, {
        template: TASK_RELEASED, instanceId: task.instanceId, elementId: task.elementId, now,
        data: { ...taskData(facts), previousAssignee: previous.username, previousAssigneeName: previous.displayName },
        // Someone may hold the task again, leave again, and their candidates be told again.
        occurrence: `${TASK_RELEASED}:${task.id}:${previous.username}:${now.toISOString()}`,
      });
      announced.push(task.id);
    }
    return announced;
  };
}

/** What the task templates may use: {{taskName}}, {{complaintNumber}}, {{dueText}}, and the recipients' fields. */
function taskData(task: TaskFacts): Record<string, unknown> {
  return {
    taskId: task.itemId,
    taskName: task.name ?? task.elementId,
    elementId: task.elementId,
    complaintNumber: task.businessKey ?? '',
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    assignee: task.assignee,
    dueText: task.dueAt ? shanghaiMinute(task.dueAt) : '无',
    ...(task.departmentCode ? { [TASK_DEPARTMENT_FIELD]: task.departmentCode } : {}),
  };
}

/** e.g. 2026-11-23 11:00 (Asia/Shanghai, UTC+8 all year). */
function shanghaiMinute(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
