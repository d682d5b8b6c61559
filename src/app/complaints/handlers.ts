import {
  CANDIDATE_GROUP_LABELS, canClose, ClosureCondition, callbackDueAt, capaDueAt, Category, computeDeadlines, deadline, findDepartment, isRepeatComplaint, Kind, Level, Policy,
  routeComplaint, Severity, SeverityLimits, ValidationError, WorkCalendar,
} from '../../domain';
import { oneOfMessage } from '../../engine/forms/validate-form';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { ComplaintRepository } from '../../persistence/repositories/complaint-repository';
import { HandlerRegistry, ServiceCall, VariableDeclaration } from '../../engine/handlers/registry';
import { AUDIT_REASON_TEXT, type AuditReason } from './audit-reasons';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What `escalate` returns, declared by every step that escalates (the notification templates read the names). */
const ESCALATION_WRITES: VariableDeclaration[] = [
  { name: 'escalationLevel', type: 'long', description: 'level on the escalation chain' },
  { name: 'escalationGroup', type: 'string', description: 'group at that level' },
  { name: 'escalationGroupName', type: 'string', description: 'that group\'s Chinese name' },
  { name: 'escalationReasonText', type: 'string', description: 'why, in Chinese' },
  { name: 'escalationPossible', type: 'boolean', description: 'a higher level exists' },
  { name: 'handlerGroups', type: 'list', description: 'groups of the handling tasks' },
];

/**
 * Service tasks of processes/complaint-lifecycle.bpmn. Each keeps the `complaint` row in step with the process
 * through `call.manager` (so the row commits or rolls back with the step) and returns the data fields the
 * diagram's gateways, timers and candidate groups read. The flow itself lives in the diagram.
 */
export function registerComplaintHandlers(registry: HandlerRegistry, services: { policy: Policy; calendar: WorkCalendar }): void {
  const { policy, calendar } = services;
  const chain = policy.escalationChain;
  const topLevel = chain.length - 1;

  /** Direct (越级) complaints have their own limits (002 四(二)). */
  const limitsOf = (data: Readonly<Record<string, unknown>>): SeverityLimits =>
    (data.level as Level) === 'direct' ? policy.timeLimits.directBySeverity : policy.timeLimits.bySeverity;
  const resolutionLimitFrom = (data: Readonly<Record<string, unknown>>, from: Date): string =>
    deadline(limitsOf(data)[data.severity as Severity].resolution, from, calendar).toISOString();
  /** The level now in charge gets the severity's first-response limit to act before the next level is called in. */
  const responseLimitFrom = (data: Readonly<Record<string, unknown>>, from: Date): string =>
    deadline(limitsOf(data)[data.severity as Severity].response, from, calendar).toISOString();

  /**
   * Raises the complaint one level up the escalation chain (000 4.4) and records why. The returned handlerGroups
   * give the open task to the handlers and the new level's group; the diagram's notify step tells that group.
   */
  async function escalate(call: ServiceCall, reason: AuditReason): Promise<Record<string, unknown>> {
    const { repo, row } = await complaintOf(call);
    const before = row.escalationLevel;
    const level = Math.min(before + 1, topLevel);
    const escalationGroup = chain[level];
    await repo.update(row.id, { escalationLevel: level }, call.now);
    call.audit({
      action: 'escalated', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
      before: { escalationLevel: before }, after: { escalationLevel: level, escalationGroup, reason },
    });
    return {
      escalationLevel: level,
      escalationGroup,
      escalationGroupName: CANDIDATE_GROUP_LABELS[escalationGroup],
      escalationReasonText: AUDIT_REASON_TEXT[reason],
      escalationPossible: level < topLevel,
      handlerGroups: unique([String(call.data.handlerGroup), escalationGroup]),
    };
  }

  registry.register('complaint.prepare', async (call) => {
    const { repo, row } = await complaintOf(call);
    const severity = row.severity as Severity;
    const kind = row.kind as Kind;
    const deadlines = computeDeadlines(policy, calendar, { severity, kind, level: row.level as Level, receivedAt: row.receivedAt });
    const handlerGroup = routeComplaint(policy, { category: row.category as Category, severity, complex: row.isComplex });
    const earlier = kind === 'complaint' ? await earlierComplaints(repo, row, policy.repeatComplaintWindowDays) : [];
    const isRepeat = earlier.length > 0 && isRepeatComplaint(
      earlier.map((e) => ({ complainantKey: e.complainantKey, category: e.category as Category, receivedAt: e.receivedAt })),
      { complainantKey: row.complainantKey, category: row.category as Category, receivedAt: row.receivedAt },
      policy.repeatComplaintWindowDays,
    );
    const repeatOf = isRepeat ? earlier[0].number : null;
    await repo.update(row.id, {
      instanceId: call.instance.id, handlerGroup, isRepeat, repeatOf,
      responseDueAt: deadlines.responseDueAt, resolutionDueAt: deadlines.resolutionDueAt,
    }, call.now);
    return {
      responseDueAt: deadlines.responseDueAt.toISOString(),
      responseStepDueAt: deadlines.responseDueAt.toISOString(),
      resolutionDueAt: deadlines.resolutionDueAt.toISOString(),
      handleDueAt: deadlines.resolutionDueAt.toISOString(),
      handlerGroup,
      handlerGroups: [handlerGroup],
      departmentName: findDepartment(policy, row.registeringDeptCode)?.name ?? row.registeringDeptCode,
      isRepeat,
      repeatOf,
      escalationLevel: 0,
      escalationGroup: chain[0],
      escalationPossible: topLevel > 0,
      priority: policy.priorityByLevel[row.level as Level],
    };
  }, {
    description: 'Grades and routes a new complaint: response and resolution limits, handling group, repeat-complaint check (000 4.2–4.4)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'responseDueAt', type: 'date', description: 'first-response deadline' }, { name: 'resolutionDueAt', type: 'date', description: 'resolution deadline' }, { name: 'handleDueAt', type: 'date', description: 'deadline of the handling task' }, { name: 'handlerGroup', type: 'string', description: 'group that handles the complaint' }, { name: 'handlerGroups', type: 'list', description: 'groups of the handling tasks' }, { name: 'isRepeat', type: 'boolean', description: 'repeat complaint within the window' }, { name: 'repeatOf', type: 'string', description: 'number of the earlier complaint' }, { name: 'escalationLevel', type: 'long', description: 'level on the escalation chain' }, { name: 'escalationGroup', type: 'string', description: 'group at that level' }, { name: 'escalationPossible', type: 'boolean', description: 'a higher level exists' }, { name: 'priority', type: 'long', description: 'task priority' }],
  });

  registry.register('complaint.escalateAtOnce', (call) => (call.data.isRepeat === true
    ? escalate(call, 'repeat complaint')
    : escalate(call, 'possible major impact')), {
    description: 'Raises a repeat or possibly major complaint one level up the escalation chain at once',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'isRepeat', type: 'boolean', description: 'repeat complaint' }, { name: 'handlerGroup', type: 'string', description: 'handling group' }],
    writes: ESCALATION_WRITES,
  });

  registry.register('complaint.recordOnly', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, {
      status: 'closed', currentStep: null, responsibleDeptCode: row.registeringDeptCode,
      resolvedAt: call.now, closedAt: call.now,
    }, call.now);
    return { recordedOnly: true, closedAt: call.now.toISOString() };
  }, {
    description: 'Closes a minor complaint the receiver settled on receipt (recorded only)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'recordedOnly', type: 'boolean', description: 'only recorded' }, { name: 'closedAt', type: 'date', description: 'closing time' }],
  });

  registry.register('complaint.dispatch', async (call) => {
    const { repo, row } = await complaintOf(call);
    const department = String(call.data.responsibleDept ?? '');
    if (!policy.departments.some((d) => d.code === department)) {
      // The form checks a chosen code against its list first, so this is met with none chosen (a clerk's only way
      // here), or with a code the diagram's list offers but the policy does not know: then the policy's are listed.
      const departments = policy.departments.map((d) => ({ id: d.code, name: d.name }));
      throw new ValidationError('Choose the responsible department (责任部门) to dispatch to', [
        { field: 'data.responsibleDept', messages: [department ? oneOfMessage(departments) : 'required'] },
      ]);
    }
    const capaDue = capaDueAt(policy, calendar, call.now);
    await repo.update(row.id, {
      status: 'dispatched', currentStep: '首次响应', responsibleDeptCode: department, dispatchedAt: call.now, capaDueAt: capaDue,
    }, call.now);
    return {
      departmentCode: department, departmentName: findDepartment(policy, department)?.name ?? department,
      dispatchedAt: call.now.toISOString(), capaDueAt: capaDue.toISOString(),
    };
  }, {
    description: 'Dispatches the complaint to the responsible department and sets the CAPA deadline',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'responsibleDept', type: 'string', description: 'department code chosen at dispatch' }],
    writes: [{ name: 'departmentCode', type: 'string', description: 'responsible department' }, { name: 'departmentName', type: 'string', description: 'responsible department name' }, { name: 'dispatchedAt', type: 'date', description: 'dispatch time' }, { name: 'capaDueAt', type: 'date', description: 'CAPA record deadline' }],
  });

  /** Nobody answered in time: the next level takes the response task over (and the next after it, as long as nobody answers). */
  registry.register('complaint.escalateResponse', async (call) => {
    const result = await escalate(call, 'first response overdue');
    return { ...result, responseStepDueAt: responseLimitFrom(call.data, call.now) };
  }, {
    description: 'First response overdue: one level up the escalation chain',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'handlerGroup', type: 'string', description: 'handling group' }],
    writes: [...ESCALATION_WRITES, { name: 'responseStepDueAt', type: 'date', description: 'deadline of the level now in charge' }],
  });

  registry.register('complaint.responded', async (call) => {
    const { repo, row } = await complaintOf(call);
    const respondedAt = row.respondedAt ?? call.now;
    const nextStep = row.severity === 'major' ? '公司领导决定' : row.severity === 'general' ? '原因分析专题会议记录' : '调查处理';
    await repo.update(row.id, {
      status: 'responded', currentStep: nextStep, respondedAt, ...timeliness('response', row.receivedAt, row.responseDueAt, respondedAt),
    }, call.now);
    return { respondedAt: respondedAt.toISOString() };
  }, {
    description: 'Records the first response',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'respondedAt', type: 'date', description: 'first response time' }],
  });

  /** The root-cause meeting of a major or serious complaint (001 6.3.3): who attended, the cause found, the measures. */
  registry.register('complaint.rootCauseRecorded', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, {
      rootCauseMeetingAt: call.now, rootCauseAttendees: textOf(call.data.meetingAttendees), rootCause: textOf(call.data.rootCause),
      rootCauseMeasures: textOf(call.data.meetingMeasures), currentStep: '调查处理',
    }, call.now);
    return { rootCauseMeetingAt: call.now.toISOString() };
  }, {
    description: 'Records the root-cause meeting of a major or serious complaint (001 6.3.3)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'meetingAttendees', type: 'string', description: 'who attended' }, { name: 'rootCause', type: 'string', description: 'cause found' }, { name: 'meetingMeasures', type: 'string', description: 'measures decided' }],
    writes: [{ name: 'rootCauseMeetingAt', type: 'date', description: 'meeting record time' }],
  });

  /** Resolution limit missed: the next level of the chain takes the task over together with the handlers. */
  registry.register('complaint.escalateResolution', async (call) => {
    const result = await escalate(call, 'resolution overdue');
    return { ...result, handleDueAt: responseLimitFrom(call.data, call.now) };
  }, {
    description: 'Resolution overdue: the next level takes over with a new handling deadline',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'handlerGroup', type: 'string', description: 'handling group' }, { name: 'severity', type: 'string', description: 'severity' }],
    writes: [...ESCALATION_WRITES, { name: 'handleDueAt', type: 'date', description: 'new handling deadline' }],
  });

  registry.register('complaint.handled', async (call) => {
    const { repo, row } = await complaintOf(call);
    const solved = call.data.solved === true;
    await repo.update(row.id, {
      resolvedAt: solved ? call.now : null, currentStep: '纠正和预防措施记录',
      ...(solved ? timeliness('resolution', row.receivedAt, row.resolutionDueAt, call.now) : { resolutionMinutes: null, resolvedWithinLimit: null }),
      handlingCause: textOf(call.data.cause), handlingResult: textOf(call.data.resolution),
    }, call.now);
    return { resolvedAt: solved ? call.now.toISOString() : null };
  }, {
    description: 'Records the handling result',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'solved', type: 'boolean', description: 'problem solved' }],
    writes: [{ name: 'resolvedAt', type: 'date', description: 'resolution time, null when not solved' }],
  });

  registry.register('complaint.capaOverdue', (call) => {
    call.audit({ action: 'reminded', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
      after: { reason: 'corrective and preventive action record overdue' satisfies AuditReason, capaDueAt: call.data.capaDueAt ?? null } });
  }, {
    description: 'Audits a reminder that the CAPA record is overdue',
    reads: [{ name: 'capaDueAt', type: 'date', description: 'CAPA record deadline' }],
    writes: [],
  });

  registry.register('complaint.capaRecorded', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, {
      capaAt: call.now, currentStep: '分管领导审核纠正和预防措施', correctiveAction: textOf(call.data.correctiveAction),
      preventiveAction: textOf(call.data.preventiveAction), measuresInPlace: call.data.measuresInPlace === true,
    }, call.now);
    return { capaAt: call.now.toISOString() };
  }, {
    description: 'Records the CAPA record (纠正和预防措施记录表)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'capaAt', type: 'date', description: 'CAPA record time' }],
  });

  /** 分管领导意见 on the record (003 4.2.2, 表二): approved, the customer is told; sent back, the record is redone. */
  registry.register('complaint.capaReviewed', async (call) => {
    const { repo, row } = await complaintOf(call);
    const approved = call.data.capaApproved === true;
    await repo.update(row.id, {
      capaApproved: approved, capaReviewOpinion: textOf(call.data.capaReviewOpinion), capaReviewedBy: call.actor, capaReviewedAt: call.now,
      ...(approved ? { status: 'awaiting-customer' as const, currentStep: '告知客户处理结果' } : { currentStep: '纠正和预防措施记录' }),
    }, call.now);
    if (!approved) {
      call.audit({ action: 'sent back', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
        after: { reason: 'corrective and preventive action record sent back by the division leader' } });
    }
    return { capaApproved: approved };
  }, {
    description: 'Records the division leader\'s review of the CAPA record: approved, or sent back to be redone (003 4.2.2)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'capaApproved', type: 'boolean', description: 'record approved' }, { name: 'capaReviewOpinion', type: 'string', description: 'review opinion' }],
    writes: [{ name: 'capaApproved', type: 'boolean', description: 'record approved' }],
  });

  /** Satisfaction recorded; a dissatisfied customer is itself an escalation trigger (000 4.4). */
  registry.register('complaint.customerAnswered', async (call) => {
    const { repo, row } = await complaintOf(call);
    const satisfaction = call.data.satisfaction === 'satisfied' ? 'satisfied' : 'dissatisfied';
    if (satisfaction === 'satisfied') {
      await repo.update(row.id, { satisfaction, status: 'awaiting-closure', currentStep: '结案审核' }, call.now);
      return { satisfaction, reopenCount: row.reopenCount };
    }
    const reopenCount = row.reopenCount + 1;
    await repo.update(row.id, {
      satisfaction, reopenCount, status: reopenCount >= 2 ? 'awaiting-decision' : 'handling',
      currentStep: reopenCount >= 2 ? '分管领导最终决定' : '调查处理', resolvedAt: null,
    }, call.now);
    call.audit({ action: 'reopened', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
      before: { reopenCount: row.reopenCount }, after: { reopenCount, reason: 'customer dissatisfied' satisfies AuditReason } });
    return { satisfaction, reopenCount, handleDueAt: resolutionLimitFrom(call.data, call.now) };
  }, {
    description: 'Records the customer\'s satisfaction; dissatisfied reopens handling',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'satisfaction', type: 'string', description: 'satisfied or dissatisfied' }],
    writes: [{ name: 'satisfaction', type: 'string', description: 'satisfied or dissatisfied' }, { name: 'reopenCount', type: 'long', description: 'times handled again' }, { name: 'handleDueAt', type: 'date', description: 'new handling deadline when reopened' }],
  });

  registry.register('complaint.leaderDecided', async (call) => {
    const { repo, row } = await complaintOf(call);
    const leaderDecision = String(call.data.leaderDecision ?? '').trim();
    await repo.update(row.id, { leaderDecision, status: 'awaiting-reply', currentStep: '按分管领导批示答复客户' }, call.now);
    return { leaderFinalDecision: leaderDecision !== '' };
  }, {
    description: 'Records the division leader\'s final decision',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'leaderDecision', type: 'string', description: 'decision text' }],
    writes: [{ name: 'leaderFinalDecision', type: 'boolean', description: 'a final decision was given' }],
  });

  /** The customer was answered along the division leader's decision (003 4.2.3); the closure review comes next. */
  registry.register('complaint.finalReplied', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, { finalReply: textOf(call.data.finalReply), finalReplyAt: call.now, status: 'awaiting-closure', currentStep: '结案审核' }, call.now);
    return { finalReplyAt: call.now.toISOString() };
  }, {
    description: 'Records the reply given to the customer along the division leader\'s final decision (003 4.2.3)',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'finalReply', type: 'string', description: 'the reply' }],
    writes: [{ name: 'finalReplyAt', type: 'date', description: 'reply time' }],
  });

  /** 000 4.5.1: closes only when every condition holds; otherwise names the first missing one for the gateway. */
  registry.register('complaint.close', async (call) => {
    const { repo, row } = await complaintOf(call);
    const verdict = canClose({
      solved: call.data.solved === true,
      customerSatisfied: call.data.satisfaction === 'satisfied',
      leaderFinalDecision: call.data.leaderFinalDecision === true,
      measuresInPlace: call.data.measuresInPlace === true,
      recordsComplete: call.data.recordsComplete === true,
    });
    if (!verdict.ok) {
      call.audit({ action: 'closure refused', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
        after: { missing: verdict.missing } });
      await repo.update(row.id, REOPENED_AT[verdict.missing[0]], call.now);
      return {
        closable: false, closeBlockedBy: verdict.missing[0], missingConditions: verdict.missing,
        handleDueAt: resolutionLimitFrom(call.data, call.now),
      };
    }
    const callbackDue = callbackDueAt(policy, calendar, call.now);
    await repo.update(row.id, { status: 'closed', closedAt: call.now, callbackDueAt: callbackDue, currentStep: '回访' }, call.now);
    return { closable: true, closeBlockedBy: null, missingConditions: [], closedAt: call.now.toISOString(), callbackDueAt: callbackDue.toISOString() };
  }, {
    description: 'Closes the complaint when all conditions of 000 4.5.1 hold, else names the first missing one',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'solved', type: 'boolean', description: 'problem solved' }, { name: 'satisfaction', type: 'string', description: 'customer satisfaction' }, { name: 'leaderFinalDecision', type: 'boolean', description: 'leader decided' }, { name: 'measuresInPlace', type: 'boolean', description: 'measures in place' }, { name: 'recordsComplete', type: 'boolean', description: 'records complete' }],
    writes: [{ name: 'closable', type: 'boolean', description: 'all closing conditions hold' }, { name: 'closeBlockedBy', type: 'string', description: 'first missing condition' }, { name: 'missingConditions', type: 'list', description: 'every missing condition' }, { name: 'handleDueAt', type: 'date', description: 'new handling deadline when not closable' }, { name: 'closedAt', type: 'date', description: 'closing time' }, { name: 'callbackDueAt', type: 'date', description: 'callback deadline' }],
  });

  registry.register('complaint.callbackOverdue', (call) => {
    call.audit({ action: 'reminded', actor: call.actor, elementId: call.item.elementId, itemId: call.item.id,
      after: { reason: 'callback overdue' satisfies AuditReason, callbackDueAt: call.data.callbackDueAt ?? null } });
  }, {
    description: 'Audits a reminder that the callback is overdue',
    reads: [{ name: 'callbackDueAt', type: 'date', description: 'callback deadline' }],
    writes: [],
  });

  registry.register('complaint.calledBack', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, { callbackAt: call.now, currentStep: null }, call.now);
    return { callbackAt: call.now.toISOString() };
  }, {
    description: 'Records the callback',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'callbackAt', type: 'date', description: 'callback time' }],
  });

  registry.register('complaint.escalateInquiry', (call) => escalate(call, 'inquiry not answered in time'), {
    description: 'Inquiry not answered in time: one level up the escalation chain',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }, { name: 'handlerGroup', type: 'string', description: 'handling group' }],
    writes: ESCALATION_WRITES,
  });

  /** An answered inquiry or a decided suggestion whose outcome the customer was told. */
  registry.register('complaint.finish', async (call) => {
    const { repo, row } = await complaintOf(call);
    await repo.update(row.id, {
      status: 'closed', currentStep: null, respondedAt: row.respondedAt ?? call.now, resolvedAt: call.now, closedAt: call.now,
    }, call.now);
    return { closedAt: call.now.toISOString() };
  }, {
    description: 'Closes an answered inquiry or a decided suggestion',
    reads: [{ name: 'complaintNumber', type: 'string', description: 'complaint number' }],
    writes: [{ name: 'closedAt', type: 'date', description: 'closing time' }],
  });
}

/** Where a refused closure sends the complaint back (the diagram's closeGateway), so status and step follow the open task. */
const REOPENED_AT: Record<ClosureCondition, Pick<ComplaintRow, 'status' | 'currentStep'>> = {
  solved: { status: 'handling', currentStep: '调查处理' },
  measuresInPlace: { status: 'handling', currentStep: '纠正和预防措施记录' },
  customerSatisfied: { status: 'awaiting-customer', currentStep: '告知客户处理结果' },
  recordsComplete: { status: 'awaiting-closure', currentStep: '结案审核' },
};

async function complaintOf(call: ServiceCall): Promise<{ repo: ComplaintRepository; row: ComplaintRow }> {
  const repo = new ComplaintRepository(call.manager);
  const number = String(call.data.complaintNumber ?? '');
  const row = await repo.byNumber(number);
  if (!row) throw new Error(`Complaint ${JSON.stringify(number)} of instance ${call.instance.id} is not in the complaint table`);
  return { repo, row };
}

function earlierComplaints(repo: ComplaintRepository, row: ComplaintRow, windowDays: number): Promise<ComplaintRow[]> {
  const since = new Date(row.receivedAt.getTime() - windowDays * DAY_MS);
  return repo.earlierOfSameComplainant(row.complainantKey, row.category, since, row.receivedAt, row.id)
    .then((rows) => rows.filter((r) => r.kind === 'complaint'));
}

/** Minutes from receipt and whether within the limit (yearly summary, 001 6.6.4; 000 4.6.1 处理时效). */
function timeliness(kind: 'response' | 'resolution', receivedAt: Date, dueAt: Date | null, doneAt: Date) {
  const minutes = Math.max(0, Math.round((doneAt.getTime() - receivedAt.getTime()) / 60_000));
  const within = dueAt ? doneAt.getTime() <= dueAt.getTime() : null;
  return kind === 'response' ? { responseMinutes: minutes, respondedWithinLimit: within } : { resolutionMinutes: minutes, resolvedWithinLimit: within };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
