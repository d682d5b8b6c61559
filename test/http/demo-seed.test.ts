import request from 'supertest';
import { DEMO_USERS, listTokens, listUsers, revokeToken, seedDemoOrganisation } from '../../src/app/identity';
import { createTestHttpApp, TestHttpApp } from '../support/http';

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
    expect(again).toEqual({ createdDepartments: [], createdUsers: [], tokens: [] });
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
});
