/**
 * The authenticated person on whose behalf a use case runs. Use cases take it as their first argument
 * and decide permissions from `groups` (the role ids of rules.md) and `headOf` (groups the person heads).
 */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string;
  /** Pinyin initials of the department, e.g. KF; prefixes complaint numbers. */
  departmentCode: string;
  groups: string[];
  headOf: string[];
  /**
   * Further departments whose department-scoped tasks this person works on besides their own department's
   * (someone heading several departments). Absent means none.
   */
  headsDepartments?: string[];
}

/** The departments a person acts for in department-scoped groups: their own and those they also head. */
export function departmentsActedFor(actor: Pick<Actor, 'departmentCode' | 'headsDepartments'>): string[] {
  return [...new Set([actor.departmentCode, ...(actor.headsDepartments ?? [])].filter((code) => code !== ''))];
}

export function isInGroup(actor: Actor, group: string): boolean {
  return actor.groups.includes(group);
}

export function isInAnyGroup(actor: Actor, groups: readonly string[]): boolean {
  return groups.some((group) => actor.groups.includes(group));
}

export function isHeadOf(actor: Actor, group: string): boolean {
  return actor.headOf.includes(group);
}
