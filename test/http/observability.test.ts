import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { TimerRow } from '../../src/persistence/entities/engine';
import { createTestApplication, TestApplication } from '../support/app';
import { holdEveryWriter } from '../support/database';
import { complete } from '../complaints/support';

const HOUR = 3_600_000;
const complaint = {
  complainant: { name: '王先生', phone: '13800138000' }, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
  category: 'technicalService', severity: 'general', content: '宽带频繁掉线',
};

/** The value of one sample line of a Prometheus text exposition, e.g. `open_tasks{group="service-desk"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics and request logs', () => {
  let t: TestApplication;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const requestLog = pino({}, { write: (line: string) => { logLines.push(JSON.parse(line)); } });
    t = await createTestApplication({ requestLog });
  });
  afterAll(async () => { await t.dispose(); });

  it('Given a registered complaint left waiting past its response limit, then /metrics shows its open task, the overdue task and the request latency by route', async () => {
    const registered = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1')).send(complaint).expect(201);
    await request(t.app.http).get(`/complaints/${registered.body.number}`).set('Authorization', t.bearer('desk1')).expect(200);

    const fresh = await request(t.app.http).get('/metrics').expect(200);
    expect(fresh.headers['content-type']).toContain('text/plain');
    expect(sample(fresh.text, 'open_tasks{group="service-desk"}')).toBe(1);
    expect(sample(fresh.text, 'overdue_tasks')).toBe(0);
    expect(sample(fresh.text, 'timer_lag_seconds')).toBe(0);
    expect(sample(fresh.text, 'http_request_duration_seconds_count{method="GET",route="/complaints/:number",status="200"}')).toBe(1);
    expect(fresh.text).not.toContain(registered.body.number); // ids never become labels

    t.clock.advance(48 * HOUR);
    const late = await request(t.app.http).get('/metrics').expect(200);
    expect(sample(late.text, 'overdue_tasks')).toBe(1);
  });

  it('Given a registration and a fired timer, then /metrics counts the engine operations by kind and outcome and how late the timer fired', async () => {
    const before = await request(t.app.http).get('/metrics').expect(200);
    const registrations = (text: string) => sample(text, 'engine_operation_duration_seconds_count{kind="register",outcome="ok"}') ?? 0;
    const registered = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1')).send({ ...complaint, content: '电视无信号' }).expect(201);
    const after = await request(t.app.http).get('/metrics').expect(200);
    expect(registrations(after.text) - registrations(before.text)).toBe(1);

    // Dispatched, then the 2 h response limit of a general complaint passes; the poller fires its escalation timer 30 s late.
    await complete(t, registered.body.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    t.clock.advance(2 * HOUR + 30_000);
    expect(await t.fireDueTimers()).toBeGreaterThan(0);
    const fired = await request(t.app.http).get('/metrics').expect(200);
    expect(sample(fired.text, 'engine_operation_duration_seconds_count{kind="timer",outcome="ok"}')).toBeGreaterThan(0);
    expect(sample(fired.text, 'timer_fire_lag_seconds_count')).toBeGreaterThan(0);
    expect(sample(fired.text, 'timer_fire_lag_seconds_bucket{le="0.5"}')).toBe(0);
  });

  it('Given a timer due 90 s ago that no poller fired, then /metrics reports a timer lag of 90 s', async () => {
    await t.app.db.transaction((manager) => manager.insert(TimerRow, {
      itemId: randomUUID(), instanceId: randomUUID(), elementId: 'lateTimer', dueAt: new Date(t.clock.now().getTime() - 90_000),
      leaseOwner: null, leaseUntil: null, attempts: 0, lastError: null,
    }));
    const scraped = await request(t.app.http).get('/metrics').expect(200);
    expect(sample(scraped.text, 'timer_lag_seconds')).toBe(90);
  });

  it('Given every writer busy, then /metrics shows how long the writes that came meanwhile waited, urgent ones apart', async () => {
    const count = (text: string, urgency: string) => sample(text, `write_transaction_wait_seconds_count{urgency="${urgency}"}`) ?? 0;
    const quick = (text: string) => sample(text, 'write_transaction_wait_seconds_bucket{le="0.02",urgency="normal"}') ?? 0;
    const before = await request(t.app.http).get('/metrics').expect(200);

    const { releases, done } = await holdEveryWriter(t.app.db);
    const waiting = [t.app.db.transaction(async () => undefined), t.app.db.transaction(async () => undefined, 'urgent')];
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (const release of releases) release();
    await Promise.all([done, ...waiting]);

    const after = await request(t.app.http).get('/metrics').expect(200);
    expect(count(after.text, 'normal') - count(before.text, 'normal')).toBe(t.app.db.concurrentWriters + 1);
    expect(count(after.text, 'urgent') - count(before.text, 'urgent')).toBe(1);
    // The busy ones began at once; the one that waited 60 ms for them is past the 20 ms bucket.
    expect(quick(after.text) - quick(before.text)).toBe(t.app.db.concurrentWriters);
  });

  it('Given a request with or without an X-Request-Id, then the answer and the JSON log line carry the request id', async () => {
    const offered = await request(t.app.http).get('/me').set('Authorization', t.bearer('ops1')).set('X-Request-Id', 'trace-42').expect(200);
    expect(offered.headers['x-request-id']).toBe('trace-42');
    expect(logLines).toContainEqual(expect.objectContaining({ reqId: 'trace-42', method: 'GET', route: '/me', status: 200, user: 'ops1', msg: 'request' }));

    const malformed = await request(t.app.http).get('/me').set('Authorization', t.bearer('ops1')).set('X-Request-Id', 'bad id <script>').expect(200);
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines.at(-1)).toMatchObject({ reqId: malformed.headers['x-request-id'] });
  });
});

describe('/metrics access', () => {
  it('Given METRICS_TOKEN, then only that bearer token reads /metrics; to anyone else it is an unknown path', async () => {
    const t = await createTestApplication({ config: { metricsToken: 'scrape-secret' } });
    try {
      await request(t.app.http).get('/metrics').expect(401);
      await request(t.app.http).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
      await request(t.app.http).get('/metrics').set('Authorization', t.bearer('desk1')).expect(404);
      const ok = await request(t.app.http).get('/metrics').set('Authorization', 'Bearer scrape-secret').expect(200);
      expect(ok.text).toContain('# TYPE http_request_duration_seconds histogram');
    } finally {
      await t.dispose();
    }
  });

  it('Given a reverse proxy (TRUST_PROXY) and no token, then nobody reads /metrics, as every caller would look local', async () => {
    const t = await createTestApplication({ config: { trustProxy: 'loopback' } });
    try {
      await request(t.app.http).get('/metrics').set('Authorization', t.bearer('desk1')).expect(404);
    } finally {
      await t.dispose();
    }
  });
});
