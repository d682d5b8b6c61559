import { Actor, isInGroup } from '../actor';
import { ForbiddenError } from '../../domain/errors';

export const AUDITOR_GROUP = 'auditor';

/**
 * Auditors read every history; anyone else only that of complaints registered by or routed to their own
 * department. `departments` are the department codes the record belongs to (none when no complaint is linked).
 */
export function assertMayReadHistory(actor: Actor, departments: ReadonlyArray<string | null | undefined>, what: string): void {
  if (isInGroup(actor, AUDITOR_GROUP)) return;
  if (departments.some((code) => code && code === actor.departmentCode)) return;
  throw new ForbiddenError(`The history of ${what} is readable by auditors and its own departments only`, 'history_forbidden');
}
