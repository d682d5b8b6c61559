import fs from 'node:fs';
import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
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

  test('an asset goes brotli- or gzip-compressed to a browser that accepts it, as the build wrote it, else plain', async () => {
    const script = 'console.log("投诉处理平台");\n'.repeat(200);
    const compressed = consoleBuild();
    fs.writeFileSync(path.join(compressed, 'assets', 'index-Zz9.js'), script);
    fs.writeFileSync(path.join(compressed, 'assets', 'index-Zz9.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(compressed, 'assets', 'index-Zz9.js.gz'), zlib.gzipSync(script));
    const server = createServer(app(compressed));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // supertest would decompress the answer: these are the bytes on the wire.
    const raw = (asset: string, acceptEncoding: string) => new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: `/app/assets/${asset}`, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    try {
      const br = await raw('index-Zz9.js', 'gzip, deflate, br, zstd'); // what Chromium sends
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/^application\/javascript|^text\/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);

      const gz = await raw('index-Zz9.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

      const plain = await raw('index-Zz9.js', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(script);

      // An asset the build left uncompressed goes as it is to anyone.
      const uncompressed = await raw('index-AbCd1234.js', 'br');
      expect(uncompressed.headers['content-encoding']).toBeUndefined();
      expect(uncompressed.body.toString()).toBe('console.log(1)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(compressed, { recursive: true, force: true });
    }
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
