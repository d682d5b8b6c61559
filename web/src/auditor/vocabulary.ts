import { useVocabularyStore } from '../shared/stores/vocabulary';

/** Chinese names of the complaint vocabularies the auditor pages show (GET /vocabulary, via the console's store). */
export function useAuditorVocabulary() {
  const store = useVocabularyStore();
  void store.load();
  const label = (list: Parameters<typeof store.label>[0]) => (code: string) => store.label(list, code);
  const options = (list: Parameters<typeof store.options>[0]) => store.options(list).map(({ value, label: text }) => [value, text] as const);
  return {
    status: label('status'),
    kind: label('kind'),
    category: label('category'),
    severity: label('severity'),
    channel: label('channel'),
    satisfaction: label('satisfaction'),
    department: label('department'),
    role: label('role'),
    options: {
      get status() { return options('status'); },
      get kind() { return options('kind'); },
      get category() { return options('category'); },
      get severity() { return options('severity'); },
      get department() { return options('department'); },
    },
  };
}
