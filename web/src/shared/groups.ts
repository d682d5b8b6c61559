/** The candidate groups of rules.md that work on complaints (the staff workspace is theirs). */
export const STAFF_GROUPS = [
  'service-desk', 'ops', 'quality', 'dept-head', 'general-affairs', 'management-rep', 'division-leader', 'general-manager',
] as const;

export const PROCESS_OWNER_GROUPS = ['process-owner'] as const;
export const AUDITOR_GROUPS = ['auditor'] as const;
/** Only the service desk registers complaints (POST /complaints). */
export const REGISTRAR_GROUPS = ['service-desk'] as const;

export function inAnyGroup(userGroups: readonly string[], wanted: readonly string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((group) => userGroups.includes(group));
}
