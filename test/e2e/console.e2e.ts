import { Browser } from 'playwright-core';
import { launchBrowser, loginAs, newContext, screenshot } from './support/browser';
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
  await loginAs(page, server, 'auditor1');
  await page.goto('/app/complaints/new');
  const forbidden = page.locator('[data-test="forbidden-page"]');
  await forbidden.waitFor();
  expect(await forbidden.innerText()).toContain('403 无权访问');
  await screenshot(page, 'forbidden');
  await context.close();
});
