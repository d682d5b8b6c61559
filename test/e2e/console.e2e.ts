import { Browser } from 'playwright-core';
import { launchBrowser, loginAs, newContext, screenshot, signedInPage } from './support/browser';
import { startServer, TestServer } from './support/server';

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

test('the console is served under /app/ and a signed-out visitor gets the Chinese sign-in page', async () => {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForURL(/\/app\/login/);
  await expect(page.locator('[data-test="login-form"]')).toBeTruthy();
  expect(await page.locator('h1').innerText()).toBe('投诉处理平台');
  await screenshot(page, 'login');
  await context.close();
});

test('an auditor opening the registration page sees a clear Chinese 403 page', async () => {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  // Through the sign-in page, as a person does (the other tests get their session over its API).
  await loginAs(page, server, 'auditor1');
  await page.goto('/app/complaints/new');
  const forbidden = page.locator('[data-test="forbidden-page"]');
  await forbidden.waitFor();
  expect(await forbidden.innerText()).toContain('403 无权访问');
  await screenshot(page, 'forbidden');
  await context.close();
});

test('the menu follows the user\'s groups, and an unknown console address shows a Chinese 404 page', async () => {
  const menuOf = async (username: string) => {
    const { context, page } = await signedInPage(browser, server, username);
    const entries = (await page.locator('[data-test="main-menu"] .el-menu-item').allInnerTexts()).map((t) => t.trim());
    return { context, page, entries };
  };
  const desk = await menuOf('desk1');
  expect(desk.entries).toEqual(['我的待办', '登记投诉', '投诉查询', '处罚与免责']);
  await desk.page.goto('/app/no/such/page');
  const notFound = desk.page.locator('[data-test="not-found-page"]');
  await notFound.waitFor();
  expect(await notFound.innerText()).toContain('404 页面不存在');
  await desk.context.close();

  const ops = await menuOf('ops1');
  expect(ops.entries).toEqual(['我的待办', '投诉查询', '处罚与免责']);
  await ops.context.close();

  const ga = await menuOf('ga1');
  expect(ga.entries).toEqual(['我的待办', '投诉查询', '处罚与免责', '绩效扣罚与返还']);
  await ga.context.close();
});
