import request from 'supertest';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { registrationBody } from '../complaints/support';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(60_000);

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication(); });
afterAll(async () => { await t?.dispose(); });

const get = (path: string, user: 'desk1' | 'ga1' = 'desk1') => request(t.app.http).get(path).set('Authorization', t.bearer(user));
const register = (body: Record<string, unknown>) => request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1')).send(body);
const complaintCount = () => t.app.db.read((m) => m.count(ComplaintRow));

describe('security headers', () => {
  it('Given any answer, then it carries a content security policy the console and Swagger UI can live with, and helmet\'s other headers', async () => {
    const response = await request(t.app.http).get('/healthz');

    const csp = Object.fromEntries(String(response.headers['content-security-policy']).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['font-src']).toEqual(["'self'", 'data:']);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('Given an authenticated answer (it carries phone numbers), then it is not stored by any cache; public ones may be', async () => {
    await register(registrationBody());

    expect((await get('/complaints')).headers['cache-control']).toBe('no-store');
    expect((await get('/me')).headers['cache-control']).toBe('no-store');
    expect((await get('/no-such-route')).headers['cache-control']).toBe('no-store');
    expect((await request(t.app.http).get('/me')).headers['cache-control']).toBe('no-store'); // the 401 too
    expect((await request(t.app.http).get('/healthz')).headers['cache-control']).toBeUndefined();
  });
});

describe('control characters in text', () => {
  it.each([
    ['NUL', '宽带\u0000掉线'],
    ['ESC', '宽带\u001b[31m掉线'],
    ['a lone carriage return', '宽带\r掉线'],
    ['right-to-left override', '宽带\u202e线掉'],
    ['a bidi isolate', '宽带\u2066掉线'],
    ['C1 control', '宽带\u0085掉线'],
  ])('Given %s in the complaint text, then 400 names the field and nothing is registered', async (_name, content) => {
    const before = await complaintCount();

    const response = await register(registrationBody({ content }));

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([expect.objectContaining({ field: 'content', messages: [expect.stringContaining('control characters')] })]);
    expect(await complaintCount()).toBe(before);
  });

  it('Given a control character in a nested field, then the path of the field is named', async () => {
    const response = await register(registrationBody({ complainant: { name: '王\u0000先生', phone: '13800138000' } }));

    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['complainant.name']);
  });

  it('Given newlines (LF and CRLF) and tabs, then the text is accepted as written', async () => {
    const content = '第一行\n第二行\r\n\t缩进的第三行';

    const response = await register(registrationBody({ content }));

    expect(response.status).toBe(201);
    const stored = await t.app.db.read((m) => m.findOneByOrFail(ComplaintRow, { number: response.body.number }));
    expect(stored.content).toBe(content);
  });

  it('Given a path with a broken %-escape, then 400 malformed_path, not a server error', async () => {
    for (const path of ['/instances/%E0%A4%A/notifications', '/tasks/%E0%A4%A', '/complaints/%ZZ']) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'malformed_path', message: 'The request path contains an invalid percent-encoding' });
    }
    expect((await get('/tasks/%E0%A4%A').set('Accept-Language', 'zh-CN')).body.message).toBe('请求地址中含有无效的百分号编码');
  });

  it('Given a control character in a query filter, then 400', async () => {
    expect((await get('/complaints?department=Y%00W')).status).toBe(400);
  });
});

describe('dates outside a sane span', () => {
  it.each(['9999-12-31T00:00:00Z', '1900-01-01T00:00:00Z', '2100-01-01T00:00:00Z'])(
    'Given a requested reply date of %s, then 400 names requestedReplyAt', async (requestedReplyAt) => {
      const response = await register(registrationBody({ requestedReplyAt }));

      expect(response.status).toBe(400);
      expect(response.body.fields).toEqual([expect.objectContaining({ field: 'requestedReplyAt', messages: [expect.stringContaining('between 2000-01-01 and 2099-12-31')] })]);
    });

  it('Given date filters in year 9999, then 400 on the complaint and task lists', async () => {
    expect((await get('/complaints?from=9999-01-01T00:00:00Z')).status).toBe(400);
    expect((await get('/complaints?to=9999-01-01')).status).toBe(400);
    expect((await get('/tasks?dueBefore=9999-01-01T00:00:00Z')).status).toBe(400);
  });

  it('Given a date within the span, then it is accepted', async () => {
    expect((await register(registrationBody({ requestedReplyAt: '2026-11-30T10:00:00+08:00' }))).status).toBe(201);
  });
});

describe('filter values that do not exist', () => {
  it('Given severity=critical, then 400 naming major, general and minor', async () => {
    const response = await get('/tasks?severity=critical');

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([{ field: 'severity', messages: [expect.stringMatching(/major, general, minor/)] }]);
  });

  it('Given process=nope, then 400 naming the deployed processes', async () => {
    const response = await get('/tasks?process=nope');

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([{ field: 'process', messages: ['must be one of the deployed processes: complaint-lifecycle, exemption, penalty'] }]);
  });

  it('Given an unknown department or group, then 400 naming what exists', async () => {
    const department = await get('/tasks?department=XX');
    expect(department.status).toBe(400);
    expect(department.body.fields[0].messages[0]).toContain('KF, YW, ZL');

    const group = await get('/tasks?group=admins');
    expect(group.status).toBe(400);
    expect(group.body.fields[0].messages[0]).toContain('service-desk');
  });

  it('Given valid filter values, then the list answers 200', async () => {
    expect((await get('/tasks?severity=general&process=complaint-lifecycle&department=KF')).status).toBe(200);
  });
});
