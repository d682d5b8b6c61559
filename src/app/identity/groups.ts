/** The user groups: one per role of the roles table in rules.md. BPMN candidate groups use these ids. */
export const USER_GROUPS = [
  'service-desk',
  'ops',
  'quality',
  'dept-head',
  'general-affairs',
  'management-rep',
  'division-leader',
  'general-manager',
  'auditor',
  'process-owner',
] as const;

export type UserGroup = (typeof USER_GROUPS)[number];

export function isUserGroup(value: string): value is UserGroup {
  return (USER_GROUPS as readonly string[]).includes(value);
}
