import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { authenticate, resumeSession, signIn, signOut } from '../../src/app/identity';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import { systemClock } from '../../src/engine/clock';
import { createHttpApp } from '../../src/http/app';
import { openDatabase } from '../../src/persistence/database';

// Each command is a fresh ts-node process; on a loaded CI machine a few of them take a while.
jest.setTimeout(120_000);
const run = promisify(execFile);
const TS_NODE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'ts-node');

describe('npm run users', () => {
  let dir: string;
  let dbUrl: string;

  const users = (...args: string[]) =>
    run(TS_NODE, ['--transpile-only', 'src/cli/users.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DB_URL: dbUrl } });

  const usersFailing = async (...args: string[]) => {
    const failure = await users(...args).then(() => null, (error: { code: number; stderr: string }) => error);
    if (!failure) throw new Error(`users ${args.join(' ')} should have failed`);
    return failure;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cli-'));
    dbUrl = `sqlite:${path.join(dir, 'cli.sqlite')}`;
  });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('creates a department and a user, issues a token that authenticates, and revokes it', async () => {
    await users('create-department', '--code', 'ZL', '--name', '质量效能部');
    await users('create-user', '--username', 'liu.quality', '--name', '刘质检', '--department', 'ZL',
      '--groups', 'quality,auditor', '--head-of', 'quality');

    const issued = await users('issue-token', 'liu.quality', '--label', 'laptop');
    const token = /cf_[A-Za-z0-9_-]{43}/.exec(issued.stdout)?.[0];
    const tokenId = /Token ([0-9a-f-]{36})/.exec(issued.stdout)?.[1];
    expect(token).toBeDefined();
    expect(tokenId).toBeDefined();

    const listed = await users('list-users');
    expect(listed.stdout).toMatch(/liu\.quality\s+刘质检\s+ZL\s+auditor,quality\*/);
    const tokens = await users('list-tokens', 'liu.quality');
    expect(tokens.stdout).toContain(tokenId);
    expect(tokens.stdout).not.toContain(token);

    const db = await openDatabase(dbUrl);
    try {
      const app = createHttpApp({ authenticate: (t) => authenticate(db, t) });
      const me = await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toMatchObject({ username: 'liu.quality', displayName: '刘质检', departmentCode: 'ZL', groups: ['auditor', 'quality'], headOf: ['quality'] });

      await users('revoke-token', tokenId!);
      await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
    } finally {
      await db.close();
    }
  });

  it('sets a console password from standard input and resets it to a printed random one', async () => {
    const withInput = (input: string, ...args: string[]) => new Promise<string>((resolve, reject) => {
      const child = execFile(TS_NODE, ['--transpile-only', 'src/cli/users.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DB_URL: dbUrl } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)));
      child.stdin!.end(input);
    });
    const chosen = 'chosen secret 42';
    const setOutput = await withInput(`${chosen}\n`, 'set-password', 'liu.quality');
    expect(setOutput).not.toContain(chosen);
    const db = await openDatabase(dbUrl);
    try {
      const deps = { db, clock: systemClock, settings: loadConfig().signIn };
      const app = createHttpApp({
        authenticate: (t) => authenticate(db, t),
        sessions: {
          authenticate: (id) => resumeSession(deps, id), signIn: (input) => signIn(deps, input), signOut: (id) => signOut(deps, id),
        },
      });
      await request(app).post('/auth/login').send({ username: 'liu.quality', password: chosen }).expect(200);

      const reset = await users('reset-password', 'liu.quality');
      const generated = reset.stdout.trim().split('\n').pop()!;
      expect(generated).toMatch(/^[A-Za-z0-9]{16}$/);
      await request(app).post('/auth/login').send({ username: 'liu.quality', password: chosen }).expect(401);
      await request(app).post('/auth/login').send({ username: 'liu.quality', password: generated }).expect(200);
    } finally {
      await db.close();
    }
    const unknownUser = await usersFailing('reset-password', 'nobody');
    expect(unknownUser.stderr).toContain('no user nobody');
  });

  it('explains invalid input and exits non-zero', async () => {
    const failure = await usersFailing('create-user', '--username', 'x1', '--name', '某人', '--department', 'NOPE', '--groups', 'ops,chef');
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('unknown group chef');
    expect(failure.stderr).toContain('no department with code NOPE');

    const duplicate = await usersFailing('create-department', '--code', 'ZL', '--name', '另一个部门');
    expect(duplicate.stderr).toContain('already exists');

    const unknownToken = await usersFailing('issue-token', 'nobody');
    expect(unknownToken.stderr).toContain('No user nobody');
  });
});
