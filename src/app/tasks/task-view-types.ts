import type { FormField } from '../../engine/forms/form-field';

// The task list's answers. No imports but types without imports: the console reads these types too.

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
  /** The assignee's display name (null without an assignee, or for a username no user has). */
  assigneeName: string | null;
  /**
   * False when the assignee was deactivated (left) or names no user: the task is then open to its candidates, who
   * may claim it. Null without an assignee.
   */
  assigneeActive: boolean | null;
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

/** A user task that started waiting because the caller completed one. */
export interface NextTask {
  taskId: string;
  name: string | null;
  elementId: string;
  candidateGroups: string[];
  assignee: string | null;
}

export interface CompletedTask {
  id: string;
  status: 'completed';
  instance: { id: string; status: string; revision: number };
  /** The completed task as it is now. */
  task: TaskDetail;
  /** What the process waits for now in this instance that it did not wait for before. */
  next: NextTask[];
  instanceEnded: boolean;
  /** The complaint's status after the step, for tasks of a complaint. */
  complaintStatus?: string;
}

/** Someone a task may be assigned to. */
export interface TaskCandidate {
  username: string;
  displayName: string;
  departmentCode: string;
}
