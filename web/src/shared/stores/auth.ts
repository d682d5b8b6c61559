import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, setCsrfToken } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me, Session } from '../api/types';
import { inAnyGroup } from '../groups';

/** The signed-in user (cookie session) and their CSRF token. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<Me | null>(null);
  const checked = ref(false);

  const groups = computed(() => user.value?.groups ?? []);
  const isSignedIn = computed(() => user.value !== null);

  function accept(session: Session) {
    user.value = session.user;
    setCsrfToken(session.csrfToken);
  }

  function forget() {
    user.value = null;
    setCsrfToken(null);
  }

  /** Restores the session from the cookie once per page load; a 401 just means "not signed in". */
  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      accept(await api.get<Session>('/auth/session', undefined, { skipUnauthorizedHook: true }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      forget();
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await api.post<Session>('/auth/login', { username, password }, { skipUnauthorizedHook: true }));
    checked.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await api.post('/auth/logout', undefined, { skipUnauthorizedHook: true });
    } finally {
      forget();
    }
  }

  function hasAnyGroup(wanted: readonly string[] | undefined): boolean {
    return inAnyGroup(groups.value, wanted);
  }

  function isHeadOf(candidateGroups: readonly string[]): boolean {
    return candidateGroups.some((group) => user.value?.headOf.includes(group));
  }

  return { user, checked, groups, isSignedIn, restore, login, logout, forget, hasAnyGroup, isHeadOf };
});
