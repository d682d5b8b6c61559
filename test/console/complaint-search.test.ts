import request from 'supertest';
import { DemoUsername } from '../../src/app/identity';
import { createTestApplication, TestApplication } from '../support/app';
import { complete, HOUR, register, registrationBody } from '../complaints/support';

const DAY = 24 * HOUR;

describe('complaint search and repeat check', () => {
  let t: TestApplication;
  beforeAll(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); }); // 09:00 in Shanghai
  afterAll(async () => { await t.dispose(); });

  const search = async (query: Record<string, unknown>, user: DemoUsername = 'desk1') => {
    const response = await request(t.app.http).get('/complaints').query(query).set('Authorization', t.bearer(user)).expect(200);
    return response.body as { items: Array<{ number: string }>; nextCursor: string | null; total?: number };
  };
  const numbers = async (query: Record<string, unknown>, user?: DemoUsername) => (await search(query, user)).items.map((i) => i.number).sort();

  let zhangSan: string; let zhangSi: string; let liWu: string; let lateNight: string;

  beforeAll(async () => {
    zhangSan = (await register(t, registrationBody({ complainant: { name: '张三', phone: '13800000001' }, severity: 'general' }))).number;
    t.clock.advance(60_000);
    zhangSi = (await register(t, registrationBody({ complainant: { name: '张四', phone: '13800000002' }, severity: 'minor', category: 'serviceAttitude' }))).number;
    t.clock.advance(DAY);
    liWu = (await register(t, registrationBody({ complainant: { name: '李五', phone: '010-62345678' }, severity: 'general' }))).number;
    t.clock.set('2026-11-24T17:30:00Z'); // 01:30 on 25 November in Shanghai, still the 24th in UTC
    lateNight = (await register(t, registrationBody({ complainant: { name: '王六', phone: '13900000006' }, severity: 'minor' }))).number;
    await complete(t, liWu, 'dispatch', 'desk1', { responsibleDept: 'YW' });
  });

  it('finds complaints by number, customer name, phone, status and severity', async () => {
    expect(await numbers({ number: zhangSi })).toEqual([zhangSi]);
    expect(await numbers({ number: '2026KF' })).toEqual([zhangSan, zhangSi, liWu, lateNight].sort());
    expect(await numbers({ customer: '张' })).toEqual([zhangSan, zhangSi].sort());
    expect(await numbers({ customer: '张三' })).toEqual([zhangSan]);
    expect(await numbers({ phone: '+86 138 0000 0001' })).toEqual([zhangSan]);
    expect(await numbers({ phone: '(010)62345678' })).toEqual([liWu]);
    expect(await numbers({ status: 'dispatched' })).toEqual([liWu]);
    expect(await numbers({ severity: 'minor' })).toEqual([zhangSi, lateNight].sort());
    expect(await numbers({ customer: '张', severity: 'minor' })).toEqual([zhangSi]);
    expect(await numbers({ customer: '%' })).toEqual([]);
  });

  it('filters by registration day in Asia/Shanghai', async () => {
    expect(await numbers({ registeredFrom: '2026-11-23', registeredTo: '2026-11-23' })).toEqual([zhangSan, zhangSi].sort());
    expect(await numbers({ registeredFrom: '2026-11-24', registeredTo: '2026-11-24' })).toEqual([liWu]);
    expect(await numbers({ registeredFrom: '2026-11-25' })).toEqual([lateNight]);
    const invalid = await request(t.app.http).get('/complaints').query({ registeredFrom: '2026-11-31', registeredTo: 'tomorrow' })
      .set('Authorization', t.bearer('desk1')).expect(400);
    expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['registeredFrom', 'registeredTo']);
  });

  it('pages newest first with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ number: string }>; nextCursor: string | null } = await search({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([lateNight, liWu, zhangSi, zhangSan]);
    await request(t.app.http).get('/complaints').query({ cursor: 'garbage' }).set('Authorization', t.bearer('desk1')).expect(400);
  });

  it('counts the matching complaints only when asked, with the same filter and visibility as the page', async () => {
    expect(await search({ limit: 1 })).not.toHaveProperty('total');
    const counted = await search({ limit: 1, count: true });
    expect(counted.items).toHaveLength(1);
    expect(counted).toMatchObject({ total: 4, nextCursor: expect.any(String) });
    expect((await search({ limit: 1, count: true, cursor: counted.nextCursor })).total).toBe(4); // all pages, whatever the cursor
    expect(await search({ customer: '张', count: true })).toMatchObject({ total: 2, nextCursor: null });
    expect((await search({ count: true }, 'ops1')).total).toBe(1); // department staff count their department's
    expect((await search({ count: false })).total).toBeUndefined();
  });

  it('answers 400 naming the field for a bad cursor, limit or count', async () => {
    const fields = async (query: Record<string, unknown>) => {
      const response = await request(t.app.http).get('/complaints').query(query).set('Authorization', t.bearer('desk1')).expect(400);
      return response.body.fields as Array<{ field: string; messages: string[] }>;
    };
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    expect(await fields({ cursor: forged })).toEqual([{ field: 'cursor', messages: ['is not a cursor returned by this list'] }]);
    expect(await fields({ cursor: 'x'.repeat(301) })).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(await fields({ limit: 101 })).toEqual([{ field: 'limit', messages: ['limit must not be greater than 100'] }]);
    expect(await fields({ limit: 0 })).toEqual([{ field: 'limit', messages: ['limit must not be less than 1'] }]);
    expect(await fields({ limit: 'ten' })).toEqual([expect.objectContaining({ field: 'limit' })]);
    expect(await fields({ count: 'yes' })).toEqual([{ field: 'count', messages: ['count must be true or false'] }]);
  });

  it('shows department staff only the complaints routed to their department', async () => {
    expect(await numbers({ customer: '李' }, 'ops1')).toEqual([liWu]);
    expect(await numbers({ customer: '张' }, 'ops1')).toEqual([]);
  });

  it('tells whether a complaint of a phone number and category would repeat, with the same rule as registration', async () => {
    const check = async (phone: string, category: string) =>
      (await request(t.app.http).get('/complaints/repeat-check').query({ phone, category }).set('Authorization', t.bearer('desk1')).expect(200)).body;

    expect(await check('138-0000-0001', 'technicalService')).toEqual({
      repeat: true,
      previous: [{ number: zhangSan, registeredAt: expect.any(String), category: 'technicalService', status: 'registered' }],
    });
    expect(await check('13800000001', 'serviceAttitude')).toEqual({
      repeat: false, previous: [expect.objectContaining({ number: zhangSan, category: 'technicalService' })],
    });
    const noCategory = await request(t.app.http).get('/complaints/repeat-check').query({ phone: '13800000001' }).set('Authorization', t.bearer('desk1')).expect(200);
    expect(noCategory.body).toEqual({ repeat: false, previous: [expect.objectContaining({ number: zhangSan })] });
    expect(await check('13700000000', 'technicalService')).toEqual({ repeat: false, previous: [] });

    const repeated = await register(t, registrationBody({ complainant: { name: '张三', phone: '138 0000 0001' } }));
    const view = await request(t.app.http).get(`/complaints/${repeated.number}`).set('Authorization', t.bearer('desk1')).expect(200);
    expect(view.body).toMatchObject({ isRepeat: true, repeatOf: zhangSan });

    const inquiryOnly = '13600000000';
    await register(t, registrationBody({ kind: 'inquiry', complainant: { name: '赵七', phone: inquiryOnly } }));
    expect((await check(inquiryOnly, 'technicalService')).repeat).toBe(false);

    const windowDays = t.app.policy.repeatComplaintWindowDays;
    t.clock.advance((windowDays + 1) * DAY);
    expect((await check('13900000006', 'technicalService')).repeat).toBe(false);

    await request(t.app.http).get('/complaints/repeat-check').query({ phone: 'call me', category: 'technicalService' }).set('Authorization', t.bearer('desk1')).expect(400);
    await request(t.app.http).get('/complaints/repeat-check').query({ phone: '13800000001', category: 'technicalService' })
      .set('Authorization', t.bearer('ops1')).expect(403);
  });
});
