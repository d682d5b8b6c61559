import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { AuditService } from '../../app/audit/audit-service';
import { defineRoute, RouteDefinition } from '../routes';

// Response bodies (documentation only).

export class AuditHistoryEntryView {
  @IsInt() seq: number;
  @IsDate() at: Date;
  /** started, task created, claimed, completed, timer fired, data changed, escalated, fine, refund … */
  @IsString() action: string;
  @IsOptional() @IsString() actor: string | null;
  @IsOptional() @IsString() elementId: string | null;
  @IsOptional() @IsString() elementName: string | null;
  @IsOptional() @IsString() itemId: string | null;
  @IsOptional() @IsObject() before: Record<string, unknown> | null;
  @IsOptional() @IsObject() after: Record<string, unknown> | null;
  /** X-Request-Id of the request that did it, as on that request's log line; null for timers and background work. */
  @IsOptional() @IsString() requestId: string | null;
}

export class AuditInstanceSummaryView {
  @IsString() id: string;
  @IsString() processKey: string;
  @IsString() definitionId: string;
  @IsOptional() @IsInt() version: number | null;
  @IsString() status: string;
  @IsOptional() @IsString() businessKey: string | null;
  @IsDate() startedAt: Date;
  @IsOptional() @IsDate() endedAt: Date | null;
}

export class AuditInstanceHistoryView {
  @ValidateNested() @Type(() => AuditInstanceSummaryView) instance: AuditInstanceSummaryView;
  @ValidateNested({ each: true }) @Type(() => AuditHistoryEntryView) entries: AuditHistoryEntryView[];
}

export class AuditNamedInstanceHistoryView extends AuditInstanceHistoryView {
  /** Display names of the people the timeline names (who acted, to whom a task was assigned), by username. */
  @IsObject() people: Record<string, string>;
}

export class AuditChainVerdictView {
  @IsBoolean() ok: boolean;
  @IsString() scope: string;
  /** Rows checked. */
  @IsInt() checked: number;
  @IsInt() rows: number;
  /** { seq, hash } recorded with the rows in the same transaction; null when none was recorded. */
  @IsOptional() @IsObject() head: object | null;
  /** { seq, hash } in the latest daily anchor. */
  @IsOptional() @IsObject() anchored: object | null;
  /** [{ scope, seq?, kind: edited|missing-rows|missing-tail|chain-deleted|head-mismatch, message }] */
  @IsObject({ each: true }) problems: object[];
  @IsOptional() @IsInt() firstBrokenSeq?: number;
  @IsOptional() @IsString() reason?: string;
}

export class AuditInstanceDiagramView {
  @IsString() instanceId: string;
  @IsString() processKey: string;
  @IsOptional() @IsInt() version: number | null;
  @ValidateNested() @Type(() => AuditInstanceSummaryView) instance: AuditInstanceSummaryView;
  /** BPMN 2.0 XML of the version the instance is pinned to, exactly as deployed (with DI when the file has it). */
  @IsString() xml: string;
  /** Flow nodes that ran and finished. Boundary events that were armed and cancelled (never fired) are not listed. */
  @IsString({ each: true }) completedElementIds: string[];
  /** Sequence flows a token actually took. */
  @IsString({ each: true }) takenFlowIds: string[];
  /** Flow nodes a token is at now. */
  @IsString({ each: true }) activeElementIds: string[];
  /** Flow nodes cut short by an interrupting event. */
  @IsString({ each: true }) interruptedElementIds: string[];
  /** Elements with an open incident. */
  @IsString({ each: true }) incidentElementIds: string[];
  /** Same as incidentElementIds (older name). */
  @IsString({ each: true }) failedElementIds: string[];
  /** { elementId: times it ran }; a loop counts every pass; flows count the times they were taken. */
  @IsObject() runCounts: Record<string, number>;
  /** [{ itemId, elementId, name, assignee, candidateGroups, dueAt }] of the waiting user tasks. */
  @IsObject({ each: true }) activeTasks: object[];
  /** [{ itemId, elementId, dueAt }] of armed timers. */
  @IsObject({ each: true }) pendingTimers: object[];
  /** [{ id, elementId, kind, message, createdAt }] of the open incidents. */
  @IsObject({ each: true }) incidents: object[];
}

export class InstanceNotificationView {
  @IsString() id: string;
  @IsOptional() @IsString() elementId: string | null;
  @IsOptional() @IsString() elementName: string | null;
  @IsString() template: string;
  /** email, webhook, robot (a group chat robot) or console (the recipient's inbox in the console) */
  @IsString() channel: string;
  /** An address, `webhook`, a robot's name, or a console message's recipient (username). */
  @IsString() recipient: string;
  @IsOptional() @IsString() recipientName: string | null;
  @IsString() subject: string;
  @IsString() body: string;
  /** Mails and webhooks: pending, sending, sent, or failed (given up after its last attempt). Console: unread or read. */
  @IsString() status: string;
  @IsInt() attempts: number;
  @IsDate() queuedAt: Date;
  @IsOptional() @IsDate() nextAttemptAt: Date | null;
  @IsOptional() @IsDate() sentAt: Date | null;
  @IsOptional() @IsDate() readAt: Date | null;
  @IsOptional() @IsString() lastError: string | null;
}

export class InstanceHistoryQuery {
  /** Only the rows of this diagram element (e.g. `handle`). */
  @IsOptional() @IsString() @Length(1, 100) element?: string;
}

export class AuditComplaintHistoryView {
  /** The complaint record as registered and kept in step by its process. */
  @IsObject() complaint: Record<string, unknown>;
  @ValidateNested({ each: true }) @Type(() => AuditInstanceHistoryView) instances: AuditInstanceHistoryView[];
  /** Display names of the people the timelines name (who acted, to whom a task was assigned), by username. */
  @IsObject() people: Record<string, string>;
}

const READ_ERRORS = { 403: 'Neither an auditor nor a member of the department concerned', 404: 'No such instance' };

export function auditRoutes(audit: AuditService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/instances/:id/history',
      summary: 'Timeline of a process instance',
      description: 'Every audit row of the instance in order, with the element names of the diagram version it is pinned to. '
        + '`element=<elementId>` keeps only the rows of that element.',
      tags: ['audit'],
      query: InstanceHistoryQuery,
      response: { description: 'The timeline, with the display names of the people it names', type: AuditNamedInstanceHistoryView },
      errors: READ_ERRORS,
      handler: ({ actor, params, query }) => audit.instanceHistory(actor, params.id, query.element),
    }),
    defineRoute({
      method: 'get',
      path: '/instances/:id/notifications',
      summary: 'Messages a process instance sent',
      description: 'Every e-mail, webhook call and console message the instance\'s steps sent, oldest first, with its recipient, '
        + 'subject and text, and how it went: a mail or webhook pending, sending, sent (when) or failed (after how many attempts, '
        + 'with the last error); a console message unread or read (when).',
      tags: ['audit'],
      response: { description: 'The messages', type: InstanceNotificationView, isArray: true },
      errors: READ_ERRORS,
      handler: ({ actor, params }) => audit.notifications(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/instances/:id/verify',
      summary: 'Check the audit hash chain of a process instance',
      description: 'Recomputes every row\'s hash and holds the chain against its recorded head and its latest daily anchor; '
        + 'names every edited row, gap, lost tail, or the deletion of the whole chain.',
      tags: ['audit'],
      response: { description: 'Whether the chain is intact', type: AuditChainVerdictView },
      errors: READ_ERRORS,
      handler: ({ actor, params }) => audit.verify(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/instances/:id/diagram',
      summary: 'Pinned diagram of a process instance with the path taken',
      description: 'The pinned BPMN XML plus the completed elements, taken flows, active elements and tasks, incidents and how '
        + 'many times each element ran, for a bpmn-js viewer to colour. Cancelled boundary timers are not completed.',
      tags: ['audit'],
      response: { description: 'Diagram and element states', type: AuditInstanceDiagramView },
      errors: READ_ERRORS,
      handler: ({ actor, params }) => audit.diagram(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/complaints/:number/history',
      summary: 'A complaint with the timelines of its lifecycle, penalty and exemption processes',
      tags: ['audit'],
      response: { description: 'The complaint and its timelines', type: AuditComplaintHistoryView },
      errors: { ...READ_ERRORS, 404: 'No such complaint' },
      handler: ({ actor, params }) => audit.complaintHistory(actor, params.number),
    }),
  ];
}
