import { ApiError, ApiErrorBody, networkError, toApiError } from './errors';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is with `contentType` instead of JSON (e.g. BPMN XML). */
  rawBody?: string | Blob;
  contentType?: string;
  /** How to read a successful answer: JSON (default), text, or a Blob (downloads such as xlsx). */
  responseType?: 'json' | 'text' | 'blob';
  headers?: Record<string, string>;
  /** Called on a 401 (session ended); the auth store sends the user to the sign-in page. */
  skipUnauthorizedHook?: boolean;
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token (from /auth/login or /auth/session); sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests the JSON client cannot make (BPMN XML bodies of process owners). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * One call to the API with the session cookie. Answers the parsed JSON (undefined for 204); fails with an
 * ApiError whose message is Chinese and whose `fields` hold the server's per-field messages.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN', ...options.headers };
  if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw networkError();
  }
  if (response.status === 204) return undefined as T;
  if (response.ok && options.responseType === 'blob') return (await response.blob()) as T;
  const text = await response.text();
  if (response.ok && options.responseType === 'text') return text as T;
  const parsed = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = toApiError(response.status, parsed as ApiErrorBody | null);
    if (response.status === 401 && !options.skipUnauthorizedHook) onUnauthorized?.();
    throw error;
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
};

export { ApiError };
