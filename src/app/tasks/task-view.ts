import { timeLeft } from '../../domain';
import { taskPriority } from '../../engine/data-store';
import { asList, toDate } from '../../engine/engine-state';
import { FormField } from '../../engine/forms';
import type { TaskComplaint } from '../../persistence/repositories/complaint-repository';
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
  /** The complaint the task works on (its business key), null for tasks of other processes. */
  complaintNumber: string | null;
  customerName: string | null;
  severity: string | null;
  category: string | null;
  kind: string | null;
  /** Responsible department of the complaint (null until dispatched). */
  departmentCode: string | null;
  /** Start of the window `dueAt` ends (for the countdown colour): registration, dispatch, closure or the task's start. */
  slaStartedAt: string | null;
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
  /**
   * What the instance's other steps have recorded so far, for the people of the later steps (the reviewer sees the
   * measures under review): each user task of the diagram whose form fields have values in the instance data, in
   * diagram order, with those fields and their values. A field shows once, under the first step that declares it.
   */
  recorded: RecordedStep[];
}

/** A field of an earlier step's form as its diagram declares it, with the value the instance holds for it. */
export interface RecordedField extends FormField {
  value: unknown;
}

export interface RecordedStep {
  elementId: string;
  fields: RecordedField[];
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

/** `forms`: every user task's form of the task's definition version, by element id (FormCatalog.formsOf). */
export function toDetail(task: TaskRow, now: Date, forms: ReadonlyMap<string, FormField[]>, complaint: TaskComplaint | null = null): TaskDetail {
  return {
    ...toSummary(task, now, complaint),
    status: task.status === 'wait' ? 'open' : task.status === 'end' ? 'completed' : 'cancelled',
    candidateUsers: candidateUsersOf(task),
    revision: task.revision,
    form: forms.get(task.elementId) ?? [],
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
