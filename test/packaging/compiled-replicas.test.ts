import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDepartment, createUser, issueToken } from '../../src/app/identity';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import { openDatabase } from '../../src/persistence/database';
import { UserRow } from '../../src/persistence/entities/identity';
import { freshDatabaseUrl } from '../support/database';
import { npmStartCommand } from '../support/npm-scripts';

// Runs what the image runs, node dist/…, compiled by jest's global setup as the Docker build stage compiles it.
jest.setTimeout(300_000);
const REPLICA_PORTS = [3403, 3404];

function node(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', script)], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Waits until the replica answers /healthz (or gave up, after a minute: it then failed to start). */
async function healthy(port: number): Promise<boolean> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return true;
  }
  return false;
}

describe('the compiled build, as the image runs it', () => {
  it('Given an empty database, when migrate runs twice at once and two replicas start without the demo, then both serve one shared application', async () => {
    const { url, drop } = freshDatabaseUrl();
    const replicas: ChildProcess[] = [];
    try {
      const migrations = await Promise.all([exitOf(node('cli/migrate.js', { DB_URL: url })), exitOf(node('cli/migrate.js', { DB_URL: url }))]);
      expect(migrations.map((m) => (m.code === 0 ? 0 : m.output))).toEqual([0, 0]); // a failure shows what it printed

      const exits = REPLICA_PORTS.map((port, i) => {
        const child = node('main.js', { DB_URL: url, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', SERVER_ID: `replica-${i + 1}` });
        replicas.push(child);
        return exitOf(child);
      });
      expect(await Promise.all(REPLICA_PORTS.map(healthy))).toEqual([true, true]);

      const db = await openDatabase(url);
      let bearer: string;
      try {
        expect(await db.read((m) => m.count(UserRow))).toBe(0); // no demo organisation
        await createDepartment(db, { code: 'KF', name: '客户服务部' });
        await createUser(db, { username: 'zhang.min', displayName: '张敏', departmentCode: 'KF', groups: ['service-desk'] });
        bearer = `Bearer ${(await issueToken(db, { username: 'zhang.min' })).token}`;
      } finally {
        await db.close();
      }
      const registered = await fetch(`http://127.0.0.1:${REPLICA_PORTS[0]}/complaints`, {
        method: 'POST', headers: { Authorization: bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          complainant: { name: '王先生', phone: '13800138000' }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
          category: 'technicalService', severity: 'general', content: '宽带频繁掉线',
        }),
      });
      expect(registered.status).toBe(201);
      const { number } = await registered.json() as { number: string };
      const readBack = await fetch(`http://127.0.0.1:${REPLICA_PORTS[1]}/complaints/${number}`, { headers: { Authorization: bearer } });
      expect(readBack.status).toBe(200);
      expect(readBack.headers.get('cache-control')).toBe('no-store');

      for (const child of replicas) child.kill('SIGTERM');
      const stopped = await Promise.all(exits);
      expect(stopped.map((s) => s.code)).toEqual([0, 0]);
      expect(stopped.map((s) => s.output).join('\n')).toContain('demo organisation: off');
    } finally {
      for (const child of replicas) if (child.exitCode === null) child.kill('SIGKILL');
      await drop();
    }
  });
});

describe('runtime settings', () => {
  it('Given no environment, then the quick start listens on 127.0.0.1 with the demo organisation; HOST and SEED_DEMO change that', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', seedDemo: true, port: 3000 });
    expect(loadConfig({ HOST: '0.0.0.0', SEED_DEMO: 'false' })).toMatchObject({ host: '0.0.0.0', seedDemo: false });
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow('SEED_DEMO must be true or false');
  });
});

describe('packaging files', () => {
  const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

  it('Given the Docker build context, then host dependencies, databases, demo tokens and git history stay out of it', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', '**/node_modules', 'dist', 'data', '*.sqlite', '**/demo-tokens.json']));
  });

  it('Given the Dockerfile, then the runtime stage runs compiled JavaScript as the node user with a health check', () => {
    const runtime = read('Dockerfile').split(/^FROM /m).at(-1)!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // The same node flags as npm start (the heap cap), then the compiled entry point.
    const startFlags = npmStartCommand().nodeFlags;
    expect(runtime).toMatch(/^CMD \[.*\]$/m);
    expect(runtime).toContain(`CMD [${['node', ...startFlags, 'dist/src/main.js'].map((word) => `"${word}"`).join(', ')}]`);
    expect(runtime).not.toMatch(/ts-node|npm start/);
    expect(read('Dockerfile')).toContain('npm run build:web --if-present');
  });
});
