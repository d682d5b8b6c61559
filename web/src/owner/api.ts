import { api, currentCsrfToken } from '../shared/api/client';
import { ApiError, chineseMessage } from '../shared/api/errors';
import type { FormField } from '../shared/api/types';
import type { GateContext } from '../../../src/engine/definitions/lint/rules/gate-context';

/** The process-owner API (_notes/OWNER-API.md). */
export interface ProcessVersionSummary {
  version: number;
  deployedAt: string;
  deployedBy: string | null;
  deployedByName: string | null;
  note: string | null;
  runningInstances: number;
  active: boolean;
}

export interface ProcessSummary {
  key: string;
  name: string | null;
  activeVersion: number | null;
  latestVersion: number;
  suspended: boolean;
  versions: ProcessVersionSummary[];
  drift: null | { file: string; fileHash: string; activeHash: string; message: string };
}

export interface ProcessVersion {
  key: string;
  version: number;
  xml: string;
  hash: string;
  deployedAt: string;
  deployedBy: string | null;
  note: string | null;
  active: boolean;
}

export interface Issue {
  rule: string;
  message: string;
  elementId?: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
}

export interface HandlerParameter {
  name: string;
  type: string;
  description: string;
}

export interface HandlerInfo {
  name: string;
  description: string;
  reads: HandlerParameter[];
  writes: HandlerParameter[];
}

export interface Role {
  id: string;
  label: string;
}

export interface Incident {
  id: string;
  instanceId: string;
  businessKey: string | null;
  processKey: string;
  version: number;
  elementId: string;
  elementName: string | null;
  message: string;
  createdAt: string;
  status: string;
}

export interface WaitingInstance {
  id: string;
  version: number;
  businessKey: string | null;
  startedAt: string;
  activeElements: string[];
}

/** Why an instance cannot move. */
export interface MigrationProblem {
  code: string;
  elementId?: string;
  elementType?: string;
  target?: string;
}

/** An element of the instances that needs a mapping, once each, with the target version's elements of its type. */
export interface UnmappedElement {
  elementId: string;
  elementType: string;
  elementName: string | null;
  candidates: { id: string; name: string | null }[];
}

export interface MigrationPlan {
  dryRun: boolean;
  movable: { instanceId: string; moves: { from: string; to: string }[] }[];
  /** reasons: the problems as sentences, in Chinese for the console. */
  blocked: { instanceId: string; reasons: string[]; problems: MigrationProblem[] }[];
  unmapped: UnmappedElement[];
  migrated?: string[];
}

export interface DeployOutcome {
  key: string;
  version: number;
  created: boolean;
  warnings: Issue[];
}

/** A refused diagram: the gate's message and every issue it found. */
export class DefinitionRejected extends Error {
  constructor(message: string, readonly issues: Issue[]) {
    super(message);
    this.name = 'DefinitionRejected';
  }
}

const enc = encodeURIComponent;

async function postXml<T>(path: string, xml: string, headers: Record<string, string> = {}): Promise<T> {
  const token = currentCsrfToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': 'zh-CN', 'Content-Type': 'application/xml', ...(token ? { 'X-CSRF-Token': token } : {}), ...headers },
      body: xml,
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  let body: (T & { error?: string; message?: string; issues?: Issue[] }) | null = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return body as T;
  if (response.status === 400 && body?.issues) {
    const errors = body.issues.filter((issue) => issue.severity === 'error').length;
    const message = body.message && /[\u4e00-\u9fff]/.test(body.message) ? body.message : `流程定义未通过校验（${errors} 个错误）`;
    throw new DefinitionRejected(message, body.issues);
  }
  throw new ApiError(response.status, body?.error ?? `http_${response.status}`, chineseMessage(response.status, body));
}

export const ownerApi = {
  processes: () => api.get<ProcessSummary[]>('/processes'),
  version: (key: string, version: number) => api.get<ProcessVersion>(`/processes/${enc(key)}/versions/${version}`),
  deploy: (key: string, xml: string, note: string) => postXml<DeployOutcome>(`/processes/${enc(key)}/versions`, xml, note ? { 'X-Change-Note': enc(note) } : {}),
  validate: (key: string, xml: string) => postXml<{ ok: boolean; issues: Issue[] }>(`/processes/${enc(key)}/validate`, xml),
  activate: (key: string, version: number) => api.post<unknown>(`/processes/${enc(key)}/versions/${version}/activate`),
  suspend: (key: string) => api.post<unknown>(`/processes/${enc(key)}/suspend`),
  resume: (key: string) => api.post<unknown>(`/processes/${enc(key)}/resume`),
  handlers: () => api.get<HandlerInfo[]>('/handlers'),
  lintContext: (key: string) => api.get<GateContext>(`/processes/${enc(key)}/lint-context`),
  roles: () => api.get<Role[]>('/roles'),
  incidents: (query: { process?: string; version?: number; element?: string; status?: string }) => api.get<Incident[]>('/incidents', query),
  retryIncident: (id: string) => api.post<{ resolved: boolean; incident: Incident }>(`/incidents/${enc(id)}/retry`),
  instances: (key: string, version?: number) => api.get<WaitingInstance[]>(`/processes/${enc(key)}/instances`, { version, status: 'running' }),
  cancelInstance: (id: string, reason: string) => api.post<unknown>(`/instances/${enc(id)}/cancel`, { reason }),
  migrate: (key: string, body: { sourceVersion: number; targetVersion: number; mapping?: Record<string, string>; instanceIds?: string[]; dryRun: boolean }) =>
    api.post<MigrationPlan>(`/processes/${enc(key)}/migrations`, body),
  startForm: (key: string) => api.get<{ form: FormField[] }>(`/processes/${enc(key)}/start-form`),
  start: (key: string, data: Record<string, unknown>) => api.post<{ instanceId: string; businessKey: string | null; next: unknown[] }>(`/processes/${enc(key)}/instances`, { data }),
};
