import { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../../src/app/identity/demo-seed';
import type { FormField } from '../../../src/engine/forms/form-field';
import { apiFromPage, launchBrowser, openInConsole, screenshot, signedInPage } from './browser';
import { sampleValue } from './sample-values';
import { startServer, TestServer } from './server';

interface TaskDetail { id: string; form: FormField[]; candidateGroups: string[]; assignee: string | null; status: string }
interface ComplaintStep { taskId: string; elementId: string; candidateGroups: string[]; assignee: string | null }
interface ComplaintView { number: string; status: string; currentSteps: ComplaintStep[] }

/** Demo users of the groups, in the groups' order. */
export function demoUsersFor(groups: readonly string[]): string[] {
  const users = groups.flatMap((group) => DEMO_USERS.filter((u) => (u.groups as string[]).includes(group)).map((u) => u.username));
  return [...new Set(users)];
}

/** The first demo user of the groups. */
export function demoUserFor(groups: readonly string[]): string {
  const [user] = demoUsersFor(groups);
  if (!user) throw new Error(`No demo user in any of ${groups.join(', ')}`);
  return user;
}

/**
 * A demo user who may work on the task: its assignee, else the first candidate the server lets open it (a group
 * may be limited to the complaint's department, e.g. the head of another department gets a 403).
 */
async function workerFor(users: DemoUsers, step: { taskId: string; candidateGroups: string[]; assignee: string | null }): Promise<string> {
  if (step.assignee) return step.assignee;
  for (const username of demoUsersFor(step.candidateGroups)) {
    const page = await users.as(username);
    if ((await apiFromPage(page, 'GET', `/tasks/${step.taskId}`)).status === 200) return username;
  }
  throw new Error(`No demo user of ${step.candidateGroups.join(', ')} may open task ${step.taskId}`);
}

/** Registers a general complaint by telephone through the API, as the signed-in service desk; returns its number. */
export async function registerGeneralComplaint(page: Page, complaint: { customer: string; phone: string; category: string; content: string }): Promise<string> {
  const registered = await apiFromPage<{ number: string }>(page, 'POST', '/complaints', {
    complainant: { name: complaint.customer, phone: complaint.phone }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
    category: complaint.category, severity: 'general', content: complaint.content,
  });
  if (registered.status !== 201) throw new Error(`Registering the complaint failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  return registered.body.number;
}

/** Matches an element whose whole text is `text` (满意 must not match 不满意). */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Fills one field of the rendered task form the way a clerk would (typing, clicking 是, choosing an option). */
export async function fillField(page: Page, field: FormField, value: unknown): Promise<void> {
  const item = page.locator(`[data-field="${field.id}"]`);
  switch (field.type) {
    case 'string':
      await item.locator('input, textarea').first().fill(String(value));
      return;
    case 'long':
      await item.locator('input').first().fill(String(value));
      await item.locator('input').first().blur();
      return;
    case 'boolean':
      await item.locator('.el-radio', { hasText: exactly(value ? '是' : '否') }).click();
      return;
    case 'date': {
      const input = item.locator('input').first();
      await input.fill(String(value));
      await input.press('Enter');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      return;
    }
    case 'enum': {
      const name = field.values.find((v) => v.id === value)?.name ?? String(value);
      // The whole label: 满意 must not also pick 不满意.
      const label = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
      if (await item.locator('.el-radio').count()) {
        await item.locator('.el-radio', { hasText: exactly(name) }).click();
      } else {
        await item.locator('.el-select').click();
        await page.locator('.el-select-dropdown__item:visible', { hasText: exactly(name) }).first().click();
      }
    }
  }
}

/** Fills every field of a task's form with valid values chosen from its schema. */
export async function fillFormWithValidValues(page: Page, form: FormField[]): Promise<void> {
  for (const field of form) await fillField(page, field, sampleValue(field));
}

/**
 * Opens a task in the console, claims it when needed, fills the form and completes it: with `values`, just those
 * fields as given; otherwise every field with a valid value from its schema.
 */
export async function completeTaskInUi(page: Page, taskId: string, values?: Record<string, unknown>): Promise<string> {
  try {
    return await completeTask(page, taskId, values);
  } catch (error) {
    const file = await screenshot(page, `failed-task-${taskId}`).catch(() => 'no screenshot');
    throw new Error(`Completing task ${taskId} in the console failed (${file}): ${(error as Error).message}`);
  }
}

async function completeTask(page: Page, taskId: string, values?: Record<string, unknown>): Promise<string> {
  await openInConsole(page, `/app/tasks/${taskId}`);
  await page.locator(`[data-test="task-page"][data-task-id="${taskId}"] [data-test="task-form"]`).waitFor();
  const claim = page.locator('[data-test="claim"]');
  if (await claim.isVisible()) {
    await claim.click();
    await page.locator('[data-test="release"]').waitFor();
  }
  const task = (await apiFromPage<TaskDetail>(page, 'GET', `/tasks/${taskId}`)).body;
  if (values) {
    for (const [id, value] of Object.entries(values)) await fillField(page, task.form.find((f) => f.id === id)!, value);
  } else {
    await fillFormWithValidValues(page, task.form);
  }
  await page.locator('[data-test="complete"]').click();
  const outcome = page.locator('[data-test="task-outcome"]');
  await outcome.waitFor({ timeout: 20_000 });
  return outcome.innerText();
}

/** Signed-in pages of the demo users, by username. */
export interface DemoUsers {
  as(username: string): Promise<Page>;
}

/**
 * For a test file working as the demo users: starts the server and Chromium before its tests and stops them after;
 * the pages it gives are signed in once per user and reused.
 */
export function demoUsersOfFreshServer(): DemoUsers & { /** Its data directory holds the SQLite file. */ server(): TestServer } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let users: UserPages | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    users = new UserPages(browser, server);
  });
  afterAll(async () => {
    await users?.closeAll();
    await browser?.close();
    await server?.stop();
  });
  return {
    as: (username) => {
      if (!users) throw new Error('the server and browser start before the tests (beforeAll)');
      return users.as(username);
    },
    server: () => {
      if (!server) throw new Error('the server starts before the tests (beforeAll)');
      return server;
    },
  };
}

/** Signed-in pages per demo user, opened once and reused. */
export class UserPages implements DemoUsers {
  private readonly pages = new Map<string, { context: BrowserContext; page: Page }>();
  constructor(private readonly browser: Browser, private readonly server: TestServer) {}

  async as(username: string): Promise<Page> {
    let entry = this.pages.get(username);
    if (!entry) {
      entry = await signedInPage(this.browser, this.server, username);
      this.pages.set(username, entry);
    }
    return entry.page;
  }

  async closeAll(): Promise<void> {
    for (const { context } of this.pages.values()) await context.close();
    this.pages.clear();
  }
}

/**
 * Drives a complaint through the console without knowing the diagram: while the complaint has an open task, a
 * demo user of its candidate groups opens it, fills its form from the field schema and completes it. With `until`,
 * stops before the first open step it accepts (and fails if the complaint ends without one). Returns the steps
 * taken (for the failure message), the complaint as it is then, and the step it stopped at.
 */
export async function driveComplaint(users: DemoUsers, number: string, options: { until?: (step: ComplaintStep) => boolean; maxSteps?: number } = {}):
Promise<{ steps: string[]; complaint: ComplaintView; stoppedAt: { step: ComplaintStep; username: string } | null }> {
  const steps: string[] = [];
  const reader = await users.as('desk1');
  for (let i = 0; i < (options.maxSteps ?? 40); i += 1) {
    const complaint = (await apiFromPage<ComplaintView>(reader, 'GET', `/complaints/${encodeURIComponent(number)}`)).body;
    const step = complaint.currentSteps[0];
    if (!step) {
      if (options.until) throw new Error(`The complaint ${number} ended before the step looked for:\n${steps.join('\n')}`);
      return { steps, complaint, stoppedAt: null };
    }
    const username = await workerFor(users, step);
    if (options.until?.(step)) return { steps, complaint, stoppedAt: { step, username } };
    const page = await users.as(username);
    let outcome: string;
    try {
      outcome = await completeTaskInUi(page, step.taskId);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nas ${username} after:\n${steps.join('\n')}`);
    }
    steps.push(`${username}: ${outcome.split('\n').filter(Boolean).join(' / ')}`);
  }
  throw new Error(`The complaint ${number} still had open tasks after ${options.maxSteps ?? 40} steps:\n${steps.join('\n')}`);
}
