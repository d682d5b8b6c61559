import { CANDIDATE_GROUPS, type CandidateGroup } from './policy';

/** Chinese labels of the roles (candidate groups), as the rules digest names them. */
export const ROLE_LABELS: Readonly<Record<CandidateGroup, string>> = {
  'service-desk': '服务台（客户服务部）',
  ops: '运维管理部',
  quality: '质量效能部',
  'dept-head': '责任部门负责人',
  'general-affairs': '综合部',
  'management-rep': '管理者代表',
  'division-leader': '分管领导',
  'general-manager': '总经理',
  auditor: '审计',
  'process-owner': '流程负责人',
};

export function roleList(): Array<{ id: CandidateGroup; label: string }> {
  return CANDIDATE_GROUPS.map((id) => ({ id, label: ROLE_LABELS[id] }));
}
