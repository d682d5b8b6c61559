import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { ApiDriver, CompletedStep, STAFF_USERS } from './auditor/drive-complaint';
import { diagramStructure, DiagramStructure } from './auditor/diagram-structure';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { startServer, TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let number: string;
let steps: CompletedStep[];
let structure: DiagramStructure;
let lifecycleInstanceId: string;
/** Where the downloads of these tests are saved; removed afterwards. */
let downloads: string;

beforeAll(async () => {
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-downloads-'));
  server = await startServer();
  browser = await launchBrowser();
  const tokens = Object.fromEntries([...STAFF_USERS, 'auditor1'].map((user) => [user, server.credentials(user).token]));
  const driver = new ApiDriver(server.baseUrl, tokens);
  number = await driver.registerComplaint();
  steps = await driver.driveToEnd(number);
  const complaint = await driver.request<{ status: string; instanceId: string }>('auditor1', 'GET', `/complaints/${encodeURIComponent(number)}`);
  expect(complaint.status).toBe('closed');
  lifecycleInstanceId = complaint.instanceId;
  const diagram = await driver.request<{ xml: string }>('auditor1', 'GET', `/instances/${complaint.instanceId}/diagram`);
  structure = diagramStructure(diagram.xml);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** The browser's window, as far as this test uses it (the test itself compiles without DOM types). */
interface BrowserWindow { getComputedStyle(element: unknown): { stroke: string } }

function classesOf(page: Page, elementId: string): Promise<string> {
  return page.locator(`[data-test="instance-diagram"] g.djs-element[data-element-id="${elementId}"]`).getAttribute('class').then((c) => c ?? '');
}

test('auditor1 traces a closed complaint: taken path highlighted, cancelled timers not, element entries, dossier PDF', async () => {
  const { context, page } = await signedInPage(browser, server, 'auditor1');

  // Find the complaint and open its dossier.
  await page.goto('/app/audit/complaints');
  await page.locator('[data-test="open-by-number"] input').fill(number);
  await page.getByRole('button', { name: '打开档案' }).click();
  await page.locator('[data-test="dossier-number"]').waitFor();
  expect(await page.locator('[data-test="dossier-number"]').innerText()).toBe(number);
  expect(await page.locator('[data-test="printed-forms"]').innerText()).toContain('R/G095-1');
  await screenshot(page, 'auditor-dossier');

  // The lifecycle instance: the path it took.
  await page.locator('[data-test="open-instance-complaint-lifecycle"]').click();
  await page.locator('[data-test="instance-diagram"] g.djs-element.cf-ran').first().waitFor();
  for (const step of steps) expect(await classesOf(page, step.elementId)).toContain('cf-ran');

  const completedTasks = new Set(steps.map((step) => step.elementId));
  const cancelledTimers = structure.boundaryEvents.filter((event) => completedTasks.has(event.attachedTo));
  expect(cancelledTimers.length).toBeGreaterThan(0);
  for (const timer of cancelledTimers) {
    expect(await classesOf(page, timer.id)).not.toContain('cf-ran');
    for (const flow of structure.flows.filter((f) => f.source === timer.id)) expect(await classesOf(page, flow.id)).not.toContain('cf-taken');
  }

  // At every decision the complaint passed, one branch is highlighted and the others are not.
  let decisions = 0;
  for (const gateway of structure.exclusiveGateways) {
    const outgoing = structure.flows.filter((f) => f.source === gateway);
    if (outgoing.length < 2 || !(await classesOf(page, gateway)).includes('cf-ran')) continue;
    const taken = [];
    for (const flow of outgoing) if ((await classesOf(page, flow.id)).includes('cf-taken')) taken.push(flow.id);
    expect(taken).toHaveLength(1);
    decisions += 1;
  }
  expect(decisions).toBeGreaterThan(0);
  const takenStroke = await page.locator('[data-test="instance-diagram"] g.djs-connection.cf-taken .djs-visual > path').first()
    .evaluate((path) => (globalThis as unknown as BrowserWindow).getComputedStyle(path).stroke);
  expect(takenStroke).toBe('rgb(21, 128, 61)');

  // Click the task that had the cancelled timer: its audit entries are listed.
  const task = steps.find((step) => step.elementId === cancelledTimers[0].attachedTo)!;
  await page.getByRole('button', { name: '适应' }).click();
  await page.locator(`[data-test="instance-diagram"] g.djs-element[data-element-id="${task.elementId}"]`).click();
  const entries = page.locator('[data-test="element-entries"]');
  await entries.locator('[data-test="history-timeline"]').waitFor();
  const entriesText = await entries.innerText();
  expect(entriesText).toContain(task.name ?? task.elementId);
  expect(entriesText).toContain('完成');
  expect(entriesText).toMatch(new RegExp(`操作人：\\S+（${task.user}）`));
  await entries.locator('.el-tag', { hasText: '完成' }).waitFor({ state: 'visible' });
  await screenshot(page, 'auditor-instance');

  // What the steps sent: mails, with how their delivery went (this server has no mail server to reach), and the
  // messages in the staff's consoles, read or not.
  const sent = (await (await page.request.get(`/instances/${lifecycleInstanceId}/notifications`)).json()) as Array<{ channel: string; recipient: string; subject: string }>;
  expect(new Set(sent.map((m) => m.channel))).toEqual(new Set(['email', 'console']));
  await page.getByRole('tab', { name: `通知（${sent.length}）` }).click();
  const messages = page.locator('[data-test="instance-notifications"] li');
  await messages.first().waitFor();
  expect(await messages.count()).toBe(sent.length);
  const mail = sent.findIndex((m) => m.channel === 'email');
  expect(await messages.nth(mail).innerText()).toMatch(new RegExp(`^(待发送|发送中|已发送|发送失败)\\s+邮件\\s+${sent[mail].recipient.replace(/[.]/g, '\\.')}\\s+`));
  const shown = sent.findIndex((m) => m.channel === 'console');
  expect(await messages.nth(shown).innerText()).toMatch(new RegExp(`^(未读|已读)\\s+站内消息\\s+\\S+（${sent[shown].recipient}）\\s+`));
  expect(await messages.nth(shown).innerText()).toContain(sent[shown].subject);
  await screenshot(page, 'auditor-instance-notifications');

  // Back to the dossier, download its PDF and read it.
  await page.getByRole('link', { name: `投诉 ${number}` }).click();
  await page.locator('[data-test="download-dossier"]').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="download-dossier"]').click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain(number);
  expect(text).toContain('王建华');
  await context.close();
});

test('auditor1 downloads the 台账 and runs the global tamper check: every chain intact, with the daily anchor', async () => {
  const { context, page } = await signedInPage(browser, server, 'auditor1');
  await page.goto('/app/audit/complaints');

  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Beijing date
  const ledger = page.locator('[data-test="ledger"]');
  await ledger.locator('input[placeholder="开始日期"]').fill(today);
  await ledger.locator('input[placeholder="结束日期"]').fill(today);
  await ledger.locator('input[placeholder="结束日期"]').press('Enter');
  const [workbook] = await Promise.all([page.waitForEvent('download'), ledger.locator('[data-test="download-ledger"]').click()]);
  expect(workbook.suggestedFilename()).toContain('台账');
  const ledgerFile = path.join(downloads, workbook.suggestedFilename());
  await workbook.saveAs(ledgerFile);
  expect(fs.readFileSync(ledgerFile).subarray(0, 2).toString()).toBe('PK');

  await page.getByRole('button', { name: '开始校验' }).click();
  const verdict = page.locator('[data-test="global-verdict"]');
  await verdict.waitFor();
  const text = await verdict.innerText();
  expect(text).toContain('全部审计链完整，未发现篡改');
  expect(text).toMatch(/共 \d+ 条链、\d+ 条记录/);
  await screenshot(page, 'auditor-global-verify');
  await context.close();
});

test('auditor1 opens the reports: charts are drawn, the monthly 表四 downloads as a workbook and as the printed PDF', async () => {
  const { context, page } = await signedInPage(browser, server, 'auditor1');
  await page.goto('/app/audit/reports');
  // The complaint closed in beforeAll is this month's only one.
  await page.locator('[data-test="report-summary"]', { hasText: '投诉 1 件' }).waitFor();
  for (const chart of ['category', 'severity', 'sla', 'money']) await page.locator(`[data-test="chart-${chart}"] canvas`).waitFor();
  await screenshot(page, 'auditor-reports');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="download-monthly-xlsx"]').click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

  const [printed] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="download-monthly-pdf"]').click()]);
  const pdf = path.join(path.dirname(file), printed.suggestedFilename());
  await printed.saveAs(pdf);
  expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain('客户投诉信息统计表');
  await context.close();
});
