import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Actor } from '../../src/app/actor';
import { UnauthorizedError } from '../../src/domain/errors';
import { createHttpApp } from '../../src/http';

const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001', username: 'desk1', displayName: '张敏',
  departmentId: '00000000-0000-4000-8000-000000000002', departmentCode: 'KF', groups: ['service-desk'], headOf: [],
};

function consoleBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>投诉处理平台</title><div id="app"></div>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  return dir;
}

function app(consoleDir?: string) {
  return createHttpApp({
    authenticate: async (token) => { if (token === 'good') return actor; throw new UnauthorizedError('bad token', 'invalid_token'); },
    consoleDir,
    logger: { error: () => undefined },
  });
}

describe('the web console', () => {
  const dir = consoleBuild();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('/ redirects to /app/, which answers index.html uncached', async () => {
    const http = app(dir);
    const root = await request(http).get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app/');
    const index = await request(http).get('/app/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.text).toContain('投诉处理平台');
  });

  test('console routes fall back to index.html (history mode), hashed assets are cached for a year', async () => {
    const http = app(dir);
    const deep = await request(http).get('/app/tasks/42');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="app">');
    const asset = await request(http).get('/app/assets/index-AbCd1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('a missing asset is a 404, not the index page', async () => {
    const missing = await request(app(dir)).get('/app/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="app">');
  });

  test('API routes keep their paths and their authentication', async () => {
    const http = app(dir);
    expect((await request(http).get('/me')).status).toBe(401);
    const me = await request(http).get('/me').set('Authorization', 'Bearer good');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('desk1');
    expect((await request(http).get('/healthz')).status).toBe(200);
  });

  test('without a build, /app/ says in Chinese how to build the console', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-console-empty-'));
    const response = await request(app(empty)).get('/app/inbox');
    expect(response.status).toBe(503);
    expect(response.text).toContain('npm run build:web');
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
