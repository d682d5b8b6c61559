import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import request from 'supertest';
import { authenticate, resumeSession, signIn, signOut } from '../../src/app/identity';
import { runUsersCommand } from '../../src/cli/users-command';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import { systemClock } from '../../src/engine/clock';
import { createHttpApp } from '../../src/http/app';
import { Database, openDatabase } from '../../src/persistence/database';
import { npmScriptArgs } from '../support/npm-scripts';
import { until } from '../support/until';

// The commands run in this process (as `npm run users` runs them, with its output captured); one test starts the
// real command to see its exit code.
jest.setTimeout(120_000);
const run = promisify(execFile);

interface CommandResult { code: number; stdout: string; stderr: string }

describe('npm run users', () => {
  let dir: string;
  let dbUrl: string;

  const runWithInput = async (input: string, args: string[]): Promise<CommandResult> => {
    const output = { stdout: '', stderr: '' };
    const code = await runUsersCommand(args, {
      dbUrl,
      stdout: { write: (text: string) => { output.stdout += text; } },
      stderr: { write: (text: string) => { output.stderr += text; } },
      stdin: Readable.from([input]),
    });
    return { code, ...output };
  };

  const users = async (...args: string[]) => {
    const result = await runWithInput('', args);
    if (result.code !== 0) throw new Error(`users ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result;
  };

  const usersFailing = async (...args: string[]) => {
    const failure = await runWithInput('', args);
    if (failure.code === 0) throw new Error(`users ${args.join(' ')} should have failed`);
    return failure;
  };

  const withServerDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase(dbUrl);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
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

    // A server started after each command (one already running sees a CLI change within IDENTITY_RECHECK_MS).
    const me = (status: number) => withServerDatabase(async (db) => {
      const app = createHttpApp({ authenticate: (t) => authenticate(db, t) });
      return (await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(status)).body;
    });
    expect(await me(200)).toMatchObject({ username: 'liu.quality', displayName: '刘质检', departmentCode: 'ZL', groups: ['auditor', 'quality'], headOf: ['quality'] });
    await users('revoke-token', tokenId!);
    await me(401);
  });

  it('sets a console password from standard input and resets it to a printed random one', async () => {
    const chosen = 'chosen secret 42';
    const set = await runWithInput(`${chosen}\n`, ['set-password', 'liu.quality']);
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain(chosen);
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

  it('moves a user to another department and role, deactivates them when they leave, and lets them back', async () => {
    await users('create-department', '--code', 'YW', '--name', '运维管理部');
    await users('create-user', '--username', 'zhao.move', '--name', '赵调动', '--department', 'ZL', '--groups', 'quality', '--head-of', 'quality');
    const issued = await users('issue-token', 'zhao.move');
    const token = /cf_[A-Za-z0-9_-]{43}/.exec(issued.stdout)![0];
    const password = 'moving secret 7';
    expect((await runWithInput(`${password}\n`, ['set-password', 'zhao.move'])).code).toBe(0);
    await withServerDatabase(async (db) => {
      const deps = { db, clock: systemClock, settings: loadConfig().signIn };
      const app = createHttpApp({
        authenticate: (t) => authenticate(db, t),
        sessions: { authenticate: (id) => resumeSession(deps, id), signIn: (input) => signIn(deps, input), signOut: (id) => signOut(deps, id) },
      });
      const askMe = () => request(app).get('/me').set('Authorization', `Bearer ${token}`);
      const me = (status: number) => askMe().expect(status);
      const login = (status: number) => request(app).post('/auth/login').send({ username: 'zhao.move', password }).expect(status);
      const session = (await login(200)).headers['set-cookie'];

      // The server process is running: it sees each CLI change when it next re-reads (every IDENTITY_RECHECK_MS),
      // asked again until then rather than after a fixed wait a busy machine may overrun.
      const meOnce = async (done: (seen: request.Response) => boolean, what: string) => {
        let seen!: request.Response;
        await until(async () => done(seen = await askMe()), what, 10_000);
        return seen;
      };
      const moved = await users('update-user', '--username', 'zhao.move', '--department', 'yw', '--groups', 'ops,dept-head', '--head-of', '');
      expect(moved.stdout).toContain('zhao.move 赵调动 in YW, groups dept-head, ops');
      const afterMove = await meOnce((seen) => seen.body?.departmentCode === 'YW', 'the server saw the move');
      expect(afterMove.status).toBe(200);
      expect(afterMove.body).toMatchObject({ departmentCode: 'YW', groups: ['dept-head', 'ops'], headOf: [] });

      const renamed = await users('update-user', '--username', 'zhao.move', '--name', '赵新名');
      expect(renamed.stdout).toContain('zhao.move 赵新名 in YW, groups dept-head, ops');

      const left = await users('deactivate-user', 'zhao.move');
      expect(left.stdout).toContain('1 token revoked');
      expect(left.stdout).toContain('They held no open task.');
      expect((await meOnce((seen) => seen.status === 401, 'the server refused the deactivated user')).status).toBe(401);
      await request(app).get('/me').set('Cookie', session).expect(401);
      await login(401);
      expect((await users('list-users')).stdout).toMatch(/zhao\.move\s+赵新名\s+YW\s+dept-head,ops\s+no\s+0/);

      await users('reactivate-user', 'zhao.move');
      await login(200);
      await me(401); // its tokens stay revoked: a returning user is issued new ones
    });

    const invalid = await usersFailing('update-user', '--username', 'zhao.move', '--groups', 'chef');
    expect(invalid.stderr).toContain('unknown group chef');
    const unknown = await usersFailing('deactivate-user', 'nobody');
    expect(unknown.stderr).toContain('No user nobody');
  });

  it('explains invalid input and exits non-zero', async () => {
    // The real command, as an administrator runs it: the message on standard error and exit code 1.
    const failure = await run(process.execPath, npmScriptArgs('users', 'create-user', '--username', 'x1', '--name', '某人', '--department', 'NOPE', '--groups', 'ops,chef'), {
      cwd: PROJECT_ROOT, env: { ...process.env, DB_URL: dbUrl },
    }).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('unknown group chef');
    expect(failure?.stderr).toContain('no department with code NOPE');

    const missingOption = await usersFailing('create-department', '--code', 'ZL');
    expect(missingOption.stderr).toContain("required option '--name <name>' not specified");

    const duplicate = await usersFailing('create-department', '--code', 'ZL', '--name', '另一个部门');
    expect(duplicate.stderr).toContain('already exists');

    const unknownToken = await usersFailing('issue-token', 'nobody');
    expect(unknownToken.stderr).toContain('No user nobody');
  });
});
