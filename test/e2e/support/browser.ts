import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { PROJECT_ROOT, TestServer } from './server';

export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
/** A clerk's laptop screen. */
export const VIEWPORT = { width: 1366, height: 768 };
/** A common phone screen (CSS pixels), where a head or leader opens a task from a chat message. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Debian's chromium (never a downloaded build), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

/** A fresh browser profile (own cookies) on the console, in Chinese, on Shanghai time. */
export async function newContext(browser: Browser, server: TestServer): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.baseUrl, viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Signs in through the login page with the demo user's password; resolves once the console layout shows the user. */
export async function loginAs(page: Page, server: TestServer, username: string, password = server.credentials(username).password): Promise<void> {
  await page.goto('/app/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="current-user"]').waitFor({ timeout: 20_000 });
}

/**
 * Gives the context the session cookie of `username`, signing in as the login page does (POST /auth/login; the
 * context's request API keeps the cookie it sets), then opens the console: what a clerk has after signing in,
 * without the sign-in page's own load and typing (console.e2e.ts and login-throttle.e2e.ts test that page).
 */
async function signInContext(context: BrowserContext, page: Page, server: TestServer, username: string): Promise<void> {
  const response = await context.request.post('/auth/login', { data: { username, password: server.credentials(username).password } });
  if (!response.ok()) throw new Error(`Signing in as ${username} failed: ${response.status()} ${await response.text()}`);
  await page.goto('/app/');
  await page.locator('[data-test="current-user"]').waitFor({ timeout: 20_000 });
}

/** A new context signed in as `username`, with its page. */
export async function signedInPage(browser: Browser, server: TestServer, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await signInContext(context, page, server, username);
  return { context, page };
}

/** A new touch context on a phone screen signed in as `username`, with its page. */
export async function signedInPhonePage(browser: Browser, server: TestServer, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl, viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await signInContext(context, page, server, username);
  return { context, page };
}

/**
 * Opens a path of the console the way its own links do (a notification, 继续处理), through its router without
 * reloading the application, when the page already shows the signed-in console; loads it otherwise. A load costs
 * Chromium about 2 s of CPU on the CI machines (the whole application parsed and started again).
 */
export async function openInConsole(page: Page, target: string): Promise<void> {
  const current = new URL(page.url());
  const inConsole = current.pathname.startsWith('/app/') && !current.pathname.startsWith('/app/login');
  if (!inConsole || current.pathname === target) {
    await page.goto(target);
    return;
  }
  // vue-router follows a history entry it did not make as it follows the back button.
  await page.evaluate((path) => {
    window.history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, target);
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // A table whose reload has ended keeps its spinner's mask for up to 400 ms more (Element Plus removes it after the
  // fade): the picture waits for it, so it shows the rows the test has just checked and not a spinner over them.
  await page.waitForFunction(() => document.querySelector('.el-loading-mask') === null, undefined, { timeout: 10_000 });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // The console scrolls inside its main area, not the document, so fullPage alone would stop at the window's
  // bottom: the window is made as tall as the tallest scrolled content for the shot.
  const viewport = page.viewportSize() ?? VIEWPORT;
  const contentHeight = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll<HTMLElement>('*'))
    .filter((el) => el.scrollHeight > el.clientHeight && /(auto|scroll)/.test(getComputedStyle(el).overflowY))
    .map((el) => el.scrollHeight - el.clientHeight + window.innerHeight), window.innerHeight));
  if (contentHeight > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 4000) });
  try {
    // A dialog or message still fading in would show the page through it: transitions are finished first.
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  } finally {
    if (contentHeight > viewport.height) await page.setViewportSize(viewport);
  }
  return file;
}

/** Calls the API with the page's session cookie (and CSRF token for writes), as the console does. */
export async function apiFromPage<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(async ({ method: m, url: u, body: b }) => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
    if (m !== 'GET') {
      const session = (await fetch('/auth/session', { credentials: 'same-origin' }).then((r) => r.json())) as { csrfToken: string };
      headers['X-CSRF-Token'] = session.csrfToken;
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(u, { method: m, headers, credentials: 'same-origin', body: b === undefined ? undefined : JSON.stringify(b) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, { method, url, body });
}

/** Picks `label` in the Element Plus select inside `[data-test=testId]`, as a clerk would. */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.locator(`[data-test="${testId}"] .el-select`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}
