import { randomUUID } from 'node:crypto';
import { exemptionAllowed, findDepartment, FineInputCategory, FineLine, ForbiddenError, formatFen, formatNoticeNumber, payrollMonthOf, Policy, refundFor, shanghaiDate, ValidationError } from '../../domain';
import { assessFine, PenaltyFacts } from './fine-facts';
import { LedgerEntryRow, PenaltyRow } from '../../persistence/entities/penalties';
import { LedgerRepository } from '../../persistence/repositories/ledger-repository';
import { PenaltyRepository } from '../../persistence/repositories/penalty-repository';
import { HandlerRegistry, HandlerServices, ServiceCall } from '../../engine/handlers/registry';

/** Form fields of the department head's opinion task that may refine the facts. */
const OPINION_FACT_FIELDS = ['violations', 'occurrences', 'publisherDepartment', 'receiverDepartment', 'causedByPeople'] as const;

/**
 * Service-task handlers of processes/penalty.bpmn and processes/exemption.bpmn. They write through
 * `call.manager`, so the penalty, ledger and process state commit together.
 */
export function registerPenaltyHandlers(registry: HandlerRegistry, services: HandlerServices): void {
  registry.register('penalty.assessFine', (call) => assessFineStep(call, services), {
    description: 'Fixes category and facts from the department\'s opinion and computes the fine (003 4.3.2)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'category', type: 'string', description: 'penalty category' }, { name: 'particularlySerious', type: 'boolean', description: 'particularly serious' }, { name: 'violations', type: 'long', description: 'violations' }, { name: 'occurrences', type: 'long', description: 'occurrences' }, { name: 'causedByPeople', type: 'boolean', description: 'caused by people' }],
    writes: [{ name: 'category', type: 'string', description: 'penalty category' }, { name: 'fineLines', type: 'list', description: 'fine per charged department' }, { name: 'fineTotalFen', type: 'long', description: 'total fine in fen' }, { name: 'fineTotalText', type: 'string', description: 'total fine as text' }, { name: 'handedToCompany', type: 'boolean', description: 'handed to the company (no automatic fine)' }, { name: 'chargedDepartments', type: 'list', description: 'charged departments' }, { name: 'outageConfirmationNeeded', type: 'boolean', description: 'a system failure not caused by people that the division leader may let off (readings.nonHumanOutage = exemptOnConfirmation, not a repeat)' }, { name: 'repeatAfterMeasuresPromised', type: 'boolean', description: 'a repeat failure after improvement measures were promised: never exempt' }],
  });
  registry.register('penalty.recordOutageStatement', (call) => recordOutageStatement(call), {
    description: 'Puts the department\'s outage explanation (系统故障情况说明) and improvement measures (改进措施) on the penalty (003 4.3.2 e)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'outageExplanation', type: 'string', description: 'outage explanation' }, { name: 'improvementMeasures', type: 'string', description: 'improvement measures' }],
    writes: [{ name: 'outageFiledBy', type: 'string', description: 'who filed the explanation' }],
  });
  registry.register('penalty.outageDecision', (call) => outageDecision(call, services), {
    description: 'The division leader\'s confirmation of the outage explanation: exempt (no fine) or fined (003 4.3.2 e; separation of duties checked)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'outageConfirmed', type: 'boolean', description: 'explanation and measures confirmed' }, { name: 'outageLeaderComment', type: 'string', description: 'division leader\'s comment' }],
    writes: [{ name: 'outageExempted', type: 'boolean', description: 'let off without a fine' }, { name: 'outageDecisionText', type: 'string', description: 'decision text' }, { name: 'penaltyStatus', type: 'string', description: 'penalty status' }, { name: 'fineLines', type: 'list', description: 'fine per charged department' }, { name: 'fineTotalFen', type: 'long', description: 'total fine in fen' }, { name: 'fineTotalText', type: 'string', description: 'total fine as text' }, { name: 'chargedDepartments', type: 'list', description: 'charged departments' }],
  });
  registry.register('penalty.handToCompany', (call) => setPenaltyStatus(call, 'handedToCompany'), {
    description: 'Marks the penalty as handed to the company',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }],
    writes: [{ name: 'penaltyStatus', type: 'string', description: 'penalty status' }],
  });
  registry.register('penalty.issueNotice', (call) => issueNotice(call, services.policy), {
    description: 'Numbers the penalty notice (处罚通知单)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }],
    writes: [{ name: 'noticeNumber', type: 'string', description: 'notice number' }, { name: 'noticeIssuedBy', type: 'string', description: 'who filled the notice' }],
  });
  registry.register('penalty.reject', (call) => setPenaltyStatus(call, 'rejected'), {
    description: 'Marks the penalty as rejected by the review',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }],
    writes: [{ name: 'penaltyStatus', type: 'string', description: 'penalty status' }],
  });
  registry.register('penalty.executeFine', (call) => executeFine(call), {
    description: 'Books the fine in the ledger, one entry per charged department',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'fineLines', type: 'list', description: 'fine per charged department' }],
    writes: [{ name: 'penaltyStatus', type: 'string', description: 'penalty status' }, { name: 'finePayrollMonth', type: 'string', description: 'payroll month of the fine' }],
  });
  registry.register('penalty.recordInvestigation', (call) => recordInvestigation(call), {
    description: 'Puts both investigation opinions on the exemption request',
    reads: [{ name: 'exemptionId', type: 'string', description: 'exemption id' }, { name: 'generalAffairsOpinion', type: 'string', description: 'general affairs opinion' }, { name: 'serviceDeskOpinion', type: 'string', description: 'service desk opinion' }],
    writes: [],
  });
  registry.register('penalty.leaderDecision', (call) => leaderDecision(call), {
    description: 'The division leader\'s exemption decision (separation of duties checked)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'exemptionId', type: 'string', description: 'exemption id' }, { name: 'leaderApproved', type: 'boolean', description: 'approved' }, { name: 'leaderComment', type: 'string', description: 'comment' }, { name: 'outageCase', type: 'boolean', description: 'outage case' }, { name: 'outageExplanationConfirmed', type: 'boolean', description: 'explanation confirmed' }, { name: 'departmentCode', type: 'string', description: 'department' }],
    writes: [{ name: 'exemptionOutcome', type: 'string', description: 'continue, rejected or refused' }, { name: 'exemptionDecisionText', type: 'string', description: 'decision text' }],
  });
  registry.register('penalty.managerDecision', (call) => managerDecision(call), {
    description: 'The general manager\'s exemption decision (separation of duties checked)',
    reads: [{ name: 'penaltyId', type: 'string', description: 'penalty id' }, { name: 'exemptionId', type: 'string', description: 'exemption id' }, { name: 'managerApproved', type: 'boolean', description: 'approved' }, { name: 'managerComment', type: 'string', description: 'comment' }],
    writes: [{ name: 'exemptionOutcome', type: 'string', description: 'approved or rejected' }, { name: 'exemptionDecisionText', type: 'string', description: 'decision text' }],
  });
  registry.register('penalty.refund', (call) => refund(call, services), {
    description: 'Books 120 % of the fine back in the month after approval (003 4.3.6)',
    reads: [{ name: 'exemptionId', type: 'string', description: 'exemption id' }],
    writes: [{ name: 'refundFen', type: 'long', description: 'refund in fen' }, { name: 'refundText', type: 'string', description: 'refund as text' }, { name: 'refundPayrollMonth', type: 'string', description: 'payroll month of the refund' }],
  });
}

/** Right after the department head's opinion (only the responsible department's): fixes category and facts and computes the fine (003 4.3.2). */
async function assessFineStep(call: ServiceCall, services: HandlerServices) {
  const repo = new PenaltyRepository(call.manager);
  const penalty = await repo.requirePenalty(String(call.data.penaltyId));
  const actorDepartment = call.actor ? await repo.departmentCodeOf(call.actor) : null;
  if (actorDepartment !== penalty.departmentCode) {
    throw new ForbiddenError(`The penalty opinion is given by the head of the responsible department ${penalty.departmentCode}`, 'not_responsible_department');
  }
  const category = (call.data.particularlySerious === true ? 'particularlySerious' : call.data.category ?? penalty.category) as FineInputCategory;
  const facts: PenaltyFacts = { ...(penalty.facts as PenaltyFacts) };
  for (const field of OPINION_FACT_FIELDS) {
    const value = call.data[field];
    if (value !== undefined && value !== null && value !== '') (facts as Record<string, unknown>)[field] = value;
  }
  const complaint = await repo.complaintDeadlines(penalty.complaintNumber);
  if (!complaint) throw new Error(`Complaint ${penalty.complaintNumber} of penalty ${penalty.id} is missing`);
  delete facts.outageExplanationConfirmed; // only the division leader's decision (penalty.outageDecision) confirms
  let outageConfirmationNeeded = false;
  const outageCase = outageMayBeLetOff(services.policy, category, facts);
  if (outageCase) {
    // 003 4.3.2 e: a repeat failure after promised measures is never exempt; the fine below then says why.
    if (await isRepeatFailure(repo, facts, penalty.departmentCode, penalty.id)) facts.repeatAfterMeasuresPromised = true;
    outageConfirmationNeeded = facts.repeatAfterMeasuresPromised !== true;
  }
  // While the leader's confirmation is pending, the fine is the one that applies should it not come.
  const fine = assessFine(services.policy, services.calendar, category, penalty.departmentCode, facts, complaint, call.now);
  await repo.updatePenalty(penalty.id, {
    category, facts, opinionBy: call.actor, totalFen: fine.totalFen, updatedAt: call.now,
    status: fine.handedToCompany ? 'handedToCompany' : 'proposed',
  });
  call.audit({
    action: 'fine assessed', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor,
    after: { category, totalFen: fine.totalFen, ...(outageCase ? { outageConfirmationNeeded, repeatAfterMeasuresPromised: facts.repeatAfterMeasuresPromised === true } : {}) },
  });
  return {
    category, fineLines: fine.lines, fineTotalFen: fine.totalFen, fineTotalText: formatFen(fine.totalFen),
    handedToCompany: fine.handedToCompany, chargedDepartments: fine.lines.map((line) => line.department),
    outageConfirmationNeeded, repeatAfterMeasuresPromised: facts.repeatAfterMeasuresPromised === true,
    ...departmentNames(services.policy, penalty.departmentCode, fine.lines.map((line) => line.department)),
  };
}

/**
 * A system failure nobody caused, under readings.nonHumanOutage = exemptOnConfirmation: the department files an outage
 * explanation and improvement measures and the division leader may confirm them, letting the department off (003 4.3.2 e).
 * Under fineThenExemption it is fined like any case and only an exemption request (003 4.3.6) gives relief.
 */
function outageMayBeLetOff(policy: Policy, category: FineInputCategory, facts: PenaltyFacts): boolean {
  return category === 'systemAssurance' && facts.causedByPeople === false && policy.readings.nonHumanOutage === 'exemptOnConfirmation';
}

/** The responsible department's head filed the outage explanation and improvement measures (required by the form; blank text is refused here, named like the form's fields). */
async function recordOutageStatement(call: ServiceCall) {
  const repo = new PenaltyRepository(call.manager);
  const penalty = await repo.requirePenalty(String(call.data.penaltyId));
  const outageExplanation = textOrNull(call.data.outageExplanation);
  const improvementMeasures = textOrNull(call.data.improvementMeasures);
  if (!outageExplanation || !improvementMeasures) {
    const errors = ([['outageExplanation', outageExplanation], ['improvementMeasures', improvementMeasures]] as const)
      .filter(([, value]) => !value).map(([field]) => ({ field: `data.${field}`, messages: ['must not be blank: required for a system failure not caused by people (003 4.3.2 e)'] }));
    throw new ValidationError('An outage explanation and improvement measures are required', errors, 'invalid_outage_statement');
  }
  await repo.updatePenalty(penalty.id, { outageExplanation, improvementMeasures, outageFiledBy: call.actor, updatedAt: call.now });
  call.audit({ action: 'outage explanation filed', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor, after: { outageExplanation, improvementMeasures } });
  return { outageFiledBy: call.actor };
}

/**
 * The division leader's decision on the outage explanation (003 4.3.2 e): confirmed and not a repeat → exempted, no fine,
 * no notice; otherwise the fine stands and the case goes on to the notice. The repeat check is made again here, in
 * case the department was let off another failure since the fine was assessed.
 */
async function outageDecision(call: ServiceCall, services: HandlerServices) {
  const repo = new PenaltyRepository(call.manager);
  const penalty = await repo.requirePenalty(String(call.data.penaltyId));
  requireIndependentApprover(call, penalty, 'confirm its outage explanation', penalty.outageFiledBy);
  const confirmed = call.data.outageConfirmed === true;
  const comment = textOrNull(call.data.outageLeaderComment);
  const facts: PenaltyFacts = { ...(penalty.facts as PenaltyFacts), outageExplanationConfirmed: confirmed };
  if (await isRepeatFailure(repo, facts, penalty.departmentCode, penalty.id)) facts.repeatAfterMeasuresPromised = true;
  const complaint = await repo.complaintDeadlines(penalty.complaintNumber);
  if (!complaint) throw new Error(`Complaint ${penalty.complaintNumber} of penalty ${penalty.id} is missing`);
  const fine = assessFine(services.policy, services.calendar, 'systemAssurance', penalty.departmentCode, facts, complaint, call.now);
  const exempted = fine.lines.length === 0;
  const status: PenaltyRow['status'] = exempted ? 'exempted' : 'proposed';
  await repo.updatePenalty(penalty.id, {
    facts, totalFen: fine.totalFen, status, outageConfirmed: confirmed, outageLeaderComment: comment,
    outageDecidedBy: call.actor, outageDecidedAt: call.now, updatedAt: call.now,
  });
  const decisionText = exempted
    ? `分管领导确认系统故障情况说明和改进措施，非人为责任，免责${comment ? `：${comment}` : ''}`
    : `不予免责：${fine.lines[0].reason}${comment ? `；分管领导意见：${comment}` : ''}`;
  call.audit({
    action: exempted ? 'outage exempted' : 'outage not exempted', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor,
    after: { outageConfirmed: confirmed, repeatAfterMeasuresPromised: facts.repeatAfterMeasuresPromised === true, totalFen: fine.totalFen, status },
  });
  return {
    outageExempted: exempted, outageDecisionText: decisionText, penaltyStatus: status,
    fineLines: fine.lines, fineTotalFen: fine.totalFen, fineTotalText: formatFen(fine.totalFen), chargedDepartments: fine.lines.map((line) => line.department),
  };
}

/** Names for notices and e-mails, which people read: 运维管理部 rather than YW. */
function departmentNames(policy: Policy, departmentCode: string, charged: string[]) {
  const nameOf = (code: string) => findDepartment(policy, code)?.name ?? code;
  return { departmentName: nameOf(departmentCode), chargedDepartmentNames: [...new Set(charged)].map(nameOf) };
}

/** Numbers the penalty notice (处罚通知单): year + issuing department + own sequence, in the policy's own notice format. */
async function issueNotice(call: ServiceCall, policy: Policy) {
  const repo = new PenaltyRepository(call.manager);
  const penalty = await repo.requirePenalty(String(call.data.penaltyId));
  const departmentCode = call.actor ? await repo.departmentCodeOf(call.actor) : null;
  if (!departmentCode) throw new Error(`The penalty notice of ${penalty.id} was filled by ${call.actor ?? 'nobody'}, who has no department to number it after`);
  const year = Number(shanghaiDate(call.now).slice(0, 4));
  const noticeNumber = formatNoticeNumber(policy.noticeNumberFormat, year, departmentCode, await repo.nextNoticeSeq(year, departmentCode));
  await repo.updatePenalty(penalty.id, { noticeNumber, status: 'noticeIssued', updatedAt: call.now });
  return { noticeNumber, noticeIssuedBy: call.actor };
}

async function setPenaltyStatus(call: ServiceCall, status: PenaltyRow['status']) {
  await new PenaltyRepository(call.manager).updatePenalty(String(call.data.penaltyId), { status, updatedAt: call.now });
  return { penaltyStatus: status };
}

/** After general affairs approved: one ledger entry per charged department, in this month's pay. */
async function executeFine(call: ServiceCall) {
  const penalties = new PenaltyRepository(call.manager);
  const ledger = new LedgerRepository(call.manager);
  const penalty = await penalties.requirePenalty(String(call.data.penaltyId));
  const lines = (call.data.fineLines ?? []) as FineLine[];
  const payrollMonth = payrollMonthOf(call.now);
  for (const line of lines) {
    await ledger.insertOnce(Object.assign(new LedgerEntryRow(), {
      id: randomUUID(), entryKey: `fine:${penalty.id}:${line.department}`, kind: 'fine', departmentCode: line.department,
      amountFen: -line.amountFen, payrollMonth, penaltyId: penalty.id, complaintNumber: penalty.complaintNumber, fineEntryId: null,
      reason: `${penalty.noticeNumber ?? ''} ${line.reason}`.trim().slice(0, 300), createdAt: call.now, createdBy: call.actor ?? 'system',
    } satisfies LedgerEntryRow));
  }
  await penalties.updatePenalty(penalty.id, { status: 'executed', updatedAt: call.now });
  call.audit({ action: 'fine executed', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor, after: { payrollMonth, lines } });
  return { penaltyStatus: 'executed', finePayrollMonth: payrollMonth };
}

/**
 * Separation of duties: whoever proposed the fine (started the case or gave the department's penalty
 * opinion), or filed what is to be approved, may not approve an exemption from it. Runs in the approval
 * step's transaction, so nothing of the completion is saved.
 */
function requireIndependentApprover(call: ServiceCall, penalty: PenaltyRow, what = 'approve an exemption from it', ...alsoExcluded: Array<string | null>): void {
  if (call.actor && [penalty.proposedBy, penalty.opinionBy, ...alsoExcluded].includes(call.actor)) {
    throw new ForbiddenError(`${call.actor} proposed penalty ${penalty.noticeNumber ?? penalty.id} and may not ${what}`, 'separation_of_duties');
  }
}

/** Both investigations are in (parallel join): their opinions go onto the request (表五). */
async function recordInvestigation(call: ServiceCall) {
  await new PenaltyRepository(call.manager).recordExemptionOpinions(String(call.data.exemptionId), {
    generalAffairsOpinion: textOrNull(call.data.generalAffairsOpinion), serviceDeskOpinion: textOrNull(call.data.serviceDeskOpinion),
  });
}

/** 003 4.3.2 e: a failure after the department promised improvement measures for an earlier one is never exempt. */
async function isRepeatFailure(repo: PenaltyRepository, facts: PenaltyFacts, departmentCode: string, penaltyId: string): Promise<boolean> {
  return facts.repeatAfterMeasuresPromised === true || await repo.measuresPromisedBefore(departmentCode, penaltyId);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The division leader's decision; for outages not caused by people it also confirms the explanation (003 4.3.2 e),
 * and a repeat after promised measures is refused whatever the leader says. Under readings.nonHumanOutage =
 * fineThenExemption this is the only place the explanation is confirmed; under exemptOnConfirmation only fined outages
 * get here (the leader did not confirm in the penalty process, or it was a repeat), and the request is an appeal
 * (003 4.3.6) judged by the same rule, on the explanation filed with it or, failing that, the one filed in the penalty.
 */
async function leaderDecision(call: ServiceCall) {
  const repo = new PenaltyRepository(call.manager);
  const penalty = await repo.requirePenalty(String(call.data.penaltyId));
  requireIndependentApprover(call, penalty);
  const exemptionId = String(call.data.exemptionId);
  await repo.recordExemptionOpinions(exemptionId, { leaderOpinion: `${call.data.leaderApproved === true ? '同意' : '不同意'}${call.data.leaderComment ? `：${call.data.leaderComment}` : ''}` });
  if (call.data.leaderApproved !== true) {
    const note = `分管领导不同意：${call.data.leaderComment ?? ''}`.trim();
    await repo.decideExemption(exemptionId, 'rejected', call.now, note);
    return { exemptionOutcome: 'rejected', exemptionDecisionText: note };
  }
  if (call.data.outageCase === true) {
    const repeat = await isRepeatFailure(repo, penalty.facts as PenaltyFacts, String(call.data.departmentCode), penalty.id);
    const allowed = exemptionAllowed({ causedByPeople: false, outageExplanationConfirmed: call.data.outageExplanationConfirmed === true, repeatAfterMeasuresPromised: repeat });
    if (!allowed) {
      const why = repeat ? '改进措施落实不力导致系统故障再次发生，不得免责' : '故障情况说明和改进措施未经分管领导确认';
      await repo.decideExemption(exemptionId, 'refused', call.now, why);
      return { exemptionOutcome: 'refused', exemptionDecisionText: `不予免责：${why}` };
    }
  }
  return { exemptionOutcome: 'continue' };
}

async function managerDecision(call: ServiceCall) {
  const repo = new PenaltyRepository(call.manager);
  requireIndependentApprover(call, await repo.requirePenalty(String(call.data.penaltyId)));
  await repo.recordExemptionOpinions(String(call.data.exemptionId), {
    managerOpinion: `${call.data.managerApproved === true ? '同意' : '不同意'}${call.data.managerComment ? `：${call.data.managerComment}` : ''}`,
  });
  if (call.data.managerApproved === true) return { exemptionOutcome: 'approved' };
  const note = `总经理不同意：${call.data.managerComment ?? ''}`.trim();
  await repo.decideExemption(String(call.data.exemptionId), 'rejected', call.now, note);
  return { exemptionOutcome: 'rejected', exemptionDecisionText: note };
}

/** 120 % of the department's fine back in the pay of the month after approval (003 4.3.6), linked to the fine. */
async function refund(call: ServiceCall, services: HandlerServices) {
  const penalties = new PenaltyRepository(call.manager);
  const ledger = new LedgerRepository(call.manager);
  const exemption = await penalties.exemptionById(String(call.data.exemptionId));
  if (!exemption) throw new Error(`Exemption ${String(call.data.exemptionId)} of a running process is missing`);
  const fine = (await ledger.list({ penaltyId: exemption.penaltyId }))
    .find((e) => e.kind === 'fine' && e.departmentCode === exemption.departmentCode);
  if (!fine) throw new Error(`Penalty ${exemption.penaltyId} charged no fine to ${exemption.departmentCode}`);
  const { amountFen, payrollMonth } = refundFor(-fine.amountFen, call.now, services.policy);
  const entry = await ledger.insertOnce(Object.assign(new LedgerEntryRow(), {
    id: randomUUID(), entryKey: `refund:${fine.id}`, kind: 'refund', departmentCode: exemption.departmentCode, amountFen,
    payrollMonth, penaltyId: exemption.penaltyId, complaintNumber: fine.complaintNumber, fineEntryId: fine.id,
    reason: `免责申请批准，返还罚款的 ${services.policy.exemption.refundPercent}%`, createdAt: call.now, createdBy: call.actor ?? 'system',
  } satisfies LedgerEntryRow));
  await penalties.decideExemption(exemption.id, 'approved', call.now, null);
  call.audit({ action: 'refund booked', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor, after: { amountFen: entry.amountFen, payrollMonth: entry.payrollMonth, fineEntryId: fine.id } });
  return { refundFen: entry.amountFen, refundText: formatFen(entry.amountFen), refundPayrollMonth: entry.payrollMonth };
}
