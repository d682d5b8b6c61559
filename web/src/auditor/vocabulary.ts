import { CATEGORY_LABELS, CHANNEL_LABELS, KIND_LABELS, LEVEL_LABELS, ORIGIN_LABELS, SEVERITY_LABELS } from '../../../src/domain/complaint';
import { useVocabularyStore, type VocabularyList } from '../shared/stores/vocabulary';

/** Used until GET /vocabulary has answered, or when it does not know a code. */
const FALLBACK: Record<string, Readonly<Record<string, string>>> = {
  kind: KIND_LABELS,
  category: CATEGORY_LABELS,
  severity: SEVERITY_LABELS,
  channel: CHANNEL_LABELS,
  level: LEVEL_LABELS,
  origin: ORIGIN_LABELS,
  status: {
    registered: '已登记', dispatched: '已派单', responded: '已响应', handling: '重新处理中',
    'awaiting-customer': '待客户确认', 'awaiting-decision': '待领导裁决', closed: '已结案',
  },
  penaltyCategory: {
    serviceConduct: '服务规范', serviceTimeLimit: '服务时限', informationFlow: '服务信息流转', workOrderHandling: '工单信息处理',
    systemAssurance: '系统保障', lateOutageNotice: '故障未及时通知客服部', particularlySerious: '情节特别严重',
  },
  satisfaction: { satisfied: '满意', dissatisfied: '不满意' },
  department: { KF: '客户服务部', YW: '运维管理部', ZL: '质量效能部', ZH: '综合部', GC: '工程部', SC: '市场部', YY: '运营业务部', LD: '公司领导' },
};

/** Chinese names of the complaint vocabularies the auditor pages show (GET /vocabulary via the console's store). */
export function useAuditorVocabulary() {
  const store = useVocabularyStore();
  store.load().catch(() => { /* the fallback names stay in use */ });
  const label = (list: VocabularyList) => (code: string) => {
    const named = store.label(list, code);
    return named !== code ? named : FALLBACK[list]?.[code] ?? code;
  };
  const options = (list: VocabularyList): Array<readonly [string, string]> => {
    const fromServer = store.options(list);
    return fromServer.length > 0 ? fromServer.map(({ value, label: text }) => [value, text] as const) : Object.entries(FALLBACK[list] ?? {});
  };
  return {
    status: label('status'),
    kind: label('kind'),
    category: label('category'),
    severity: label('severity'),
    channel: label('channel'),
    level: label('level'),
    origin: label('origin'),
    satisfaction: label('satisfaction'),
    department: label('department'),
    role: label('role'),
    penaltyCategory: label('penaltyCategory'),
    /** The process's name as its deployed diagram gives it. */
    process: (processKey: string) => store.processName(processKey),
    options: {
      get status() { return options('status'); },
      get kind() { return options('kind'); },
      get category() { return options('category'); },
      get severity() { return options('severity'); },
      get department() { return options('department'); },
    },
  };
}
