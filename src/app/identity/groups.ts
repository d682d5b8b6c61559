import { CANDIDATE_GROUPS, CandidateGroup } from '../../domain';

/** The user groups: one per role of the roles table in rules.md. BPMN candidate groups use these ids. */
export const USER_GROUPS = CANDIDATE_GROUPS;

export type UserGroup = CandidateGroup;

export function isUserGroup(value: string): value is UserGroup {
  return (USER_GROUPS as readonly string[]).includes(value);
}
