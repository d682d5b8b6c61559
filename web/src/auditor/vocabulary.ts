import {
  CATEGORY_LABELS, CHANNEL_LABELS, COMPLAINT_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, ORIGIN_LABELS, SATISFACTION_LABELS, SEVERITY_LABELS,
} from '../../../src/domain/complaint';
import { useVocabularyStore, type VocabularyList } from '../shared/stores/vocabulary';

/**
 * The complaint's own code lists, from the domain the server labels them with too, used until GET /vocabulary has
 * answered. Departments and penalty categories wait for it: the organisation's departments are data, not code.
 */
const FALLBACK: Record<string, Readonly<Record<string, string>>> = {
  kind: KIND_LABELS,
  category: CATEGORY_LABELS,
  severity: SEVERITY_LABELS,
  channel: CHANNEL_LABELS,
  level: LEVEL_LABELS,
  origin: ORIGIN_LABELS,
  status: COMPLAINT_STATUS_LABELS,
  satisfaction: SATISFACTION_LABELS,
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
