import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { signInToConsole } from '../support/sign-in';

describe('console preferences', () => {
  let t: TestApplication;
  beforeAll(async () => { t = await createTestApplication(); });
  afterAll(async () => { await t.dispose(); });

  it('saves inbox filters per user through the console session', async () => {
    const desk = await signInToConsole(t.app.http, t.app.db, 'desk1');
    await request(t.app.http).get('/me/preferences').set('Cookie', desk.cookie).expect(200, { inboxFilters: {} });

    const filters = { saved: [{ name: '我的重大投诉', query: { severity: 'major', mine: true } }], default: '我的重大投诉' };
    await request(t.app.http).put('/me/preferences').set('Cookie', desk.cookie).send({ inboxFilters: filters }).expect(403);
    const saved = await request(t.app.http).put('/me/preferences').set('Cookie', desk.cookie).set('X-CSRF-Token', desk.csrfToken)
      .send({ inboxFilters: filters }).expect(200);
    expect(saved.body).toEqual({ inboxFilters: filters });

    await request(t.app.http).get('/me/preferences').set('Cookie', desk.cookie).expect(200, { inboxFilters: filters });
    await request(t.app.http).get('/me/preferences').set('Authorization', t.bearer('desk1')).expect(200, { inboxFilters: filters });
    await request(t.app.http).get('/me/preferences').set('Authorization', t.bearer('ops1')).expect(200, { inboxFilters: {} });

    const replaced = { saved: [] };
    await request(t.app.http).put('/me/preferences').set('Authorization', t.bearer('desk1')).send({ inboxFilters: replaced }).expect(200);
    await request(t.app.http).get('/me/preferences').set('Cookie', desk.cookie).expect(200, { inboxFilters: replaced });
  });

  it('refuses filters that are not an object, too large or too deep, in Chinese for the console', async () => {
    const put = (body: unknown) => request(t.app.http).put('/me/preferences').set('Authorization', t.bearer('ops1')).set('Accept-Language', 'zh-CN').send(body as object);
    const notObject = await put({ inboxFilters: 'severity=major' }).expect(400);
    expect(notObject.body.fields).toEqual([{ field: 'inboxFilters', messages: ['必须是对象'] }]);
    await put({ inboxFilters: { note: 'x'.repeat(9000) } }).expect(400);
    await put({ inboxFilters: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } }).expect(400);
    await put({ inboxFilters: {}, extra: 1 }).expect(400);
    await request(t.app.http).get('/me/preferences').set('Authorization', t.bearer('ops1')).expect(200, { inboxFilters: {} });
  });
});
