import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
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

export class AuditChainVerdictView {
  @IsBoolean() ok: boolean;
  @IsInt() rows: number;
  @IsOptional() @IsInt() firstBrokenSeq?: number;
  @IsOptional() @IsString() reason?: string;
}

export class AuditInstanceDiagramView {
  @ValidateNested() @Type(() => AuditInstanceSummaryView) instance: AuditInstanceSummaryView;
  /** BPMN 2.0 XML of the version the instance runs on. */
  @IsString() xml: string;
  @IsString({ each: true }) completedElementIds: string[];
  @IsString({ each: true }) activeElementIds: string[];
  @IsString({ each: true }) failedElementIds: string[];
}

export class AuditComplaintHistoryView {
  /** The complaint record as registered and kept in step by its process. */
  @IsObject() complaint: Record<string, unknown>;
  @ValidateNested({ each: true }) @Type(() => AuditInstanceHistoryView) instances: AuditInstanceHistoryView[];
}

const READ_ERRORS = { 403: 'Neither an auditor nor a member of the department concerned', 404: 'No such instance' };

export function auditRoutes(audit: AuditService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/instances/:id/history',
      summary: 'Timeline of a process instance',
      description: 'Every audit row of the instance in order, with the element names of the diagram version it is pinned to.',
      tags: ['audit'],
      response: { description: 'The timeline', type: AuditInstanceHistoryView },
      errors: READ_ERRORS,
      handler: ({ actor, params }) => audit.instanceHistory(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/instances/:id/verify',
      summary: 'Check the audit hash chain of a process instance',
      description: 'Recomputes every row\'s hash; names the first row that was changed, removed or reordered.',
      tags: ['audit'],
      response: { description: 'Whether the chain is intact', type: AuditChainVerdictView },
      errors: READ_ERRORS,
      handler: ({ actor, params }) => audit.verify(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/instances/:id/diagram',
      summary: 'Pinned diagram of a process instance with the path taken',
      description: 'The BPMN XML plus the completed, active and failed element ids, for a bpmn-js viewer to colour.',
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
