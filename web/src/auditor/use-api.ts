import { auditorApi, AuditorApi, HttpClient } from './api';

// Temporary client until the console scaffold's API client is merged: same-origin fetch with the token kept in
// localStorage under `cf-token`.
const fetchClient: HttpClient = {
  async getJson<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const response = await fetchClient.fetchRaw(search.size > 0 ? `${path}?${search}` : path);
    return (await response.json()) as T;
  },
  async fetchRaw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = localStorage.getItem('cf-token');
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(`/api${path}`, { ...init, headers });
    if (!response.ok) {
      const body = await response.json().catch(() => null) as { message?: string } | null;
      throw new Error(body?.message ?? `HTTP ${response.status}`);
    }
    return response;
  },
};

let api: AuditorApi | null = null;
export function useAuditorApi(): AuditorApi {
  api ??= auditorApi(fetchClient);
  return api;
}
