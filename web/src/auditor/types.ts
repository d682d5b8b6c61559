/** Response shapes of the auditor API (AUDITOR-API.md), as the console reads them. */

export interface InstanceDiagram {
  instanceId: string;
  processKey: string;
  version: number | null;
  /** BPMN XML of the version the instance is pinned to (with DI when the deployed XML has it). */
  xml: string;
  /** Ran and finished; cancelled boundary events are not listed. */
  completedElementIds: string[];
  takenFlowIds: string[];
  activeElementIds: string[];
  incidentElementIds: string[];
  runCounts: Record<string, number>;
  /** Tasks cut short by an interrupting event or by the end of the instance. */
  interruptedElementIds?: string[];
  activeTasks?: ActiveTask[];
  pendingTimers?: Array<{ itemId: string; elementId: string; dueAt: string | null }>;
  incidents?: Array<{ id: number; elementId: string | null; kind: string; message: string; createdAt: string }>;
  instance?: InstanceSummary;
}

export interface ActiveTask {
  itemId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actor: string | null;
  elementId: string | null;
  elementName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId?: string | null;
}

export interface InstanceSummary {
  id: string;
  processKey: string;
  definitionId?: string;
  version: number | null;
  status: string;
  businessKey: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface InstanceHistory {
  instance: InstanceSummary;
  entries: HistoryEntry[];
}

/** Display names by username of the people timelines name (who acted, to whom a task was assigned). */
export type People = Record<string, string>;

/** One instance's timeline as GET /instances/:id/history answers it. */
export interface NamedInstanceHistory extends InstanceHistory {
  people: People;
}

/** A message an instance's step sent, as GET /instances/:id/notifications answers it. */
export interface InstanceNotification {
  id: string;
  elementId: string | null;
  elementName: string | null;
  template: string;
  channel: 'email' | 'webhook' | 'robot' | 'console' | string;
  recipient: string;
  /** A console message's recipient by name. */
  recipientName: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'unread' | 'read' | string;
  attempts: number;
  queuedAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  readAt: string | null;
  lastError: string | null;
}

export type ChainProblemKind = 'edited' | 'missing-tail' | 'missing-rows' | 'chain-deleted';

export interface ChainProblem {
  seq?: number;
  kind: ChainProblemKind | 'anchor-mismatch' | string;
  message: string;
  /** The chain: a process instance id, or a named chain such as `audit:anchors`. */
  scope?: string;
}

export interface InstanceVerdict {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  problems: ChainProblem[];
}

export interface GlobalVerdict {
  ok: boolean;
  chains: number;
  rows: number;
  problems: ChainProblem[];
  /** The daily Merkle roots over all chain heads. */
  anchors: {
    ok: boolean;
    count: number;
    latest: { day: string; root: string; chains: number; createdAt: string } | null;
    problems: ChainProblem[];
  };
  checkedAt?: string;
}

export interface ComplaintHistory {
  complaint: Record<string, unknown> & { number: string };
  /** The lifecycle instance first, then penalty, exemption and called instances in start order. */
  instances: InstanceHistory[];
  people: People;
}
