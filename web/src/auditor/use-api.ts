import { api, buildUrl } from '../shared/api/client';
import { networkError, toApiError, type ApiErrorBody } from '../shared/api/errors';
import { auditorApi, AuditorApi, HttpClient } from './api';

/** The console's session client (cookie, Chinese errors), plus raw responses for downloads and progress streams. */
const consoleClient: HttpClient = {
  getJson: <T>(path: string, query?: Record<string, string | number | undefined>) => api.get<T>(path, query),
  async fetchRaw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept-Language', 'zh-CN');
    let response: Response;
    try {
      response = await fetch(buildUrl(path), { ...init, headers, credentials: 'same-origin' });
    } catch {
      throw networkError();
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
      throw toApiError(response.status, body);
    }
    return response;
  },
};

let shared: AuditorApi | null = null;

export function useAuditorApi(): AuditorApi {
  shared ??= auditorApi(consoleClient);
  return shared;
}
