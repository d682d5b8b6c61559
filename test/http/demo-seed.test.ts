import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_USERS, listTokens, listUsers, revokeToken, seedDemoOrganisation } from '../../src/app/identity';
import { recordDemoCredentials } from '../../src/bootstrap/demo-credentials';
import { createTestHttpApp, TestHttpApp } from '../support/http';
import { sessionCookieOf } from '../support/sign-in';

describe('demo organisation seed', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp(); });
  afterAll(async () => { await t.dispose(); });

  it('gives every group a demo user that can sign in', async () => {
    const groups = new Set<string>();
    for (const { username } of DEMO_USERS) {
      const me = await request(t.app).get('/me').set('Authorization', t.bearer(username)).expect(200);
      me.body.groups.forEach((group: string) => groups.add(group));
    }
    expect([...groups].sort()).toEqual([
      'auditor', 'dept-head', 'division-leader', 'general-affairs', 'general-manager',
      'management-rep', 'ops', 'process-owner', 'quality', 'service-desk',
    ]);
  });

  it('creates nothing and issues no tokens when run again', async () => {
    const usersBefore = await listUsers(t.db);
    const again = await seedDemoOrganisation(t.db);
    expect(again).toEqual({ createdDepartments: [], createdUsers: [], tokens: [], passwords: [] });
    expect(await listUsers(t.db)).toEqual(usersBefore);
    await request(t.app).get('/me').set('Authorization', t.bearer('desk1')).expect(200);
  });

  it('issues a new token only for a demo user whose tokens were all revoked', async () => {
    const [gmToken] = await listTokens(t.db, 'gm1');
    await revokeToken(t.db, gmToken.id);
    const rerun = await seedDemoOrganisation(t.db);
    expect(rerun.createdUsers).toEqual([]);
    expect(rerun.tokens.map((issued) => issued.username)).toEqual(['gm1']);
    await request(t.app).get('/me').set('Authorization', `Bearer ${rerun.tokens[0].token}`).expect(200);
    await request(t.app).get('/me').set('Authorization', t.bearer('gm1')).expect(401);
  });

  it('gives every demo user a console password once when asked, and keeps passwords and tokens in the data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-demo-'));
    try {
      fs.writeFileSync(path.join(dataDir, 'demo-tokens.json'), JSON.stringify({ desk1: t.tokens.desk1 }));
      const seeded = await seedDemoOrganisation(t.db, { passwords: true });
      expect(seeded.passwords.map((p) => p.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
      expect((await seedDemoOrganisation(t.db, { passwords: true })).passwords).toEqual([]);

      recordDemoCredentials(dataDir, seeded);
      const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8'));
      expect(fs.statSync(path.join(dataDir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
      expect(credentials.desk1).toEqual({ password: expect.any(String), token: t.tokens.desk1 });
      const tokens = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
      expect(tokens).toEqual({ desk1: t.tokens.desk1 });

      const login = await request(t.app).post('/auth/login').send({ username: 'desk1', password: credentials.desk1.password }).expect(200);
      await request(t.app).get('/me').set('Cookie', sessionCookieOf(login.headers['set-cookie'])).expect(200);
      await request(t.app).get('/me').set('Authorization', `Bearer ${credentials.desk1.token}`).expect(200);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
