import { chromium, type Browser } from 'playwright-core';
import { startHttpServer, RunningServer } from '../../src/http/server';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(120_000);

const PORT = 3401;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let t: TestApplication;
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  t = await createTestApplication();
  server = await startHttpServer(t.app.http, PORT, '127.0.0.1');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.dispose();
});

describe('Swagger UI under the content security policy', () => {
  it('Given the API docs opened in a browser, then Swagger UI renders the operations and the browser reports no CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text()); });

    await page.goto(`http://127.0.0.1:${PORT}/docs/`);
    await page.waitForSelector('.swagger-ui .opblock-summary-path', { timeout: 30_000 });

    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('complaint-flow API');
    expect(await page.locator('.opblock-summary-path').count()).toBeGreaterThan(20);
    expect(violations).toEqual([]);
  });
});
