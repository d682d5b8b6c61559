import request from 'supertest';
import { issueToken, revokeToken, signOut } from '../../src/app/identity';
import { IDENTITY_RECHECK_MS } from '../../src/app/identity/identity-cache';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/persistence/database';
import { UserGroupRow, UserRow } from '../../src/persistence/entities/identity';
import { IdentityRepository } from '../../src/persistence/repositories/identity-repository';
import { createTestHttpApp, TestHttpApp } from '../support/http';
import { signInToConsole } from '../support/sign-in';
import { statementsDuring } from '../support/statements';

/** Counts the SQL statements `db` sends while `work` runs. */
async function statementsOf(db: Database, work: () => Promise<unknown>): Promise<number> {
  return (await statementsDuring(db, work)).statements;
}

/** A token's first use is recorded in the background, after the answer; waits until it is, so it is not counted later. */
async function firstUseRecorded(db: Database, username: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await db.read((manager) => manager.query(
      'SELECT COUNT(*) AS n FROM org_api_token k JOIN org_user u ON u.id = k.user_id WHERE u.username = ? AND k.last_used_at IS NOT NULL', [username]));
    if (Number(row.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the first use of ${username}'s token was never recorded`);
}

describe('authentication cache', () => {
  let t: TestHttpApp;
  /** A second connection with its own cache: another server process, or the users CLI. */
  let other: Database;
  beforeAll(async () => {
    t = await createTestHttpApp();
    other = await openDatabase(t.url);
  });
  afterAll(async () => {
    await other.close();
    await t.dispose();
  });

  it('Given a token that authenticated once, then the next request reads nothing, and one after the recheck interval only the identity generation', async () => {
    await request(t.app).get('/me').set('Authorization', t.bearer('quality1')).expect(200);
    await firstUseRecorded(t.db, 'quality1');
    const me = () => request(t.app).get('/me').set('Authorization', t.bearer('quality1')).expect(200);
    expect(await statementsOf(t.db, me)).toBe(0);
    t.clock.advance(IDENTITY_RECHECK_MS);
    expect(await statementsOf(t.db, me)).toBe(1);
    expect(await statementsOf(t.db, me)).toBe(0);
  });

  it('Given a cached token, when it is revoked in this process, then the next request gets 401', async () => {
    const issued = await issueToken(t.db, { username: 'ops1', label: 'revoke here' });
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
    await revokeToken(t.db, issued.id);
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(401);
  });

  it('Given a cached token, when another process (the users CLI) revokes it, then requests get 401 once the recheck interval has passed', async () => {
    const issued = await issueToken(t.db, { username: 'ops1', label: 'revoke elsewhere' });
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
    await revokeToken(other, issued.id);
    t.clock.advance(IDENTITY_RECHECK_MS - 1);
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
    t.clock.advance(1);
    const response = await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('Given a cached user, when another process adds them to a group, then a request after the recheck interval acts with the new group', async () => {
    const before = await request(t.app).get('/me').set('Authorization', t.bearer('ga1')).expect(200);
    expect(before.body.groups).toEqual(['general-affairs']);
    await other.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(UserRow, { username: 'ga1' });
      await new IdentityRepository(manager).saveMembership(Object.assign(new UserGroupRow(), { userId: user.id, groupId: 'quality', isHead: false }));
    });
    t.clock.advance(IDENTITY_RECHECK_MS);
    const after = await request(t.app).get('/me').set('Authorization', t.bearer('ga1')).expect(200);
    expect(after.body.groups).toEqual(['general-affairs', 'quality']);
  });

  it('Given a cached console session, when it is logged out through another process, then the cookie gets 401 after the recheck interval', async () => {
    const { cookie } = await signInToConsole(t.app, t.db, 'leader1');
    await request(t.app).get('/me').set('Cookie', cookie).expect(200);
    const statements = await statementsOf(t.db, () => request(t.app).get('/me').set('Cookie', cookie).expect(200));
    expect(statements).toBe(0);
    await signOut({ db: other, clock: t.clock, settings: loadConfig().signIn }, cookie.split('=')[1]);
    t.clock.advance(IDENTITY_RECHECK_MS);
    await request(t.app).get('/me').set('Cookie', cookie).expect(401);
  });

  it('Given a cached console session, when it idles past the limit, then the cookie gets 401 at once', async () => {
    const { cookie } = await signInToConsole(t.app, t.db, 'rep1');
    await request(t.app).get('/me').set('Cookie', cookie).expect(200);
    t.clock.advance(loadConfig().signIn.idleMinutes * 60_000);
    await request(t.app).get('/me').set('Cookie', cookie).expect(401);
  });
});
