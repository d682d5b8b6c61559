import request from 'supertest';
import { issueToken, revokeToken } from '../../src/app/identity';
import { hashToken } from '../../src/app/identity/token-secret';
import { createTestHttpApp, TestHttpApp } from '../support/http';

describe('authentication', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp(); });
  afterAll(async () => { await t.dispose(); });

  it('leaves /healthz open', async () => {
    const response = await request(t.app).get('/healthz').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers 401 with a bearer challenge when no token is sent', async () => {
    const response = await request(t.app).get('/me').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="complaint-flow"');
    expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
  });

  it('answers 401 for another authorization scheme', async () => {
    await request(t.app).get('/me').set('Authorization', 'Basic ZGVzazE6c2VjcmV0').expect(401);
  });

  it('answers 401 invalid_token for an unknown token', async () => {
    const unknown = t.tokens.desk1.slice(0, -4) + (t.tokens.desk1.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of [unknown, 'not-a-token']) {
      const response = await request(t.app).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(response.body.error).toBe('invalid_token');
    }
  });

  it('stops accepting a token once it is revoked', async () => {
    const issued = await issueToken(t.db, { username: 'ops1', label: 'to revoke' });
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
    await revokeToken(t.db, issued.id);
    const response = await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(401);
    expect(response.body.error).toBe('invalid_token');
    await request(t.app).get('/me').set('Authorization', t.bearer('ops1')).expect(200);
  });

  it('tells the caller who they are, with groups and the groups they head', async () => {
    const response = await request(t.app).get('/me').set('Authorization', t.bearer('head-yw')).expect(200);
    expect(response.body).toEqual({
      userId: expect.any(String),
      username: 'head-yw',
      displayName: '赵建国',
      departmentId: expect.any(String),
      departmentCode: 'YW',
      departmentName: '运维管理部',
      groups: ['dept-head', 'ops'],
      headOf: ['ops'],
      headsDepartments: [],
    });
    const desk = await request(t.app).get('/me').set('authorization', `bearer ${t.tokens.desk1}`).expect(200);
    expect(desk.body).toMatchObject({ username: 'desk1', departmentCode: 'KF', groups: ['service-desk'], headOf: [] });
  });

  it('stores only a hash of each token', async () => {
    const issued = await issueToken(t.db, { username: 'auditor1', label: 'hash check' });
    const rows = await t.db.read((manager) => manager.query('SELECT * FROM org_api_token'));
    const stored = JSON.stringify(rows);
    for (const token of [issued.token, ...Object.values(t.tokens)]) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(3));
      expect(stored).toContain(hashToken(token));
    }
  });

  it('records when a token was last used', async () => {
    const issued = await issueToken(t.db, { username: 'gm1' });
    const lastUsed = () => t.db.read(async (manager) =>
      (await manager.query(`SELECT last_used_at FROM org_api_token WHERE id = '${issued.id}'`))[0].last_used_at);
    expect(await lastUsed()).toBeNull();
    await request(t.app).get('/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
    // written in the background, after the answer
    for (let i = 0; i < 100 && (await lastUsed()) === null; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await lastUsed()).not.toBeNull();
  });

  it('answers unknown routes with 404 JSON, but only to authenticated callers', async () => {
    const response = await request(t.app).get('/no/such/thing').set('Authorization', t.bearer('desk1')).expect(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ error: 'not_found', message: expect.stringContaining('/no/such/thing') });
    await request(t.app).post('/no/such/thing').expect(401);
  });
});
