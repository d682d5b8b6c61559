import { ForbiddenError, NotFoundError } from '../../domain';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { ComplaintRepository } from '../../persistence/repositories/complaint-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { Actor, isInAnyGroup, isInGroup } from '../actor';
import { AppServices } from '../services';
import { ComplaintDetail, ComplaintStep, ComplaintView, toComplaintView, waitingSteps } from './complaint-view';

/** Groups that see every complaint: the service desk, leadership, auditors and process owners. */
export const SEE_ALL_GROUPS = ['service-desk', 'management-rep', 'division-leader', 'general-manager', 'auditor', 'process-owner'] as const;

export const DEFAULT_COMPLAINT_PAGE_SIZE = 20;
export const MAX_COMPLAINT_PAGE_SIZE = 100;

/** Department staff see only the complaints routed to their department. */
export function canSeeAllComplaints(actor: Actor): boolean {
  return isInAnyGroup(actor, SEE_ALL_GROUPS);
}

export async function getComplaint(services: AppServices, actor: Actor, number: string): Promise<ComplaintDetail> {
  return services.db.read(async (manager) => {
    const row = await new ComplaintRepository(manager).byNumber(number);
    if (!row) throw new NotFoundError(`No complaint numbered ${number}`);
    const steps = (await waitingSteps(manager, row.instanceId ? [row.instanceId] : [])).get(row.instanceId ?? '') ?? [];
    assertVisible(actor, row, steps, services.policy.departmentScopedGroups);
    const named = [row.receivedBy, row.capaReviewedBy, ...steps.map((step) => step.assignee)].filter((u): u is string => !!u);
    const people = Object.fromEntries(await new IdentityRepository(manager).displayNamesOf(named));
    return { ...toComplaintView(row, steps, services.clock.now()), people };
  });
}

/**
 * Whoever may work on one of the complaint's waiting steps reads it, whatever their department (quality records
 * the root-cause meeting of an operations complaint). Department-scoped groups (责任部门负责人) act only for their
 * own department, which reads it anyway.
 */
export function worksOnWaitingStep(actor: Actor, steps: readonly ComplaintStep[], departmentScopedGroups: readonly string[]): boolean {
  return steps.some((step) => step.assignee === actor.username
    || step.candidateGroups.some((group) => !departmentScopedGroups.includes(group) && isInGroup(actor, group)));
}

function assertVisible(actor: Actor, row: ComplaintRow, steps: readonly ComplaintStep[], departmentScopedGroups: readonly string[]): void {
  if (canSeeAllComplaints(actor) || row.responsibleDeptCode === actor.departmentCode) return;
  if (worksOnWaitingStep(actor, steps, departmentScopedGroups)) return;
  throw new ForbiddenError(`Complaint ${row.number} is not routed to your department`);
}
