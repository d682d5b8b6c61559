import { CATEGORY_LABELS, CHANNEL_LABELS, KIND_LABELS, SEVERITY_LABELS } from '../../../src/domain/complaint';

const STATUS_LABELS: Record<string, string> = {
  registered: '已登记', dispatched: '已派单', responded: '已响应', handling: '重新处理中',
  'awaiting-customer': '待客户确认', 'awaiting-decision': '待领导裁决', closed: '已结案',
};
const SATISFACTION_LABELS: Record<string, string> = { satisfied: '满意', dissatisfied: '不满意' };
const DEPARTMENT_LABELS: Record<string, string> = {
  KF: '客户服务部', YW: '运维管理部', ZL: '质量效能部', ZH: '综合部', GC: '工程部', SC: '市场部', YY: '运营业务部', LD: '公司领导',
};

const label = (labels: Readonly<Record<string, string>>) => (key: string) => labels[key] ?? key;

/** Chinese names of the complaint vocabularies the auditor pages show. */
export function useAuditorVocabulary() {
  return {
    status: label(STATUS_LABELS),
    kind: label(KIND_LABELS),
    category: label(CATEGORY_LABELS),
    severity: label(SEVERITY_LABELS),
    channel: label(CHANNEL_LABELS),
    satisfaction: label(SATISFACTION_LABELS),
    department: label(DEPARTMENT_LABELS),
    options: {
      status: Object.entries(STATUS_LABELS),
      kind: Object.entries(KIND_LABELS),
      category: Object.entries(CATEGORY_LABELS),
      severity: Object.entries(SEVERITY_LABELS),
      department: Object.entries(DEPARTMENT_LABELS),
    },
  };
}
