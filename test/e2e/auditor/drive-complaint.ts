import { fillForm, FormFieldSchema } from './fill-form';

/**
 * Drives complaints through the running server's HTTP API the way staff would: every open task of the complaint is
 * found with GET /tasks as one of its candidates and completed with data generated from its form. Nothing here
 * knows the diagram's steps, so the browser test keeps working when process owners change it.
 */

/** Answers that keep a complaint on the way to closure where a field decides a branch; other fields are generated. */
export const CLOSING_PATH: Record<string, unknown> = { settledByReceiver: false, responsibleDept: 'YW', satisfaction: 'satisfied' };

/** The demo users who work on complaints (the auditor and the process owner have no tasks). */
export const STAFF_USERS = ['desk1', 'ops1', 'quality1', 'head-yw', 'ga1', 'rep1', 'leader1', 'gm1'] as const;

interface TaskSummary { id: string; elementId: string; businessKey: string | null; name: string | null }
interface TaskDetail extends TaskSummary { revision: number; form: FormFieldSchema[] }

export interface CompletedStep { user: string; taskId: string; elementId: string; name: string | null }

/** How one user authenticates: a bearer token, or a console session (cookie + CSRF token). */
type Credentials = Record<string, string>;

/** API tokens the server printed at start (`  desk1      cf_…`), by username. */
export function tokensFromOutput(output: string): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const match of output.matchAll(/^\s+([\w-]+)\s+(cf_[\w-]+)\s*$/gm)) tokens[match[1]] = match[2];
  return tokens;
}

export class ApiDriver {
  private constructor(private readonly baseUrl: string, private readonly credentials: Map<string, Credentials>) {}

  /** Each user by API token when the server printed one, else signed in with the demo password. */
  static async connect(baseUrl: string, users: readonly string[], tokens: Record<string, string>, password: (user: string) => string): Promise<ApiDriver> {
    const credentials = new Map<string, Credentials>();
    for (const user of users) {
      if (tokens[user]) { credentials.set(user, { Authorization: `Bearer ${tokens[user]}` }); continue; }
      const response = await fetch(`${baseUrl}/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: password(user) }),
      });
      if (!response.ok) throw new Error(`sign-in of ${user} failed: ${response.status} ${await response.text()}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      credentials.set(user, { Cookie: cookie, 'X-CSRF-Token': csrfToken });
    }
    return new ApiDriver(baseUrl, credentials);
  }

  async request<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
    const auth = this.credentials.get(user);
    if (!auth) throw new Error(`no credentials for ${user}`);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async registerComplaint(user = 'desk1'): Promise<string> {
    const created = await this.request<{ number: string }>(user, 'POST', '/complaints', {
      complainant: { name: '王建华', phone: '13812345678', address: '和平区南京路 88 号' },
      channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal', category: 'technicalService', severity: 'general',
      content: '家中有线电视信号时断时续，报修两次仍未解决，要求尽快上门检修。', customerDemand: '三日内修复并说明原因',
    });
    return created.number;
  }

  /** The complaint's open tasks, each with the first staff user who sees it. */
  async openTasks(number: string): Promise<Array<{ user: string; task: TaskSummary }>> {
    const found = new Map<string, { user: string; task: TaskSummary }>();
    for (const user of STAFF_USERS) {
      if (!this.credentials.has(user)) continue;
      const page = await this.request<{ items: TaskSummary[] }>(user, 'GET', '/tasks?limit=100');
      for (const task of page.items) if (task.businessKey === number && !found.has(task.id)) found.set(task.id, { user, task });
    }
    return [...found.values()];
  }

  /** Completes open tasks until none is left (the lifecycle ended) or `maxSteps` were done. */
  async driveToEnd(number: string, prefer: Record<string, unknown> = CLOSING_PATH, maxSteps = 40): Promise<CompletedStep[]> {
    const steps: CompletedStep[] = [];
    for (let step = 0; step < maxSteps; step += 1) {
      const open = await this.openTasks(number);
      if (open.length === 0) return steps;
      const { user, task } = open[0];
      const detail = await this.request<TaskDetail>(user, 'GET', `/tasks/${task.id}`);
      await this.request(user, 'POST', `/tasks/${task.id}/complete`, { data: fillForm(detail.form, prefer), revision: detail.revision });
      steps.push({ user, taskId: task.id, elementId: task.elementId, name: task.name });
    }
    throw new Error(`complaint ${number} still has open tasks after ${maxSteps} steps: ${steps.map((s) => s.name).join(' → ')}`);
  }
}
