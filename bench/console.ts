/**
 * Console benchmarks (not a timed test): `npm run bench:console`.
 * 1. JavaScript a browser downloads on the first load of the console (bytes on the wire: the server sends the
 *    build's brotli copies), signed in as desk1 on 我的待办 — budget 1.5 MB; the modeler pages must stay in lazy
 *    chunks. The style sheets are listed too.
 * 2. The browser's main-thread work for that first load (Chrome's own Performance metrics: script, style, layout),
 *    median of a few new profiles: what a clerk's modest PC spends before the inbox shows.
 * 3. 我的待办 with 50 tasks: time from the task page's data arriving to the rows being painted — budget 200 ms.
 * Starts the real server on a fresh SQLite database and drives Debian's chromium (as the browser tests do).
 */
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, loginAs, newContext, screenshot } from '../test/e2e/support/browser';
import { startServer } from '../test/e2e/support/server';
import { percentile } from './stats';

const JS_BUDGET_BYTES = 1.5 * 1024 * 1024;
const RENDER_BUDGET_MS = 200;
const TASKS = 50;
const RUNS = 5;

async function registerComplaints(baseUrl: string, token: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${baseUrl}/complaints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        complainant: { name: `客户${i + 1}`, phone: `1391234${String(i).padStart(4, '0')}` },
        channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
        category: i % 2 ? 'technicalService' : 'serviceQuality', severity: ['major', 'general', 'minor'][i % 3],
        content: `第 ${i + 1} 号测试投诉：宽带频繁掉线。`,
      }),
    });
    if (response.status !== 201) throw new Error(`Registering complaint ${i + 1}: ${response.status} ${await response.text()}`);
  }
}

interface MainThreadWork { task: number; script: number; style: number; layout: number }

/** Chrome's main-thread time (ms) for opening 我的待办 in a new profile until its last task row shows. */
async function firstLoadWork(fresh: BrowserContext): Promise<MainThreadWork> {
  const page = await fresh.newPage();
  const cdp = await fresh.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto('/app/inbox');
  await page.locator('[data-test="inbox-table"] .task-row').nth(TASKS - 1).waitFor();
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  await page.close();
  return {
    task: seconds('TaskDuration') * 1000, script: seconds('ScriptDuration') * 1000,
    style: seconds('RecalcStyleDuration') * 1000, layout: seconds('LayoutDuration') * 1000,
  };
}

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await registerComplaints(server.baseUrl, server.credentials('desk1').token, TASKS);
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await loginAs(page, server, 'desk1');

    // First load: a new profile (empty cache) opening the inbox directly.
    const fresh = await newContext(browser, server);
    await fresh.addCookies(await context.cookies());
    const firstLoad = await fresh.newPage();
    const scripts = new Map<string, number>();
    const styles = new Map<string, number>();
    const transfers: Promise<void>[] = [];
    firstLoad.on('requestfinished', (request) => {
      const into = request.url().endsWith('.js') ? scripts : request.url().endsWith('.css') ? styles : null;
      if (into) transfers.push(request.sizes().then((sizes) => { into.set(request.url(), sizes.responseBodySize); }));
    });
    await firstLoad.goto('/app/inbox', { waitUntil: 'networkidle' });
    await firstLoad.locator('[data-test="inbox-table"] .task-row').nth(TASKS - 1).waitFor();
    await Promise.all(transfers);
    const jsBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
    const cssBytes = [...styles.values()].reduce((a, b) => a + b, 0);

    const work: MainThreadWork[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const profile = await newContext(browser, server);
      await profile.addCookies(await context.cookies());
      work.push(await firstLoadWork(profile));
      await profile.close();
    }

    // Inbox render time, measured by the page itself (performance.measure 'inbox-render').
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto('/app/inbox');
      await page.locator('[data-test="inbox-table"] .task-row').nth(TASKS - 1).waitFor();
      await page.waitForFunction(() => performance.getEntriesByName('inbox-render').length > 0);
      timings.push(await page.evaluate(() => performance.getEntriesByName('inbox-render')[0].duration));
    }
    const rows = await page.locator('[data-test="inbox-table"] .task-row').count();
    const picture = await screenshot(page, 'inbox-50-tasks');
    const renderMs = percentile(timings, 0.5);

    console.log(`console JS on first load: ${(jsBytes / 1024).toFixed(1)} KiB on the wire in ${scripts.size} files `
      + `(budget ${(JS_BUDGET_BYTES / 1024).toFixed(0)} KiB) ${jsBytes <= JS_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}; `
      + `style sheets ${(cssBytes / 1024).toFixed(1)} KiB in ${styles.size}`);
    for (const [url, size] of [...scripts, ...styles].sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1).padStart(8)} KiB  ${url.replace(server.baseUrl, '')}`);
    const workOf = (part: keyof MainThreadWork) => percentile(work.map((w) => w[part]), 0.5).toFixed(0);
    console.log(`first load's main-thread work (median of ${RUNS} new profiles): ${workOf('task')} ms, of which script `
      + `${workOf('script')} ms, style ${workOf('style')} ms, layout ${workOf('layout')} ms`);
    console.log(`inbox of ${rows} tasks rendered in ${renderMs.toFixed(1)} ms (median of ${RUNS}; all: ${timings.map((t) => t.toFixed(1)).join(', ')}) `
      + `(budget ${RENDER_BUDGET_MS} ms) ${renderMs <= RENDER_BUDGET_MS ? 'OK' : 'OVER BUDGET'}`);
    console.log(`screenshot: ${picture}`);
    await fresh.close();
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
