import { IsString } from 'class-validator';
import request from 'supertest';
import { setPassword } from '../../src/app/identity';
import { defineRoute } from '../../src/http/routes';
import { createTestHttpApp, TestHttpApp } from '../support/http';
import { sessionCookieOf, signInToConsole } from '../support/sign-in';

class NoteBody {
  @IsString() text: string;
}

/** A write route any signed-in user may call, to see which credentials and headers it accepts. */
const routes = [
  defineRoute({
    method: 'post', path: '/notes', summary: 'Echo a note', body: NoteBody, response: { description: 'Echoed' },
    handler: ({ actor, body }) => ({ by: actor.username, text: body.text }),
  }),
];

const MINUTE = 60_000;

describe('console sign-in', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp({ routes }); });
  afterAll(async () => { await t.dispose(); });
  // Every test starts outside the previous test's throttle window (supertest always calls from 127.0.0.1).
  beforeEach(() => { t.clock.advance(16 * MINUTE); });

  it('signs in with username and password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const { password } = await setPassword(t.db, { username: 'head-yw' });
    const response = await request(t.app).post('/auth/login').send({ username: 'head-yw', password }).expect(200);

    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^cf_session=cfs_[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(response.body).toEqual({
      user: {
        userId: expect.any(String), username: 'head-yw', displayName: '赵建国', departmentId: expect.any(String),
        departmentCode: 'YW', departmentName: '运维管理部', groups: ['dept-head', 'ops'], headOf: ['ops'],
      },
      csrfToken: expect.any(String),
    });

    const cookie = sessionCookieOf(response.headers['set-cookie']);
    const me = await request(t.app).get('/me').set('Cookie', cookie).expect(200);
    expect(me.body).toEqual(response.body.user);
    const session = await request(t.app).get('/auth/session').set('Cookie', cookie).expect(200);
    expect(session.body).toEqual(response.body);
  });

  it('answers a wrong password and an unknown user in exactly the same way', async () => {
    await setPassword(t.db, { username: 'ops1', password: 'correct horse battery' });
    const wrongPassword = await request(t.app).post('/auth/login').send({ username: 'ops1', password: 'wrong password' }).expect(401);
    const unknownUser = await request(t.app).post('/auth/login').send({ username: 'nobody', password: 'wrong password' }).expect(401);
    const noPasswordYet = await request(t.app).post('/auth/login').send({ username: 'gm1', password: 'wrong password' }).expect(401);

    expect(wrongPassword.body).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(noPasswordYet.body).toEqual(wrongPassword.body);
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('refuses further attempts for a username after 5 failures, even with the right password, until the window passes', async () => {
    const { password } = await setPassword(t.db, { username: 'quality1' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await request(t.app).post('/auth/login').send({ username: 'quality1', password: `guess-${attempt}` }).expect(401);
    }
    const throttled = await request(t.app).post('/auth/login').set('Accept-Language', 'zh-CN')
      .send({ username: 'quality1', password }).expect(429);
    expect(throttled.body).toEqual({ error: 'too_many_attempts', message: '登录失败次数过多，请稍后再试' });
    expect(throttled.headers['set-cookie']).toBeUndefined();

    // Another user from the same address is not locked out by these five.
    await signInToConsole(t.app, t.db, 'ga1');

    t.clock.advance(16 * MINUTE);
    await request(t.app).post('/auth/login').send({ username: 'quality1', password }).expect(200);
  });

  it('refuses further attempts from an address after 20 failures across usernames', async () => {
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      await request(t.app).post('/auth/login').send({ username: `guess${attempt}`, password: 'password1' }).expect(401);
    }
    const { password } = await setPassword(t.db, { username: 'rep1' });
    const throttled = await request(t.app).post('/auth/login').send({ username: 'rep1', password }).expect(429);
    expect(throttled.body.error).toBe('too_many_attempts');
  });

  it('needs the CSRF header on cookie-authenticated writes, but not on reads', async () => {
    const session = await signInToConsole(t.app, t.db, 'desk1');
    const missing = await request(t.app).post('/notes').set('Cookie', session.cookie).send({ text: 'hi' }).expect(403);
    expect(missing.body).toEqual({ error: 'csrf_failed', message: expect.any(String) });
    await request(t.app).post('/notes').set('Cookie', session.cookie).set('X-CSRF-Token', `${session.csrfToken}x`)
      .send({ text: 'hi' }).expect(403);
    const accepted = await request(t.app).post('/notes').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken)
      .send({ text: 'hi' }).expect(200);
    expect(accepted.body).toEqual({ by: 'desk1', text: 'hi' });
    await request(t.app).get('/me').set('Cookie', session.cookie).expect(200);
  });

  it('keeps bearer tokens working without a CSRF header, and lets them win over a cookie', async () => {
    const session = await signInToConsole(t.app, t.db, 'leader1');
    const response = await request(t.app).post('/notes').set('Authorization', t.bearer('auditor1')).set('Cookie', session.cookie)
      .send({ text: 'script' }).expect(200);
    expect(response.body.by).toBe('auditor1');
    await request(t.app).post('/notes').set('Authorization', t.bearer('auditor1')).send({ text: 'script' }).expect(200);
  });

  it('ends the session on logout and clears the cookie', async () => {
    const session = await signInToConsole(t.app, t.db, 'owner1');
    await request(t.app).post('/auth/logout').set('Cookie', session.cookie).expect(403);
    const logout = await request(t.app).post('/auth/logout').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/^cf_session=;.*Expires=Thu, 01 Jan 1970/);

    await request(t.app).get('/me').set('Cookie', session.cookie).expect(401);
    await request(t.app).get('/auth/session').set('Cookie', session.cookie).expect(401);
    await request(t.app).post('/notes').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ text: 'x' }).expect(401);
  });

  it('ends a session after the idle timeout and after its lifetime, however active', async () => {
    const idle = await signInToConsole(t.app, t.db, 'ops1');
    t.clock.advance(29 * MINUTE);
    await request(t.app).get('/me').set('Cookie', idle.cookie).expect(200);
    t.clock.advance(29 * MINUTE);
    await request(t.app).get('/me').set('Cookie', idle.cookie).expect(200);
    t.clock.advance(31 * MINUTE);
    await request(t.app).get('/me').set('Cookie', idle.cookie).expect(401);

    const busy = await signInToConsole(t.app, t.db, 'ops1');
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      await request(t.app).get('/me').set('Cookie', busy.cookie).expect(200);
    }
    t.clock.advance(20 * MINUTE);
    await request(t.app).get('/me').set('Cookie', busy.cookie).expect(401);

    // Signing in again clears the user's dead sessions (the idle one went with the second sign-in already).
    const sessionsOfOps = () => t.db.read(async (m) => (await m.query(
      "SELECT s.id FROM org_session s JOIN org_user u ON u.id = s.user_id WHERE u.username = 'ops1'")).map((r: { id: string }) => r.id));
    const dead = await sessionsOfOps();
    expect(dead).toHaveLength(1);
    await signInToConsole(t.app, t.db, 'ops1');
    const live = await sessionsOfOps();
    expect(live).toHaveLength(1);
    expect(live).not.toEqual(dead);
  });

  it('ends the sessions of a user whose password is reset', async () => {
    const session = await signInToConsole(t.app, t.db, 'gm1');
    await setPassword(t.db, { username: 'gm1' });
    await request(t.app).get('/me').set('Cookie', session.cookie).expect(401);
  });

  it('never stores or logs the password', async () => {
    const password = 'Unmistakable-Pa55word';
    await setPassword(t.db, { username: 'auditor1', password });
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); }));
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => { printed.push(String(chunk)); return true; });
    try {
      await request(t.app).post('/auth/login').send({ username: 'auditor1', password }).expect(200);
      await request(t.app).post('/auth/login').send({ username: 'auditor1', password: `${password}!` }).expect(401);
      await request(t.app).post('/auth/login').send({ username: 'auditor1', password, extra: password }).expect(400);
      await request(t.app).post('/auth/login').set('Content-Type', 'application/json').send(`{"username":"auditor1","password":"${password}"`).expect(400);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
      stdout.mockRestore();
    }
    const logged = [...printed, ...t.loggedErrors.map((entry) => `${entry.message} ${String(entry.error)} ${JSON.stringify(entry.error)}`)].join('\n');
    expect(logged).not.toContain(password);
    const stored = JSON.stringify(await t.db.read((manager) => manager.query('SELECT * FROM org_password')));
    expect(stored).toContain('scrypt$32768$8$1$');
    expect(stored).not.toContain(password);
  });
});
