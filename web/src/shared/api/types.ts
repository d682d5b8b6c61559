/** Shapes of the API answers the console reads (the full contract is /openapi.json). */
import type { ComplaintOutcome } from '../../../../src/app/complaints/complaint-outcome';
import type { ComplaintDetail, ComplaintStep, ComplaintView } from '../../../../src/app/complaints/complaint-view-types';
import type { ExemptionView, LedgerEntryView, PenaltyView } from '../../../../src/app/penalties/penalty-view-types';
import type { FormField } from '../../../../src/engine/forms/form-field';
import type {
  CompletedTask, NextTask, RecordedField, RecordedStep, TaskCandidate, TaskDetail, TaskSummary,
} from '../../../../src/app/tasks/task-view-types';

export type { ComplaintOutcome, FormField };
export type { CompletedTask, NextTask, RecordedField, RecordedStep, TaskCandidate, TaskDetail, TaskSummary };

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentCode: string;
  departmentName?: string;
  groups: string[];
  headOf: string[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET /complaints: `total` only when asked for with `count: true` (it counts every matching complaint). */
export interface ComplaintPage<T = Complaint> extends Page<T> {
  total?: number;
}

/** What POST /tasks/:id/complete answers. */
export type CompleteResult = CompletedTask;

export type Complainant = ComplaintView['complainant'];
export type { ComplaintDetail, ComplaintStep };
/** A complaint as lists and registration answer it (the server's own type); GET /complaints/:number adds `people`. */
export type Complaint = ComplaintView;

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actor: string | null;
  elementId: string | null;
  elementName: string | null;
  itemId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface InstanceSummary {
  id: string;
  processKey: string;
  definitionId: string;
  version: number | null;
  status: string;
  businessKey: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ComplaintHistory {
  complaint: Record<string, unknown>;
  instances: Array<{ instance: InstanceSummary; entries: HistoryEntry[] }>;
  /** Display names of the people the timelines name, by username. */
  people: Record<string, string>;
}

export interface RepeatCheck {
  repeat: boolean;
  previous: Array<{ number: string; registeredAt: string; category: string; status: string }>;
}

export interface StaffNotification {
  id: string;
  kind: 'task-arrived' | 'task-overdue' | 'task-escalated' | string;
  title: string;
  body: string;
  taskId: string | null;
  complaintNumber: string | null;
  /** The penalty case it is about (notice issued, exemption decided). */
  penaltyId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<StaffNotification> {
  unreadCount: number;
}

export interface Vocabulary {
  severity: Record<string, string>;
  kind: Record<string, string>;
  category: Record<string, string>;
  channel: Record<string, string>;
  origin: Record<string, string>;
  level: Record<string, string>;
  status: Record<string, string>;
  department: Record<string, string>;
  role: Record<string, string>;
  penaltyCategory: Record<string, string>;
  notificationChannel: Record<string, string>;
  step: Record<string, Record<string, string>>;
  process: Record<string, string>;
  [list: string]: Record<string, unknown>;
}

/** GET /penalties/:id: a penalty case (003 4.3) with its fine, exemption requests and refunds. */
export type Penalty = PenaltyView;
/** 免责申请 (003 4.3.6) with the opinions of its investigation and approvals. */
export type Exemption = ExemptionView;
/** One line of the fine ledger (GET /ledger): a fine, a refund or a correction, in signed fen. */
export type LedgerEntry = LedgerEntryView;
