import fs from 'node:fs';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import type { FormField } from '../../src/engine/forms/form-field';
import { launchBrowser, loginAs, newContext, screenshot } from './support/browser';
import { sampleValue } from './support/sample-values';
import { startServer, TestServer } from './support/server';
import { demoUserFor } from './support/tasks';

/**
 * owner1 inserts a step into the complaint lifecycle with the modeler (palette, properties panel, role picker),
 * sees the live lint clean, deploys with a change note; complaints registered afterwards pass the new step, one
 * registered before does not. Broken and mis-keyed uploads show the server's message in the page.
 * Elements are found by name, not by position or id: the shipped diagram keeps evolving.
 */
const KEY = 'complaint-lifecycle';
const BEFORE_NAME = '告知客户处理结果并征询满意度';
const AFTER_NAME = '结案审核';
const NEW_STEP = '质量复核';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function call<T>(username: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${server.credentials(username).token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function registerComplaint(customer: string): Promise<string> {
  const complaint = await call<{ number: string }>('desk1', 'POST', '/complaints', {
    complainant: { name: customer, phone: '13800138000' },
    channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal', category: 'technicalService', severity: 'general',
    content: '宽带频繁掉线，影响办公。',
  });
  return complaint.number;
}

/** Answers that take a general complaint straight to closure (dispatched, solved, customer satisfied, records complete). */
const HAPPY_PATH: Record<string, unknown> = {
  settledByReceiver: false, solved: true, measuresInPlace: true, satisfaction: 'satisfied', recordsComplete: true, responsibleDept: 'YW',
};

/**
 * Completes the complaint's open tasks through the API until none is left, or until it waits at the step named
 * `until`; returns the step names passed.
 */
async function drive(number: string, until?: string): Promise<string[]> {
  const steps: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const complaint = await call<{ currentSteps: { taskId: string; candidateGroups: string[]; assignee: string | null }[] }>('desk1', 'GET', `/complaints/${encodeURIComponent(number)}`);
    const step = complaint.currentSteps[0];
    if (!step) return steps;
    const user = step.assignee ?? demoUserFor(step.candidateGroups);
    const task = await call<{ name: string | null; elementId: string; form: FormField[] }>(user, 'GET', `/tasks/${step.taskId}`);
    if (until !== undefined && task.name === until) return steps;
    const data = Object.fromEntries(task.form.map((field) => [field.id, field.id in HAPPY_PATH ? HAPPY_PATH[field.id] : sampleValue(field)]));
    await call(user, 'POST', `/tasks/${step.taskId}/complete`, { data });
    steps.push(task.name ?? task.elementId);
  }
  throw new Error(`complaint ${number} still open after 40 steps: ${steps.join(' → ')}`);
}

const driveToEnd = (number: string) => drive(number);

/** The flow into 结案审核 on the way from 告知客户…: where the new step goes (read from the XML by name). */
function insertionFlow(xml: string): string {
  const idOf = (name: string) => new RegExp(`<bpmn:\\w+ id="([^"]+)" name="${name}"`).exec(xml)?.[1];
  const from = idOf(BEFORE_NAME);
  const flows = [...xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)"[^>]*?sourceRef="([^"]+)" targetRef="([^"]+)"/g)].map((m) => ({ id: m[1], source: m[2], target: m[3] }));
  // A step whose ways in merge in a gateway just before it is entered there: the step goes on the way into the merge.
  const step = idOf(AFTER_NAME);
  const into = flows.filter((flow) => flow.target === step);
  const merge = into.length === 1 && new RegExp(`<bpmn:exclusiveGateway id="${into[0].source}"`).test(xml)
    && flows.filter((flow) => flow.target === into[0].source).length > 1 ? into[0].source : undefined;
  const to = merge ?? step;
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const flow of flows.filter((candidate) => candidate.source === node)) {
      if (flow.target === to) return flow.id;
      if (!seen.has(flow.target)) {
        seen.add(flow.target);
        queue.push(flow.target);
      }
    }
  }
  throw new Error(`no path from ${BEFORE_NAME} to ${AFTER_NAME}`);
}

/** The screen point in the middle of the longest segment of a drawn connection. */
async function connectionMidpoint(page: Page, flowId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const hit = document.querySelector(`.djs-connection[data-element-id="${id}"] .djs-hit`) as SVGGraphicsElement;
    const numbers = (hit.getAttribute('points') ?? hit.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number);
    const points = numbers.flatMap((value, index) => (index % 2 === 0 ? [{ x: value, y: numbers[index + 1] }] : []));
    let best = { length: -1, x: 0, y: 0 };
    for (let k = 0; k + 1 < points.length; k += 1) {
      const length = Math.hypot(points[k + 1].x - points[k].x, points[k + 1].y - points[k].y);
      if (length > best.length) best = { length, x: (points[k].x + points[k + 1].x) / 2, y: (points[k].y + points[k + 1].y) / 2 };
    }
    const matrix = hit.getScreenCTM()!;
    return { x: best.x * matrix.a + best.y * matrix.c + matrix.e, y: best.x * matrix.b + best.y * matrix.d + matrix.f };
  }, flowId);
}

async function locate(page: Page, name: string): Promise<void> {
  await page.locator('[data-test="locate"]').click();
  await page.keyboard.type(name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
}

async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.fill(value);
  await input.press('Tab');
}

test('owner1 inserts 质量复核 with the modeler and deploys it; only complaints registered afterwards pass it', async () => {
  const before = await registerComplaint('部署前客户');

  const context = await newContext(browser, server);
  const page = await context.newPage();
  await loginAs(page, server, 'owner1');
  await page.goto('/app/processes');
  await page.locator(`[data-process="${KEY}"] [data-test="open-modeler"]`).click();
  const lint = page.locator('[data-test="lint-status"]');
  await page.locator('.djs-palette').waitFor();
  await lint.filter({ hasNotText: '检查中' }).waitFor();
  const lintBefore = await lint.innerText();
  expect(lintBefore).not.toContain('错误');

  const active = await call<{ xml: string }>('owner1', 'GET', `/processes/${KEY}/versions/${(await call<{ key: string; activeVersion: number }[]>('owner1', 'GET', '/processes')).find((p) => p.key === KEY)!.activeVersion}`);
  const flowId = insertionFlow(active.xml);

  // palette: a task dropped onto the flow is inserted into it
  await locate(page, AFTER_NAME);
  const point = await connectionMidpoint(page, flowId);
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  await page.mouse.move(point.x - 30, point.y - 30, { steps: 4 });
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.mouse.click(point.x, point.y);
  await screenshot(page, 'owner-modeler-task-dropped');

  // context pad: make it a user task
  await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
  await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
  await page.locator('[data-test="element-settings"] .type', { hasText: '人工任务' }).waitFor();

  // properties panel: name, form field with a required constraint; role picker: the division leader
  const general = page.locator('[data-group-id="group-general"]');
  if (!(await page.locator('#bio-properties-panel-name').isVisible())) await general.locator('.bio-properties-panel-group-header').click();
  await fill(page, '#bio-properties-panel-name', NEW_STEP);
  const taskId = await page.locator('#bio-properties-panel-id').inputValue();

  await page.locator('[data-test="candidate-groups"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'division-leader' }).first().click();
  await page.keyboard.press('Escape');

  const formType = page.locator('#bio-properties-panel-formType');
  if (!(await formType.isVisible())) await page.locator('[data-group-id="group-CamundaPlatform__Form"] .bio-properties-panel-group-header').click();
  await formType.selectOption('formData');
  const formData = page.locator('[data-group-id="group-CamundaPlatform__FormData"]');
  await formData.locator('.bio-properties-panel-group-header .bio-properties-panel-add-entry').click();
  const field = `${taskId}-formField-0`;
  await fill(page, `#bio-properties-panel-${field}-formFieldID`, 'qualityConfirmed');
  await fill(page, `#bio-properties-panel-${field}-formFieldLabel`, '质量复核通过');
  await page.locator(`#bio-properties-panel-${field}-formFieldType`).selectOption('boolean');
  const constraints = page.locator(`[data-entry-id="${field}-formFieldConstraints"]`);
  await constraints.locator('.bio-properties-panel-add-entry').first().click();
  await fill(page, `#bio-properties-panel-${field}-formFieldConstraints-constraint-0-name`, 'required');
  await screenshot(page, 'owner-modeler-step-configured');

  await expect(lint.innerText()).resolves.toBe(lintBefore);

  // deploy: the diff names the new step, the deploy needs a change note
  await page.locator('[data-test="deploy"]').click();
  const diff = page.locator('[data-test="diff"]');
  await diff.waitFor();
  expect(await diff.innerText()).toContain(`新增 人工任务「${NEW_STEP}」`);
  await page.locator('[data-test="change-note"]').fill('结案审核前增加质量复核（分管领导）');
  await screenshot(page, 'owner-modeler-deploy-dialog');
  await page.locator('[data-test="confirm-deploy"]').click();
  const notice = page.locator('[data-test="notice"]');
  await notice.waitFor();
  expect(await notice.innerText()).toMatch(/已部署为版本 \d+/);
  // The complaint registered before keeps version 1; the notice says so and leads to where it could be moved.
  expect(await notice.locator('[data-test="still-running"]').innerText()).toContain('旧版本仍有 1 个运行中的实例');
  await screenshot(page, 'owner-modeler-deployed');

  const after = await registerComplaint('部署后客户');
  const stepsBefore = await driveToEnd(before);
  const stepsAfter = await driveToEnd(after);
  expect(stepsAfter).toContain(NEW_STEP);
  expect(stepsBefore).not.toContain(NEW_STEP);
  expect(stepsBefore).toContain(AFTER_NAME);

  // uploads the gate refuses: the message is in the page
  const upload = page.locator('[data-test="upload-input"]');
  await upload.setInputFiles({ name: 'broken.bpmn', mimeType: 'application/xml', buffer: Buffer.from('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="x">') });
  await notice.filter({ hasText: 'broken.bpmn' }).waitFor();
  expect(await notice.innerText()).toContain('未能部署');
  await screenshot(page, 'owner-modeler-broken-upload');

  const penalty = fs.readFileSync(path.join(__dirname, '../../processes/penalty.bpmn'));
  await upload.setInputFiles({ name: 'penalty.bpmn', mimeType: 'application/xml', buffer: penalty });
  await notice.filter({ hasText: 'penalty.bpmn' }).waitFor();
  const misKeyed = await notice.innerText();
  expect(misKeyed).toContain('未能部署');
  expect(misKeyed).toMatch(/complaint-lifecycle|penalty/);
  await screenshot(page, 'owner-modeler-miskeyed-upload');
  await context.close();
});

test('owner1 moves a complaint waiting at 质量复核 back onto version 1 from the instances page, mapping the steps version 1 lacks', async () => {
  const number = await registerComplaint('迁移客户');
  await drive(number, NEW_STEP);
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await loginAs(page, server, 'owner1');
  await page.goto(`/app/processes/${KEY}/instances?version=2`);
  const row = page.locator('[data-test="instances"] .el-table__row', { hasText: number });
  expect(await row.innerText()).toContain(NEW_STEP);
  const dialog = page.locator('[data-test="migration-dialog"]');
  // The whole version is one button away; the dialog says how many that is.
  await page.locator('[data-test="open-migration-all"]').click();
  await dialog.filter({ hasText: '该版本全部运行中的实例，共 1 个' }).waitFor();
  await dialog.locator('.el-dialog__headerbtn').click();
  await dialog.waitFor({ state: 'hidden' });
  await row.locator('.el-checkbox').click();
  await page.locator('[data-test="open-migration"]').click();
  await dialog.filter({ hasText: '所选 1 个实例' }).waitFor();
  await dialog.locator('[data-test="migration-target"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '版本 1' }).click();

  // The dry run says, in Chinese and by name, what version 1 lacks; each such element gets a row to map it in.
  await dialog.locator('[data-test="migration-dry-run"]').click();
  const blocked = dialog.locator('[data-test="plan-blocked"]');
  await blocked.waitFor();
  expect(await blocked.innerText()).toContain(`${number}：`);
  expect(await blocked.innerText()).toContain(`停留的人工任务「${NEW_STEP}」`);
  expect(await dialog.locator('[data-test="migration-run"]').isDisabled()).toBe(true);
  const rows = dialog.locator('[data-test="mapping-row"]');
  expect(await rows.count()).toBeGreaterThan(0);
  await screenshot(page, 'owner-migration-blocked');
  for (let i = 0; i < await rows.count(); i += 1) {
    const mappingRow = rows.nth(i);
    const isTask = (await mappingRow.innerText()).includes(NEW_STEP);
    await mappingRow.locator('[data-test="mapping-target"]').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await (isTask ? options.filter({ hasText: AFTER_NAME }) : options).first().click();
  }

  await dialog.locator('[data-test="migration-dry-run"]').click();
  const movable = dialog.locator('[data-test="plan-movable"]');
  await movable.waitFor();
  expect(await movable.innerText()).toMatch(new RegExp(`^${number}：.*「${NEW_STEP}」→「${AFTER_NAME}」`));
  await screenshot(page, 'owner-migration-planned');
  await dialog.locator('[data-test="migration-run"]').click();
  await dialog.locator('[data-test="migration-plan"]', { hasText: '已迁移 1 个' }).waitFor();
  await page.locator('[data-test="instances"] .el-table__row', { hasText: number }).waitFor({ state: 'detached' });
  await screenshot(page, 'owner-migration-done');
  await context.close();

  // The service desk sees the move in the complaint's history.
  const desk = await newContext(browser, server);
  const deskPage = await desk.newPage();
  await loginAs(deskPage, server, 'desk1');
  await deskPage.goto(`/app/complaints/${number}`);
  await deskPage.locator('[data-test="migrated-to"]').waitFor();
  expect(await deskPage.locator('[data-test="history"]').innerText()).toMatch(/迁移到其他流程版本\s*· 郑磊\s*版本 2 → 版本 1/);
  await desk.close();

  // On version 1 it waits at 结案审核 and closes without passing 质量复核 again.
  const rest = await driveToEnd(number);
  expect(rest[0]).toBe(AFTER_NAME);
  expect(rest).not.toContain(NEW_STEP);
});

test('owner1 rolls the lifecycle back to version 1 and suspends and resumes it from the process list', async () => {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await loginAs(page, server, 'owner1');
  await page.goto('/app/processes');
  const card = page.locator(`[data-process="${KEY}"]`);
  await card.locator('[data-test="versions"]').waitFor();
  expect(await card.innerText()).toMatch(/当前生效：版本 2/);
  // Who deployed each version, by name: the server itself at start, then the process owner.
  const versionRows = card.locator('[data-test="versions"] .el-table__body .el-table__row');
  expect(await versionRows.nth(0).innerText()).toContain('系统（启动时）');
  expect(await versionRows.nth(1).innerText()).toContain('郑磊');

  await card.locator('[data-test="activate"]').first().click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await card.filter({ hasText: '当前生效：版本 1' }).waitFor();
  const processes = await call<{ key: string; activeVersion: number }[]>('owner1', 'GET', '/processes');
  expect(processes.find((process) => process.key === KEY)?.activeVersion).toBe(1);

  await card.locator('[data-test="suspend"]').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await card.locator('[data-test="suspended"]').waitFor();
  await screenshot(page, 'owner-processes-suspended');
  await card.locator('[data-test="resume"]').click();
  await card.locator('[data-test="suspend"]').waitFor();
  expect(await card.locator('[data-test="suspended"]').count()).toBe(0);
  await context.close();
});
