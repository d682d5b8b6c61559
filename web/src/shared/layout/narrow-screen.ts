import { readonly, ref, type Ref } from 'vue';

/**
 * Phones and narrow windows (a leader opening a task from a WeCom/DingTalk message): one column, cards instead of
 * tables and the menu in a drawer. The same bound as Element Plus's `xs` columns and the stylesheets' media queries.
 */
export const NARROW_SCREEN_QUERY = '(max-width: 767px)';

const narrow = ref(false);
let watching = false;

/** True while the window is phone-narrow; one listener shared by every component. */
export function useNarrowScreen(): Readonly<Ref<boolean>> {
  if (!watching && typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    const query = window.matchMedia(NARROW_SCREEN_QUERY);
    narrow.value = query.matches;
    query.addEventListener('change', (event) => { narrow.value = event.matches; });
    watching = true;
  }
  return readonly(narrow);
}
