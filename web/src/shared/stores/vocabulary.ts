import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';
import type { Vocabulary } from '../api/types';

export type VocabularyList = Exclude<keyof Vocabulary, 'step' | 'process'> & string;

/** Chinese labels of every code the API returns (GET /vocabulary), loaded once per session. */
export const useVocabularyStore = defineStore('vocabulary', () => {
  const vocabulary = ref<Vocabulary | null>(null);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    if (vocabulary.value) return Promise.resolve();
    loading ??= api.get<Vocabulary>('/vocabulary')
      .then((v) => { vocabulary.value = v; })
      .finally(() => { loading = null; });
    return loading;
  }

  /** The Chinese label of a code, or the code itself when the vocabulary has none. */
  function label(list: VocabularyList, code: string | null | undefined): string {
    if (code === null || code === undefined || code === '') return '';
    const entry = vocabulary.value?.[list]?.[code];
    return typeof entry === 'string' ? entry : code;
  }

  /** Options for a select: every code of a list with its label, in the server's order. */
  function options(list: VocabularyList): Array<{ value: string; label: string }> {
    const entries = vocabulary.value?.[list] ?? {};
    return Object.entries(entries)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([value, text]) => ({ value, label: text }));
  }

  function stepName(processKey: string | null | undefined, elementId: string | null | undefined, fallback?: string | null): string {
    if (!processKey || !elementId) return fallback ?? elementId ?? '';
    return vocabulary.value?.step?.[processKey]?.[elementId] ?? fallback ?? elementId;
  }

  function processName(processKey: string | null | undefined): string {
    if (!processKey) return '';
    return vocabulary.value?.process?.[processKey] ?? processKey;
  }

  function roles(groups: readonly string[]): string {
    return groups.map((group) => label('role', group)).join('、');
  }

  return { vocabulary, load, label, options, stepName, processName, roles };
});
