import { CANDIDATE_GROUP_LABELS, CANDIDATE_GROUPS, type CandidateGroup } from './policy';

/** The roles (candidate groups) with their Chinese labels, for pickers such as the modeler's. */
export function roleList(): Array<{ id: CandidateGroup; label: string }> {
  return CANDIDATE_GROUPS.map((id) => ({ id, label: CANDIDATE_GROUP_LABELS[id] }));
}
