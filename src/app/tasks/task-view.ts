import { timeLeft } from '../../domain';
import { taskPriority } from '../../engine/data-store';
import { asList, toDate } from '../../engine/engine-state';
import { askedFields, FormField } from '../../engine/forms';
import type { TaskComplaint } from '../../persistence/repositories/complaint-repository';
import { TaskRow } from '../../persistence/repositories/task-repository';
import type { RecordedStep, TaskDetail, TaskSummary } from './task-view-types';

export type { CompletedTask, NextTask, RecordedField, RecordedStep, TaskCandidate, TaskDetail, TaskPage, TaskSummary } from './task-view-types';

export function candidateGroupsOf(task: TaskRow): string[] {
  return asList(task.payload.candidateGroups);
}

export function candidateUsersOf(task: TaskRow): string[] {
  return asList(task.payload.candidateUsers);
}

export function toSummary(task: TaskRow, now: Date, complaint: TaskComplaint | null = null): TaskSummary {
  const due = toDate(task.payload.dueDate) ?? task.dueAt;
  const left = due ? timeLeft(due, now) : null;
  const startedAt = toDate(task.payload.startedAt);
  return {
    id: task.id,
    name: task.name,
    elementId: task.elementId,
    processKey: task.processKey,
    instanceId: task.instanceId,
    businessKey: task.businessKey,
    candidateGroups: candidateGroupsOf(task),
    assignee: task.assignee,
    assigneeName: task.assignee ? task.assigneeName : null,
    assigneeActive: task.assignee ? task.assigneeActive === true : null,
    dueAt: due ? due.toISOString() : null,
    overdue: left !== null && left < 0,
    timeLeftMs: left,
    createdAt: startedAt?.toISOString() ?? null,
    complaintNumber: complaint?.number ?? null,
    customerName: complaint?.complainantName ?? null,
    severity: complaint?.severity ?? null,
    category: complaint?.category ?? null,
    kind: complaint?.kind ?? null,
    departmentCode: complaint?.responsibleDeptCode ?? null,
    slaStartedAt: due ? (windowStart(due, complaint) ?? startedAt)?.toISOString() ?? null : null,
    priority: taskPriority(task.payload),
    escalationLevel: task.escalationLevel ?? 0,
  };
}

/**
 * The complaint's SLA windows: a task due at one of the complaint's deadlines shares that deadline's window;
 * any other due time (a limit the diagram computed when the task began) counts from the task's start.
 */
function windowStart(due: Date, complaint: TaskComplaint | null): Date | null {
  if (!complaint) return null;
  const same = (deadline: Date | null) => deadline !== null && deadline.getTime() === due.getTime();
  if (same(complaint.responseDueAt) || same(complaint.resolutionDueAt)) return complaint.receivedAt;
  if (same(complaint.capaDueAt)) return complaint.dispatchedAt;
  if (same(complaint.callbackDueAt)) return complaint.closedAt;
  return null;
}

/**
 * `forms`: every user task's form of the task's definition version, by element id (FormCatalog.formsOf). The task's
 * own form is the fields it asks for on this instance (those whose visibleWhen holds).
 */
export function toDetail(task: TaskRow, now: Date, forms: ReadonlyMap<string, FormField[]>, complaint: TaskComplaint | null = null): TaskDetail {
  return {
    ...toSummary(task, now, complaint),
    status: task.status === 'wait' ? 'open' : task.status === 'end' ? 'completed' : 'cancelled',
    candidateUsers: candidateUsersOf(task),
    revision: task.revision,
    form: askedFields(forms.get(task.elementId) ?? [], task.instanceData, now),
    data: task.instanceData,
    recorded: recordedSteps(forms, task.elementId, task.instanceData),
  };
}

/** The other steps' recorded values (TaskDetail.recorded); the task's own fields are its form, not history. */
export function recordedSteps(forms: ReadonlyMap<string, FormField[]>, elementId: string, data: Readonly<Record<string, unknown>>): RecordedStep[] {
  const shown = new Set((forms.get(elementId) ?? []).map((field) => field.id));
  const steps: RecordedStep[] = [];
  for (const [stepId, form] of forms) {
    if (stepId === elementId) continue;
    const fields = form.filter((field) => !shown.has(field.id) && hasValue(data[field.id])).map((field) => ({ ...field, value: data[field.id] }));
    fields.forEach((field) => shown.add(field.id));
    if (fields.length > 0) steps.push({ elementId: stepId, fields });
  }
  return steps;
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
