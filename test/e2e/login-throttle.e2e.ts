import { Browser } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { startServer, TestServer } from './support/server';

// Own server: the throttle also counts failures per address, which would lock out other scenarios.
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

test('a wrong password is refused in Chinese, and five wrong passwords give the throttle message', async () => {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await page.goto('/app/login');
  const error = page.locator('[data-test="login-error"]');
  const messages: string[] = [];
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    await page.locator('input[name="username"]').fill('gm1');
    await page.locator('input[name="password"]').fill(`wrong-${attempt}`);
    await page.locator('[data-test="login-submit"]').click();
    await page.locator(`[data-test="login-error"][data-attempt="${attempt}"]`).waitFor();
    messages.push(await error.innerText());
    if (messages.at(-1)!.includes('登录失败次数过多')) break;
  }
  expect(messages[0]).toContain('用户名或密码错误');
  expect(messages.at(-1)).toContain('登录失败次数过多，请稍后再试');
  expect(messages.length).toBeLessThanOrEqual(6);
  await screenshot(page, 'login-throttled');
  await context.close();
});
