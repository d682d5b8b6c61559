import { createTestHttpApp, TestHttpApp } from '../support/http';
import { startHttpServer } from '../../src/http/server';

describe('startHttpServer', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp(); });
  afterAll(async () => { await t.dispose(); });

  it('serves over a real port and closes with keep-alive connections open', async () => {
    const running = await startHttpServer(t.app, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${running.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const me = await fetch(`${base}/me`, { headers: { Authorization: t.bearer('rep1') } });
    expect(((await me.json()) as { username: string }).username).toBe('rep1');

    await running.close();
    expect(running.server.listening).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
