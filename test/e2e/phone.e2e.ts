import { Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT as PHONE, screenshot, signedInPhonePage } from './support/browser';
import { completeTaskInUi, demoUsersOfFreshServer, driveComplaint, registerGeneralComplaint } from './support/tasks';

const users = demoUsersOfFreshServer();

/** The page's scrolling areas that scroll sideways: none may, or part of every line is off the screen. */
function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() => [document.scrollingElement, document.querySelector('.el-main')]
    .filter((el): el is Element => el !== null && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`));
}

test('a department worker finds, reads and completes a complaint task on a phone', async () => {
  const desk = await users.as('desk1');
  const number = await registerGeneralComplaint(desk, { customer: '周婷', phone: '13900002222', category: 'technicalService', content: '宽带每天晚上八点后频繁掉线，已持续一周。' });
  // The service desk dispatches it at its desk; the next step belongs to a department.
  const { stoppedAt } = await driveComplaint(users, number, { until: (step) => !step.candidateGroups.includes('service-desk') });
  const worker = stoppedAt!.username;

  const browser = await launchBrowser();
  try {
    const { context, page: phone } = await signedInPhonePage(browser, users.server(), worker);

    // The inbox: a card per task, no table header, nothing off the screen; the filters fold behind a button.
    await phone.goto('/app/inbox');
    await phone.locator('[data-test="inbox"][data-ready="true"]').waitFor();
    const card = phone.locator('.task-row', { hasText: number });
    await card.waitFor();
    await expect(phone.locator('.inbox-table thead').isVisible()).resolves.toBe(false);
    await expect(phone.locator('[data-test="inbox-filters"]').isVisible()).resolves.toBe(false);
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.x).toBeGreaterThanOrEqual(0);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(PHONE.width);
    await expect(card.innerText()).resolves.toMatch(/周婷[\s\S]*技术服务类[\s\S]*待认领/);
    // A card, not a table row squeezed into the width: four lines at most.
    expect(cardBox.height).toBeLessThan(140);
    await expect(sidewaysScrolling(phone)).resolves.toEqual([]);
    await screenshot(phone, 'phone-inbox');

    await phone.locator('[data-test="filters-toggle"]').click();
    await phone.locator('[data-test="inbox-filters"]').waitFor();
    await expect(sidewaysScrolling(phone)).resolves.toEqual([]);

    // The menu lives in a drawer: it names the user and closes when an entry is chosen.
    await expect(phone.locator('.el-aside').count()).resolves.toBe(0);
    await phone.locator('[data-test="menu-button"]').click();
    const drawer = phone.locator('[data-test="menu-drawer"]');
    await drawer.locator('.el-menu-item', { hasText: '投诉查询' }).waitFor();
    await screenshot(phone, 'phone-menu');
    await drawer.locator('.el-menu-item', { hasText: '投诉查询' }).click();
    await phone.waitForURL(/\/app\/complaints$/);
    await drawer.waitFor({ state: 'hidden' });
    await phone.goBack();

    // The task: the complaint record first, then the step's form, full width; nothing off the screen.
    await phone.locator('.task-row', { hasText: number }).click();
    await phone.locator('[data-test="task-form"]').waitFor();
    await expect(sidewaysScrolling(phone)).resolves.toEqual([]);
    const record = (await phone.locator('[data-test="complaint-record"]').boundingBox())!;
    const form = (await phone.locator('[data-test="task-form"]').boundingBox())!;
    expect(form.y).toBeGreaterThan(record.y + record.height);
    expect(form.width).toBeGreaterThan(PHONE.width * 0.8);
    await screenshot(phone, 'phone-task');

    const outcome = await completeTaskInUi(phone, stoppedAt!.step.taskId);
    expect(outcome).toContain('任务已完成');
    // The dispatch named another responsible department (the sample form's first), so the worker reads the complaint
    // only while a step of it is theirs; the record they just worked from stays on the page.
    await expect(phone.locator('[data-test="complaint-record"]').isVisible()).resolves.toBe(true);
    await expect(sidewaysScrolling(phone)).resolves.toEqual([]);
    await screenshot(phone, 'phone-task-done');
    await context.close();
  } finally {
    await browser.close();
  }
});
