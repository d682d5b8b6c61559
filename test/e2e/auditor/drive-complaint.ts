import type { FormField } from '../../../src/engine/forms/form-field';
import { fillForm } from './fill-form';

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
interface TaskDetail extends TaskSummary { revision: number; form: FormField[] }

export interface CompletedStep { user: string; taskId: string; elementId: string; name: string | null }

export class ApiDriver {
  /** `tokens`: an API token per demo user (the server writes them to DATA_DIR/demo-credentials.json). */
  constructor(private readonly baseUrl: string, private readonly tokens: Record<string, string>) {}

  async request<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
    const token = this.tokens[user];
    if (!token) throw new Error(`no API token for ${user}`);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
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
      if (!this.tokens[user]) continue;
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
