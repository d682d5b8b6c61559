import path from 'node:path';
import { Page } from 'playwright-core';
import { apiFromPage, chooseOption, screenshot } from './support/browser';
import { completeTaskInUi, demoUserFor, demoUsersOfFreshServer, driveComplaint, fillFormWithValidValues, registerGeneralComplaint } from './support/tasks';

const users = demoUsersOfFreshServer();
const DAY_MS = 24 * 3600_000;
/** A bare connection to the server's file; better-sqlite3 ships no types. */
const Database = require('better-sqlite3') as new (file: string, options: { timeout: number }) => {
  prepare(sql: string): { run(...values: unknown[]): unknown };
  close(): void;
};

/** How TypeORM stores a timestamp in SQLite: UTC, 'YYYY-MM-DD HH:MM:SS.sss'. */
function sqliteTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

interface ComplaintView { number: string; status: string; currentSteps: Array<{ taskId: string; elementId: string; candidateGroups: string[] }> }

async function registerMajorComplaint(desk: Page): Promise<string> {
  await desk.goto('/app/complaints/new');
  await desk.locator('[data-test="customer-name"] input').fill('王建华');
  await desk.locator('[data-test="customer-phone"] input').fill('13912345678');
  await chooseOption(desk, 'select-severity', '重大');
  await chooseOption(desk, 'select-category', '技术服务');
  await desk.locator('[data-test="content"] textarea').fill('小区宽带自昨日起全部中断，多次报修无人处理，影响居家办公。');
  await screenshot(desk, 'register-filled');
  // A double click must register once: the same Idempotency-Key is sent for both.
  await desk.locator('[data-test="register-submit"]').dblclick();
  const number = (await desk.locator('[data-test="registered-number"]').innerText()).trim();
  // What to tell the customer: a major complaint is answered within 30 minutes (000 表4-1).
  expect(await desk.locator('[data-test="registered-response-due"]').innerText()).toMatch(/^首次响应时限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（30 分钟内）$/);
  expect(await desk.locator('[data-test="registered-resolution-due"]').innerText()).toMatch(/^处理完成时限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await screenshot(desk, 'register-done');
  // The form is empty for the next complaint, without errors for the fields it just emptied.
  await expect(desk.locator('[data-test="content"] textarea').inputValue()).resolves.toBe('');
  await expect(desk.locator('.el-form-item.is-error').count()).resolves.toBe(0);
  return number;
}

test('a major complaint goes from registration by desk1 to closure, each step handled in the console', async () => {
  const desk = await users.as('desk1');
  const number = await registerMajorComplaint(desk);
  expect(number).toMatch(/^\d{4}KF\d+$/);
  const majors = await apiFromPage<{ items: Array<ComplaintView & { complainant: { phone: string } }> }>(desk, 'GET', '/complaints?severity=major');
  expect(majors.body.items.filter((c) => c.complainant.phone === '13912345678').map((c) => c.number)).toEqual([number]);

  // The service desk dispatches it; the task's form is filled from its schema.
  let complaint = (await apiFromPage<ComplaintView>(desk, 'GET', `/complaints/${number}`)).body;
  const dispatchStep = complaint.currentSteps[0];
  expect(dispatchStep).toBeDefined();

  // The head responsible for major complaints watches the inbox before the task reaches them.
  const nextGroups = ['management-rep', 'dept-head'];
  const headName = demoUserFor(nextGroups);
  const head = await users.as(headName);
  // The page's own clock, so that the inbox's next poll can be brought forward below instead of waited for.
  await head.clock.install();
  await head.goto('/app/inbox');
  await head.locator('[data-test="inbox"][data-ready="true"]').waitFor();
  await screenshot(head, 'inbox-before');

  await completeTaskInUi(desk, dispatchStep.taskId);
  await screenshot(desk, 'task-completed');
  complaint = (await apiFromPage<ComplaintView>(desk, 'GET', `/complaints/${number}`)).body;
  const headStep = complaint.currentSteps.find((s) => s.candidateGroups.some((g) => nextGroups.includes(g)));
  expect(headStep).toBeDefined();

  // It appears without reloading when the inbox next polls (every 10 s) and is marked new.
  const row = head.locator('[data-test="inbox-table"] .task-row', { hasText: number });
  expect(await row.count()).toBe(0);
  await head.clock.fastForward(10_000);
  await row.waitFor();
  expect(await row.innerText()).toContain('新');
  expect(await row.innerText()).toContain('重大');
  await screenshot(head, 'inbox-arrived');

  // The bell counts the arrival too (polled like the inbox); its notification links to the task.
  await head.locator('[data-test="notification-bell"] .el-badge__content:not(.is-hidden)').waitFor();
  await head.locator('[data-test="notification-bell"]').click();
  const notification = head.locator('[data-test="notification-list"] li', { hasText: number }).first();
  await notification.waitFor();
  await screenshot(head, 'notifications');
  await notification.click();
  await head.waitForURL(new RegExp(`/app/tasks/${headStep!.taskId}$`));
  await head.locator('[data-test="task-page"]').waitFor();
  await head.locator('[data-test="claim"]').click();
  await head.locator('[data-test="release"]').waitFor();

  // First a form error: submit with nothing filled in; the required fields say so next to themselves.
  await head.locator('[data-test="complete"]').click();
  const fieldError = head.locator('.el-form-item.is-error .el-form-item__error').first();
  await fieldError.waitFor();
  expect(await fieldError.innerText()).toBe('必填');
  await screenshot(head, 'task-form-error');

  const task = (await apiFromPage<{ form: Parameters<typeof fillFormWithValidValues>[1] }>(head, 'GET', `/tasks/${headStep!.taskId}`)).body;
  await fillFormWithValidValues(head, task.form);
  // A field's message goes once it is filled in, not only at the next submit.
  await expect(head.locator('[data-test="task-form"] .el-form-item.is-error').count()).resolves.toBe(0);
  await expect(head.getByText('表单填写有误').count()).resolves.toBe(0);
  await screenshot(head, 'task-filled');
  await head.locator('[data-test="complete"]').click();
  const outcome = head.locator('[data-test="task-outcome"]');
  await outcome.waitFor();
  expect(await outcome.innerText()).toMatch(/下一步|流程已结束|暂无新的待办/);
  await screenshot(head, 'task-outcome');

  // A completed task no longer counts down.
  expect(await head.locator('[data-test="task-closed-sla"]').innerText()).toBe('已完成');

  // Up to the division leader's review of the corrective and preventive actions: the reviewer sees what the earlier
  // steps recorded, under their step names (the forms were filled with "<field label>：已按规定处理").
  const atReview = await driveComplaint(users, number, { until: (step) => step.elementId === 'capaReview' });
  const reviewer = await users.as(atReview.stoppedAt!.username);
  await reviewer.goto(`/app/tasks/${atReview.stoppedAt!.step.taskId}`);
  const recordedCard = reviewer.locator('[data-test="recorded-steps"]');
  await recordedCard.waitFor();
  const handled = await recordedCard.locator('[data-step="handle"]').innerText();
  expect(handled).toMatch(/^调查处理/);
  expect(handled).toMatch(/处理措施与结果\s+处理措施与结果：已按规定处理/);
  expect(handled).toMatch(/问题已得到实质性解决\s+是/);
  const capa = await recordedCard.locator('[data-step="capaRecord"]').innerText();
  for (const line of [/纠正措施\s+纠正措施：已按规定处理/, /预防措施\s+预防措施：已按规定处理/, /改进措施已落实\s+是/]) expect(capa).toMatch(line);
  // The reviewer's own fields are the form, not history.
  expect(await recordedCard.innerText()).not.toContain('分管领导意见');
  await screenshot(reviewer, 'task-capa-review');

  // The rest of the way, whatever the diagram's steps are.
  const driven = await driveComplaint(users, number);
  expect(driven.complaint.status).toBe('closed');

  await desk.goto(`/app/complaints/${number}`);
  await desk.locator('[data-test="history"] .el-timeline-item').first().waitFor();
  expect(await desk.locator('[data-test="complaint-record"]').innerText()).toContain('已结案');
  const closed = await desk.locator('[data-test="complaint-progress"]').innerText();
  for (const line of [/分管领导审核\s+同意（孙伟，2026-/, /客户满意度\s+满意/, /结案时间\s+2026-/, /回访时间\s+2026-/]) expect(closed).toMatch(line);
  await screenshot(desk, 'complaint-closed');
  // The service desk prints the registration form (R/G095-1) for the paper file, with the session.
  const printed = await desk.request.get((await desk.locator('[data-test="print-registration"]').getAttribute('href'))!);
  expect(printed.status()).toBe(200);
  expect(printed.headers()['content-type']).toBe('application/pdf');
});

test('the service desk finds complaints by customer name and phone', async () => {
  const desk = await users.as('desk1');
  await desk.goto('/app/complaints');
  await desk.locator('[data-test="search-phone"] input').fill('13912345678');
  await desk.locator('[data-test="search-submit"]').click();
  const rows = desk.locator('[data-test="search-table"] .el-table__row');
  await rows.first().waitFor();
  expect(await rows.first().innerText()).toContain('王建华');
  // No total unless asked for: 统计总数 counts the complaints of the search.
  const shown = desk.locator('[data-test="search-count"]');
  expect(await shown.innerText()).not.toContain('共');
  await desk.locator('[data-test="search-count-button"]').click();
  await desk.waitForFunction(() => document.querySelector('[data-test="search-count"]')?.textContent?.includes('共'));
  expect(await shown.innerText()).toMatch(/已显示 (\d+) 件，共 \1 件/);
  await screenshot(desk, 'search');
});

test('the service desk lists the complaints that are late now, each marked 超时', async () => {
  const desk = await users.as('desk1');
  const register = async (name: string, phone: string) => (await apiFromPage<{ number: string }>(desk, 'POST', '/complaints', {
    complainant: { name, phone }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
    category: 'serviceQuality', severity: 'general', content: '网速慢。',
  })).body.number;
  const late = await register('赵六', '13700001111');
  const onTime = await register('钱七', '13700002222');
  // The first complaint's first response was due yesterday (as if it had been registered then).
  const db = new Database(path.join(users.server().dataDir, 'complaint-flow.sqlite'), { timeout: 5000 });
  try {
    db.prepare('UPDATE complaint SET response_due_at = ? WHERE number = ?').run(sqliteTimestamp(new Date(Date.now() - DAY_MS)), late);
  } finally {
    db.close();
  }

  await desk.goto('/app/complaints');
  const rows = desk.locator('[data-test="search-table"] .el-table__row');
  // The page first lists every complaint: wait for that list, so the rows checked below are the filtered search's.
  await rows.filter({ hasText: onTime }).waitFor();
  await desk.locator('[data-test="search-overdue"]').click();
  await desk.locator('[data-test="search-submit"]').click();
  await rows.filter({ hasText: onTime }).waitFor({ state: 'detached' });
  await rows.filter({ hasText: late }).waitFor();
  expect(await rows.filter({ hasText: onTime }).count()).toBe(0);
  expect(await rows.filter({ hasText: late }).locator('[data-test="overdue-tag"]').innerText()).toBe('超时');
  await screenshot(desk, 'search-overdue');
});

test('registering again for a phone seen within the repeat window warns the clerk before saving', async () => {
  const desk = await users.as('desk1');
  await desk.goto('/app/complaints/new');
  await chooseOption(desk, 'select-category', '技术服务');
  await desk.locator('[data-test="customer-phone"] input').fill('13912345678');
  await desk.locator('[data-test="customer-name"] input').click(); // leaving the phone field checks it
  const warning = desk.locator('[data-test="repeat-warning"]');
  await warning.waitFor();
  expect(await warning.innerText()).toContain('重复投诉');
  expect(await warning.innerText()).toMatch(/\d{4}KF\d+/);
  await screenshot(desk, 'register-repeat-warning');
});

test('inbox filters are kept per user across visits', async () => {
  const ops = await users.as('ops1');
  await ops.goto('/app/inbox');
  await ops.locator('[data-test="inbox"][data-ready="true"]').waitFor();
  await ops.locator('[data-test="filter-overdue"]').click();
  await ops.locator('[data-test="filter-severity"]').click();
  await ops.locator('.el-select-dropdown__item:visible', { hasText: '重大投诉' }).click();
  // Saved through PUT /me/preferences; a new visit starts with them.
  const saved = async () => (await apiFromPage<{ inboxFilters: Record<string, unknown> }>(ops, 'GET', '/me/preferences')).body.inboxFilters;
  const expected = { overdue: true, severity: 'major' };
  // Compared whatever the order of the keys the server keeps them in.
  const isExpected = (found: Record<string, unknown>) => JSON.stringify(Object.entries(found ?? {}).sort()) === JSON.stringify(Object.entries(expected).sort());
  let filters = await saved();
  for (let i = 0; i < 20 && !isExpected(filters); i += 1) {
    await ops.waitForTimeout(250);
    filters = await saved();
  }
  expect(filters).toEqual(expected);
  await ops.reload();
  await ops.locator('[data-test="inbox"][data-ready="true"]').waitFor();
  expect(await ops.locator('[data-test="filter-overdue"]').getAttribute('class')).toContain('is-checked');
  expect(await ops.locator('[data-test="filter-severity"]').innerText()).toContain('重大投诉');
});

test('a group head gives a task to a member chosen by name, not by typing a username', async () => {
  const desk = await users.as('desk1');
  const registered = await apiFromPage<{ number: string; currentSteps: Array<{ taskId: string }> }>(desk, 'POST', '/complaints', {
    complainant: { name: '韩梅梅', phone: '13900002222' }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
    category: 'technicalService', severity: 'general', content: '机顶盒经常死机。',
  });
  expect(registered.status).toBe(201);
  const { number } = registered.body;
  const dispatch = (await apiFromPage<ComplaintView>(desk, 'GET', `/complaints/${number}`)).body.currentSteps[0];
  expect((await apiFromPage(desk, 'POST', `/tasks/${dispatch.taskId}/complete`, { data: { responsibleDept: 'YW' } })).status).toBe(200);
  const response = (await apiFromPage<ComplaintView>(desk, 'GET', `/complaints/${number}`)).body.currentSteps[0];

  const head = await users.as('head-yw');
  await head.goto(`/app/tasks/${response.taskId}`);
  await head.locator('[data-test="assign-username"]').click();
  await head.locator('.el-select-dropdown__item:visible', { hasText: '李强（运维管理部）' }).click();
  await head.locator('[data-test="assign"]').click();
  await head.locator('[data-test="task-assignee"]', { hasText: 'ops1' }).waitFor();
  // The history says who gave the task to whom (not that the head claimed it).
  const assignedRow = head.locator('[data-test="history"] .el-timeline-item', { has: head.locator('[data-test="assigned-to"]') });
  await expect(assignedRow.innerText()).resolves.toMatch(/指派[\s\S]*赵建国[\s\S]*→ 李强/);
  await screenshot(head, 'task-assigned');
  // Opened afresh, before anyone lists the candidates, the page still names who holds the task.
  await head.reload();
  await head.locator('[data-test="task-assignee"]', { hasText: '李强（ops1）' }).waitFor();
  // …and so does the head's inbox, by name.
  await head.goto('/app/inbox');
  const row = head.locator('[data-test="inbox-table"] .task-row', { hasText: number });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/李强$/);
});

test('a handler whose next step is theirs too goes on to it from the completed task (继续处理), and sees that step alone', async () => {
  const desk = await users.as('desk1');
  const number = await registerGeneralComplaint(desk, { customer: '钱芳', phone: '13900004444', category: 'technicalService', content: '光猫频繁重启，网络时断时续。' });
  const { stoppedAt } = await driveComplaint(users, number, { until: (step) => step.elementId === 'handle' });
  const handler = await users.as(stoppedAt!.username);

  const outcome = await completeTaskInUi(handler, stoppedAt!.step.taskId);
  expect(outcome).toContain('任务已完成');
  const next = (await apiFromPage<ComplaintView>(desk, 'GET', `/complaints/${number}`)).body.currentSteps[0];
  expect(next.elementId).toBe('capaRecord');

  // The next task is slow to arrive: meanwhile the page must not show the step just done under the new address.
  let answerNext!: () => void;
  const nextHeld = new Promise<void>((resolve) => { answerNext = resolve; });
  await handler.route(`**/tasks/${next.taskId}`, async (route) => { await nextHeld; await route.continue(); });
  await handler.locator('[data-test="task-outcome"] button', { hasText: '继续处理：填写纠正和预防措施记录表' }).click();
  await handler.waitForURL(new RegExp(`/app/tasks/${next.taskId}$`));
  await expect(handler.locator(`[data-task-id="${stoppedAt!.step.taskId}"]`).count()).resolves.toBe(0);
  await expect(handler.locator('[data-test="task-name"]').innerText()).resolves.not.toContain('调查处理');
  await expect(handler.locator('[data-test="task-outcome"]').count()).resolves.toBe(0);
  answerNext();

  await handler.locator(`[data-test="task-page"][data-task-id="${next.taskId}"] [data-test="task-form"]`).waitFor();
  await expect(handler.locator('[data-test="task-name"]').innerText()).resolves.toBe('填写纠正和预防措施记录表');
  await expect(handler.locator('[data-test="task-form"]').getByText('处理措施与结果', { exact: true }).count()).resolves.toBe(0);
  await handler.unroute(`**/tasks/${next.taskId}`);
  await screenshot(handler, 'task-continued');
});
