import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(60_000);

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication(); });
afterAll(async () => { await t?.dispose(); });

const nested = (depth: number) => `{"data":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

/** Every route that takes a JSON body, with a caller allowed to use it. */
const JSON_ROUTES: Array<[string, string, 'desk1' | 'ga1']> = [
  ['post', '/complaints', 'desk1'],
  ['post', '/complaints/2026KF001/penalties', 'desk1'],
  ['post', '/penalties/00000000-0000-4000-8000-000000000000/exemptions', 'desk1'],
  ['post', '/ledger/corrections', 'ga1'],
  ['post', '/tasks/unknown/complete', 'desk1'],
  ['post', '/tasks/unknown/assign', 'desk1'],
];

describe('deeply nested JSON', () => {
  it.each(JSON_ROUTES)('Given a body nested 3000 and 100000 levels deep, when it is sent to %s %s, then 400, not 500', async (method, path, user) => {
    for (const depth of [3000, 100_000]) {
      const response = await (request(t.app.http) as any)[method](path).set('Authorization', t.bearer(user)).set('Content-Type', 'application/json').send(nested(depth));

      expect(response.status).toBe(400);
      expect(response.body.error).toBe('too_deeply_nested');
    }
    expect(t.loggedErrors).toEqual([]);
  });

  it('Given 32 levels, then the body reaches validation; 33 levels are refused', async () => {
    const send = (depth: number) => request(t.app.http).post('/ledger/corrections').set('Authorization', t.bearer('ga1')).set('Content-Type', 'application/json').send(nested(depth));

    expect((await send(32)).body.error).toBe('validation_failed');
    expect((await send(33)).body.error).toBe('too_deeply_nested');
  });
});
