import { ref, type Ref } from 'vue';

export interface KeysetPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * A list read in keyset pages: `load` shows the first page, `more` appends the next (加载更多) while `nextCursor`
 * says there is one. `fetchPage` gets null for the first page and the last page's cursor after that.
 */
export function useKeysetList<T>(fetchPage: (cursor: string | null) => Promise<KeysetPage<T>>) {
  const items = ref<T[]>([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref('');

  async function read(first: boolean): Promise<void> {
    const busy = first ? loading : loadingMore;
    busy.value = true;
    if (first) error.value = '';
    try {
      const page = await fetchPage(first ? null : nextCursor.value);
      items.value = first ? page.items : [...items.value, ...page.items];
      nextCursor.value = page.nextCursor ?? null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  }

  return { items, nextCursor, loading, loadingMore, error, load: () => read(true), more: () => read(false) };
}
