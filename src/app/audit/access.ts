import { Actor, departmentsActedFor, isInAnyGroup } from '../actor';
import { ForbiddenError } from '../../domain/errors';

export const AUDITOR_GROUP = 'auditor';

/** Roles that act for the whole company (escalations reach them from every department), so they read every history. */
const COMPANY_WIDE_GROUPS = [AUDITOR_GROUP, 'management-rep', 'division-leader', 'general-manager'] as const;

/**
 * Auditors and the company-wide roles read every history; anyone else only that of complaints registered by or
 * routed to a department they belong to or head. `departments` are the department codes the record belongs to
 * (none when no complaint is linked).
 */
export function assertMayReadHistory(actor: Actor, departments: ReadonlyArray<string | null | undefined>, what: string): void {
  if (isInAnyGroup(actor, COMPANY_WIDE_GROUPS)) return;
  const own = departmentsActedFor(actor);
  if (departments.some((code) => code && own.includes(code))) return;
  throw new ForbiddenError(`The history of ${what} is readable by auditors, company leadership and its own departments only`, 'history_forbidden');
}
