import type {
  ComplaintHistory, GlobalVerdict, InstanceDiagram, InstanceNotification, InstanceVerdict, NamedInstanceHistory,
} from './types';
import { NdjsonLines } from './verify/ndjson';

/** What the auditor pages need of the console's HTTP client (bearer token, base URL, error handling). */
export interface HttpClient {
  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  /** The raw response, for downloads and streams; rejects on a non-2xx status with the server's message. */
  fetchRaw(path: string, init?: RequestInit): Promise<Response>;
}

export type Query = Record<string, string | number | undefined>;

export function auditorApi(http: HttpClient) {
  const enc = encodeURIComponent;
  return {
    diagram: (instanceId: string) => http.getJson<InstanceDiagram>(`/instances/${enc(instanceId)}/diagram`),
    history: (instanceId: string, elementId?: string) =>
      http.getJson<NamedInstanceHistory>(`/instances/${enc(instanceId)}/history`, { element: elementId }),
    notifications: (instanceId: string) => http.getJson<InstanceNotification[]>(`/instances/${enc(instanceId)}/notifications`),
    verify: async (instanceId: string) => normalizeVerdict(await http.getJson<RawVerdict>(`/instances/${enc(instanceId)}/verify`)),
    complaintHistory: (number: string) => http.getJson<ComplaintHistory>(`/complaints/${enc(number)}/history`),
    complaint: <T>(number: string) => http.getJson<T>(`/complaints/${enc(number)}`),
    complaints: <T>(query: Query) => http.getJson<T>('/complaints', query),
    penalty: <T>(id: string) => http.getJson<T>(`/penalties/${enc(id)}`),
    monthly: <T>(month: string) => http.getJson<T>('/reports/monthly', { month, format: 'json' }),
    yearly: <T>(year: number) => http.getJson<T>('/reports/yearly', { year, format: 'json' }),

    /** GET /audit/verify with NDJSON progress; `onProgress` sees every line, the last one is the verdict. */
    async verifyAll(onProgress: (line: VerifyProgress) => void): Promise<GlobalVerdict> {
      const response = await http.fetchRaw('/audit/verify', { headers: { Accept: 'application/x-ndjson' } });
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('ndjson') || !response.body) return (await response.json()) as GlobalVerdict;
      const lines = new NdjsonLines<VerifyProgress>();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let last: VerifyProgress | undefined;
      for (;;) {
        const { value, done } = await reader.read();
        const parsed = done ? lines.end() : lines.push(value);
        for (const line of parsed) { last = line; onProgress(line); }
        if (done) break;
      }
      if (!last || !isVerdict(last)) throw new Error('全局校验未返回结果');
      return last as GlobalVerdict;
    },

    /** Fetches a file with the user's token and hands it to the browser as a download. */
    async download(path: string, query: Query, fallbackName: string): Promise<void> {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
      const response = await http.fetchRaw(search.size > 0 ? `${path}?${search}` : path);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}

export type AuditorApi = ReturnType<typeof auditorApi>;

/** A progress line of GET /audit/verify (`{ chains, rows, … }`); the final line is the whole verdict. */
export type VerifyProgress = { type?: 'progress' | 'result'; chains?: number; rows?: number; totalChains?: number; ok?: boolean; problems?: unknown };

function isVerdict(line: VerifyProgress): line is GlobalVerdict & VerifyProgress {
  return line.type !== 'progress' && typeof line.ok === 'boolean' && Array.isArray(line.problems);
}

type RawVerdict = Partial<InstanceVerdict> & { ok: boolean; rows?: number; firstBrokenSeq?: number; reason?: string };

/** Also reads the first version of the verify response (`{ ok, rows, firstBrokenSeq?, reason? }`). */
export function normalizeVerdict(raw: RawVerdict): InstanceVerdict {
  const legacyProblem = raw.firstBrokenSeq !== undefined ? [{ seq: raw.firstBrokenSeq, kind: 'edited', message: raw.reason ?? '' }] : [];
  return {
    ok: raw.ok,
    checked: raw.checked ?? raw.rows ?? 0,
    head: raw.head ?? null,
    problems: raw.problems ?? (raw.ok ? [] : legacyProblem),
  };
}

/** The file name of a Content-Disposition header, preferring the UTF-8 form (Chinese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try { return decodeURIComponent(utf8[1].trim()); } catch { /* fall through to the plain name */ }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}
