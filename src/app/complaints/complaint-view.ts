import { EntityManager, In } from 'typeorm';
import { timeLeft } from '../../domain';
import { ComplaintRow } from '../../persistence/entities/complaint';
import type { OpenItem } from '../../engine/workflow-engine';
import { CandidateRow, ItemRow } from '../../persistence/entities/engine';
import type { ComplaintOutcome } from './complaint-outcome';
import type { ComplaintStep, ComplaintView } from './complaint-view-types';

export type { ComplaintOutcome } from './complaint-outcome';
export type { ComplaintDetail, ComplaintStep, ComplaintView } from './complaint-view-types';

function outcomeOf(row: ComplaintRow): ComplaintOutcome {
  return {
    handlingCause: row.handlingCause, handlingResult: row.handlingResult,
    correctiveAction: row.correctiveAction, preventiveAction: row.preventiveAction, measuresInPlace: row.measuresInPlace,
    capaApproved: row.capaApproved, capaReviewOpinion: row.capaReviewOpinion, capaReviewedBy: row.capaReviewedBy, capaReviewedAt: iso(row.capaReviewedAt),
    rootCauseMeetingAt: iso(row.rootCauseMeetingAt), rootCauseAttendees: row.rootCauseAttendees, rootCause: row.rootCause,
    rootCauseMeasures: row.rootCauseMeasures, finalReply: row.finalReply, finalReplyAt: iso(row.finalReplyAt),
    responseMinutes: row.responseMinutes, respondedWithinLimit: row.respondedWithinLimit,
    resolutionMinutes: row.resolutionMinutes, resolvedWithinLimit: row.resolvedWithinLimit,
  };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function left(dueAt: Date | null, doneAt: Date | null, now: Date): number | null {
  return dueAt && !doneAt ? timeLeft(dueAt, now) : null;
}

export function toComplaintView(row: ComplaintRow, steps: ComplaintStep[], now: Date): ComplaintView {
  const finished = row.status === 'closed' ? row.closedAt : null;
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    complainant: {
      name: row.complainantName, organisation: row.complainantOrg, address: row.complainantAddress,
      phone: row.complainantPhone, email: row.complainantEmail,
    },
    channel: row.channel,
    origin: row.origin,
    level: row.level,
    category: row.category,
    severity: row.severity,
    complex: row.isComplex,
    content: row.content,
    customerDemand: row.customerDemand,
    requestedReplyAt: iso(row.requestedReplyAt),
    evidence: row.evidence,
    receivedBy: row.receivedBy,
    receivedAt: row.receivedAt.toISOString(),
    registeringDeptCode: row.registeringDeptCode,
    responsibleDeptCode: row.responsibleDeptCode,
    handlerGroup: row.handlerGroup,
    reportGroup: row.reportGroup ?? null,
    instanceId: row.instanceId,
    currentStep: row.currentStep,
    currentSteps: steps,
    deadlines: {
      responseDueAt: iso(row.responseDueAt), resolutionDueAt: iso(row.resolutionDueAt),
      capaDueAt: iso(row.capaDueAt), callbackDueAt: iso(row.callbackDueAt),
    },
    timeLeftMs: {
      response: left(row.responseDueAt, row.respondedAt ?? finished, now),
      resolution: left(row.resolutionDueAt, row.resolvedAt ?? finished, now),
      capa: left(row.capaDueAt, row.capaAt ?? finished, now),
      callback: left(row.callbackDueAt, row.callbackAt, now),
    },
    respondedAt: iso(row.respondedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    callbackAt: iso(row.callbackAt),
    satisfaction: row.satisfaction,
    leaderDecision: row.leaderDecision,
    reopenCount: row.reopenCount,
    escalationLevel: row.escalationLevel,
    isRepeat: row.isRepeat,
    repeatOf: row.repeatOf,
    outcome: outcomeOf(row),
  };
}

/** The waiting user tasks among an operation's open items (its snapshot), as `waitingSteps` would read them back. */
export function stepsOfOpenItems(openItems: OpenItem[]): ComplaintStep[] {
  return openItems.filter((item) => item.type === 'bpmn:UserTask').map((item) => ({
    taskId: item.id,
    elementId: item.elementId,
    name: item.name,
    candidateGroups: [...new Set(item.candidateGroups)].sort(),
    assignee: item.assignee,
    dueAt: item.dueAt,
  }));
}

/** The waiting user tasks of each instance, oldest first. */
export async function waitingSteps(manager: EntityManager, instanceIds: string[]): Promise<Map<string, ComplaintStep[]>> {
  const byInstance = new Map<string, ComplaintStep[]>(instanceIds.map((id) => [id, []]));
  if (instanceIds.length === 0) return byInstance;
  const items = await manager.find(ItemRow, {
    where: { instanceId: In(instanceIds), status: 'wait', elementType: 'bpmn:UserTask' },
    order: { seq: 'ASC' },
  });
  const candidates = items.length === 0 ? [] : await manager.find(CandidateRow, { where: { itemId: In(items.map((i) => i.id)), kind: 'group' } });
  for (const item of items) {
    byInstance.get(item.instanceId)?.push({
      taskId: item.id,
      elementId: item.elementId,
      name: item.name,
      candidateGroups: candidates.filter((c) => c.itemId === item.id).map((c) => c.value).sort(),
      assignee: item.assignee,
      dueAt: iso(item.dueAt),
    });
  }
  return byInstance;
}
