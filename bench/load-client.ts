/**
 * The load client: drives whole complaint lifecycles over HTTP the way staff do. It registers a complaint,
 * then repeatedly finds the complaint's open task through GET /tasks (asking the users of the groups the last
 * completion named first, then everyone), reads the task's form from GET /tasks/:id, fills it with valid values
 * (bench/forms.ts) and completes it, until the instance ends. Nothing here knows the diagram's steps.
 */
import http from 'node:http';
import { fillForm, FormField } from './forms';
import { Latencies } from './stats';

export interface BenchUser {
  username: string;
  token: string;
  groups: string[];
}

interface TaskSummary { id: string; complaintNumber: string | null; candidateGroups: string[]; assignee: string | null }
interface TaskDetail extends TaskSummary { elementId: string; revision: number; form: FormField[]; data: Record<string, unknown> }
interface Completion { instanceEnded: boolean; next: { candidateGroups: string[] }[] }

/** What one lifecycle saw: the values sent per task element, and the instance data at its last task. */
export interface LifecycleTrace {
  number: string;
  steps: { elementId: string; data: Record<string, unknown> }[];
  lastInstanceData: Record<string, unknown>;
}

const MAX_STEPS = 100;
/**
 * Clients start spread over this long instead of all registering in the same millisecond: staff do not, and a burst
 * of 32 registrations at once would make the first seconds' queue the registrations' p99.
 */
export const RAMP_UP_MS = 1000;
const NOT_FOUND_RETRIES = 50;

export class LoadClient {
  private next = 0;

  constructor(readonly baseUrls: string[], readonly users: BenchUser[], readonly latencies: Latencies) {}

  /** Reads the demo users' groups through GET /me. */
  static async withUsers(baseUrls: string[], tokens: Record<string, string>, latencies: Latencies): Promise<LoadClient> {
    const probe = new LoadClient(baseUrls, [], latencies);
    const users: BenchUser[] = [];
    for (const [username, token] of Object.entries(tokens)) {
      const me = await probe.call<{ groups: string[] }>('GET', '/me', { username, token, groups: [] }, undefined, 'GET /me');
      users.push({ username, token, groups: me.groups });
    }
    return new LoadClient(baseUrls, users, latencies);
  }

  async lifecycle(sequence: number): Promise<LifecycleTrace> {
    const registrar = this.users.find((u) => u.groups.includes('service-desk'));
    if (!registrar) throw new Error('no service-desk user to register complaints');
    const phone = `139${String(sequence % 1e8).padStart(8, '0')}`; // a new customer each time: no repeat complaint
    const complaint = await this.call<{ number: string }>('POST', '/complaints', registrar, {
      complainant: { name: '性能测试客户', phone }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
      category: 'technicalService', severity: 'general', content: '宽带频繁掉线，影响工作。',
    }, 'POST /complaints', { 'Idempotency-Key': `bench-${process.pid}-${sequence}-${Date.now()}` });

    const trace: LifecycleTrace = { number: complaint.number, steps: [], lastInstanceData: {} };
    let hint: string[] = [];
    for (let step = 0; step < MAX_STEPS; step++) {
      const found = await this.findTask(complaint.number, hint);
      const detail = await this.call<TaskDetail>('GET', `/tasks/${found.task.id}`, found.user, undefined, 'GET /tasks/:id');
      const data = fillForm(detail.form);
      const done = await this.call<Completion>('POST', `/tasks/${detail.id}/complete`, found.user, { data, revision: detail.revision }, 'POST /tasks/:id/complete');
      trace.steps.push({ elementId: detail.elementId, data });
      trace.lastInstanceData = detail.data;
      if (done.instanceEnded) return trace;
      hint = done.next.flatMap((t) => t.candidateGroups);
    }
    throw new Error(`complaint ${complaint.number} did not end within ${MAX_STEPS} tasks`);
  }

  /** The complaint's open task and a user who may complete it, found through GET /tasks. */
  private async findTask(number: string, hintGroups: string[]): Promise<{ task: TaskSummary; user: BenchUser }> {
    const ordered = [...this.users].sort((a, b) => Number(inAny(b, hintGroups)) - Number(inAny(a, hintGroups)));
    for (let attempt = 0; attempt < NOT_FOUND_RETRIES; attempt++) {
      for (const user of ordered) {
        let cursor: string | null = null;
        do {
          const query: string = `/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = await this.call<{ items: TaskSummary[]; nextCursor: string | null }>('GET', query, user, undefined, 'GET /tasks');
          const task = page.items.find((t) => t.complaintNumber === number && (t.assignee === user.username || (!t.assignee && inAny(user, t.candidateGroups))));
          if (task) return { task, user };
          cursor = page.nextCursor;
        } while (cursor);
      }
      // The next task may only appear once a service step committed in another transaction; ask again shortly.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no open task found for complaint ${number}`);
  }

  async call<T>(method: string, path: string, user: BenchUser, body: unknown, route: string, headers: Record<string, string> = {}): Promise<T> {
    const base = this.baseUrls[this.next++ % this.baseUrls.length];
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const response = await request(method, `${base}${path}`, {
      Authorization: `Bearer ${user.token}`,
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) }),
      ...headers,
    }, payload);
    this.latencies.add(route, performance.now() - started);
    if (response.status < 200 || response.status > 299) throw new Error(`${method} ${path} as ${user.username}: ${response.status} ${response.text.slice(0, 500)}`);
    return JSON.parse(response.text) as T;
  }
}

/**
 * The load client runs on the server's machine, so what it spends is taken from the server: node:http on kept-alive
 * connections costs it about half of what fetch (undici) does per lifecycle.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(method: string, url: string, headers: Record<string, string>, payload?: string, retried = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server closed an idle kept-alive connection just as this request went out on it, so the request never
      // reached it: send it once more on another connection (what Node's documentation advises).
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(request(method, url, headers, payload, true));
      else reject(error);
    });
    req.end(payload);
  });
}

function inAny(user: BenchUser, groups: string[]): boolean {
  return groups.some((group) => user.groups.includes(group));
}

/** `lifecycles` whole lifecycles, `clients` at a time; `nextSequence` numbers them (a new customer each). */
export async function driveLifecycles(client: LoadClient, lifecycles: number, clients: number, nextSequence: () => number): Promise<void> {
  let started = 0;
  await Promise.all(Array.from({ length: clients }, async (_, index) => {
    await rampUp(index, clients);
    while (started < lifecycles) {
      started++;
      await client.lifecycle(nextSequence());
    }
  }));
}

/** Waits for client `index`'s turn to start (clients start evenly spread over RAMP_UP_MS). */
export function rampUp(index: number, clients: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, (index * RAMP_UP_MS) / clients));
}
