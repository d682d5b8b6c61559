import { fillForm, FormFieldSchema } from './fill-form';

/**
 * Drives complaints through the running server's HTTP API the way staff would: every open task of the complaint is
 * found with GET /tasks as one of its candidates and completed with data generated from its form. Nothing here
 * knows the diagram's steps, so the browser test keeps working when process owners change it.
 */

export type Tokens = Record<string, string>;

/** Answers that keep a complaint on the way to closure where a field decides a branch; other fields are generated. */
export const CLOSING_PATH: Record<string, unknown> = { settledByReceiver: false, responsibleDept: 'YW', satisfaction: 'satisfied' };

interface TaskSummary { id: string; businessKey: string | null; name: string | null; candidateGroups: string[] }
interface TaskDetail extends TaskSummary { revision: number; form: FormFieldSchema[] }

export class ApiDriver {
  constructor(private readonly baseUrl: string, private readonly tokens: Tokens) {}

  async request<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.tokens[user]}`, 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
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

  /** The complaint's open tasks, as seen by each user who can see them (first user per task wins). */
  async openTasks(number: string): Promise<Array<{ user: string; task: TaskSummary }>> {
    const found = new Map<string, { user: string; task: TaskSummary }>();
    for (const user of Object.keys(this.tokens)) {
      if (user === 'auditor1' || user === 'owner1') continue;
      const page = await this.request<{ items: TaskSummary[] }>(user, 'GET', '/tasks?limit=100');
      for (const task of page.items) if (task.businessKey === number && !found.has(task.id)) found.set(task.id, { user, task });
    }
    return [...found.values()];
  }

  /** Completes open tasks until none is left (the lifecycle ended) or `maxSteps` were done. Returns the steps taken. */
  async driveToEnd(number: string, prefer: Record<string, unknown> = CLOSING_PATH, maxSteps = 40): Promise<string[]> {
    const steps: string[] = [];
    for (let step = 0; step < maxSteps; step += 1) {
      const open = await this.openTasks(number);
      if (open.length === 0) return steps;
      const { user, task } = open[0];
      const detail = await this.request<TaskDetail>(user, 'GET', `/tasks/${task.id}`);
      await this.request(user, 'POST', `/tasks/${task.id}/complete`, { data: fillForm(detail.form, prefer), revision: detail.revision });
      steps.push(`${task.name ?? task.id} (${user})`);
    }
    throw new Error(`complaint ${number} still has open tasks after ${maxSteps} steps: ${steps.join(' → ')}`);
  }
}
