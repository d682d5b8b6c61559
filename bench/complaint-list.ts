/**
 * `npm run bench:complaints`: GET /complaints at 100,000 complaints, through the HTTP app listening on a port.
 *
 * Seeds 100,000 complaint rows (bulk INSERTs; the newest ~8,000 still open, each with a waiting user task and its
 * candidate group, so the page's current steps are looked up as in production) into a fresh SQLite file and a fresh
 * MariaDB database `cf_bench_complaints` at 127.0.0.1:3306 (root, no password; BENCH_MARIADB_URL names another
 * server, BENCH_SKIP_MARIADB=1 where none runs), then times keyset pages of 20 as the service desk (sees all) and as
 * ops staff (their department only): the first page, later pages through `nextCursor`, pages after cursors at random
 * depths, filtered pages, and `count=true`. Prints p50/p99 per case and database (milliseconds, client side, one
 * request at a time) and one JSON line per database. BENCH_COMPLAINTS overrides the row count for a quick run;
 * BENCH_EXPLAIN=1 prints the plans of the list's statements. Given database URLs instead
 * (`npm run bench:complaints -- mysql://root@127.0.0.1:3306/cf_bench_keep`), a database is filled when empty and
 * timed as it is otherwise, and kept.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { encodeComplaintCursor } from '../src/app/complaints';
import { DemoUsername, seedDemoOrganisation } from '../src/app/identity';
import { Application, createApplication } from '../src/bootstrap/application';
import { ManualClock } from '../src/engine/clock';
import { ApiTokenRow } from '../src/persistence/entities/identity';
import { ComplaintRepository, ComplaintSearch } from '../src/persistence/repositories/complaint-repository';
import { IsNull } from 'typeorm';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const OPEN = Math.min(COMPLAINTS, 8_000);
const REQUESTS = 200;
const WARMUP = 20;
const LIMIT = 20;
const ROWS_PER_INSERT = 400;
const ROWS_PER_TRANSACTION = 20_000;
const NOW = new Date('2026-11-29T02:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DEPARTMENTS = ['YW', 'ZL', 'GC', 'SC', 'YY'];
const OPEN_STATUSES = ['registered', 'dispatched', 'responded', 'handling', 'awaiting-customer', 'awaiting-closure'];
const SEVERITIES = ['major', 'general', 'minor'];
const CATEGORIES = ['technicalService', 'serviceQuality', 'serviceAttitude', 'workOrderHandling'];
const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const MARIADB_NAME = 'cf_bench_complaints';

interface CaseResult { name: string; p50: number; p99: number; max: number; rows: number }

/** A request: its query and user; the next request's cursor, if the case walks pages. */
type Step = (cursor: string | null) => { query: Record<string, string | number | boolean>; user: DemoUsername };

async function benchDatabase(label: string, dbUrl: string): Promise<{ db: string; complaints: number; seedSeconds: number; cases: CaseResult[] }> {
  const app = await createApplication({ clock: new ManualClock(NOW.toISOString()), config: { dbUrl }, startupLog: () => undefined });
  const server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // A kept database has the demo users already: revoke their tokens so that the seed issues new ones.
    await app.db.transaction((manager) => manager.update(ApiTokenRow, { revokedAt: IsNull() }, { revokedAt: NOW }));
    const seed = await seedDemoOrganisation(app.db);
    const tokens = Object.fromEntries(seed.tokens.map(({ username, token }) => [username, token])) as Record<DemoUsername, string>;
    const seeding = Date.now();
    const [{ count }] = await app.db.dataSource.manager.query('SELECT COUNT(*) AS count FROM complaint');
    if (Number(count) === 0) await fill(app);
    // MariaDB would recalculate the statistics in the background after a 10% change; settle them before timing.
    if (app.db.dialect === 'mysql') await app.db.dataSource.manager.query('ANALYZE TABLE complaint, wf_item, wf_candidate');
    const seedSeconds = Math.round((Date.now() - seeding) / 1000);
    const positions = await randomPositions(app, REQUESTS + WARMUP);
    if (process.env.BENCH_EXPLAIN === '1') await explain(app, label);

    const get = async (user: DemoUsername, query: Record<string, string | number | boolean>) => {
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const response = await fetch(`${baseUrl}/complaints?${params}`, { headers: { Authorization: `Bearer ${tokens[user]}` } });
      const body = await response.json() as { items: unknown[]; nextCursor: string | null; total?: number };
      if (response.status !== 200) throw new Error(`GET /complaints?${params}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };
    /** Times WARMUP + REQUESTS requests; a walking case follows nextCursor and starts again at the top at the end. */
    const time = async (name: string, step: Step, walk = false): Promise<CaseResult> => {
      const times: number[] = [];
      let cursor: string | null = null;
      let rows = 0;
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const { query, user } = step(cursor);
        const started = process.hrtime.bigint();
        const page = await get(user, query);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (i >= WARMUP) times.push(ms);
        if (page.items.length === 0) throw new Error(`${name}: an empty page`);
        rows = page.total ?? rows;
        cursor = walk ? page.nextCursor : null;
      }
      times.sort((a, b) => a - b);
      const at = (fraction: number) => Math.round(times[Math.ceil(times.length * fraction) - 1] * 10) / 10;
      return { name, p50: at(0.5), p99: at(0.99), max: at(1), rows };
    };

    let random = 0;
    const cases = [
      await time('first page', () => ({ user: 'desk1', query: { limit: LIMIT } })),
      await time('next pages via cursor (pages 2–221)', (cursor) => ({ user: 'desk1', query: { limit: LIMIT, ...(cursor ? { cursor } : {}) } }), true),
      await time('page after a cursor at a random depth', () => ({ user: 'desk1', query: { limit: LIMIT, cursor: positions[random++ % positions.length] } })),
      await time('status=dispatched, pages via cursor', (cursor) => ({ user: 'desk1', query: { limit: LIMIT, status: 'dispatched', ...(cursor ? { cursor } : {}) } }), true),
      await time('department=YW, pages via cursor', (cursor) => ({ user: 'desk1', query: { limit: LIMIT, department: 'YW', ...(cursor ? { cursor } : {}) } }), true),
      await time('status=closed, page after a cursor at a random depth', () => ({ user: 'desk1', query: { limit: LIMIT, status: 'closed', cursor: positions[random++ % positions.length] } })),
      await time('department=YW, page after a cursor at a random depth', () => ({ user: 'desk1', query: { limit: LIMIT, department: 'YW', cursor: positions[random++ % positions.length] } })),
      await time('department staff (ops1 sees YW), pages via cursor', (cursor) => ({ user: 'ops1', query: { limit: LIMIT, ...(cursor ? { cursor } : {}) } }), true),
      await time('severity=major, first page', () => ({ user: 'desk1', query: { limit: LIMIT, severity: 'major' } })),
      await time('overdue=true, pages via cursor', (cursor) => ({ user: 'desk1', query: { limit: LIMIT, overdue: true, ...(cursor ? { cursor } : {}) } }), true),
      await time('first page + count=true (all complaints)', () => ({ user: 'desk1', query: { limit: LIMIT, count: true } })),
      await time('status=dispatched + count=true', () => ({ user: 'desk1', query: { limit: LIMIT, status: 'dispatched', count: true } })),
      await time('ops1 (YW) + count=true', () => ({ user: 'ops1', query: { limit: LIMIT, count: true } })),
    ];
    for (const c of cases) {
      console.log(`${label.padEnd(8)} ${c.name.padEnd(52)} p50 ${c.p50.toFixed(1).padStart(6)} ms  p99 ${c.p99.toFixed(1).padStart(6)} ms`
        + `  max ${c.max.toFixed(1).padStart(6)} ms${c.rows ? `  (total ${c.rows})` : ''}`);
    }
    return { db: label, complaints: COMPLAINTS, seedSeconds, cases };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  }
}

/** Cursors just after rows at random depths of the unfiltered newest-first list. */
async function randomPositions(app: Application, count: number): Promise<string[]> {
  const rows: Array<{ received_at: string | Date; id: string }> = await app.db.dataSource.manager.query(
    'SELECT received_at, id FROM complaint ORDER BY received_at DESC, id DESC',
  );
  return Array.from({ length: count }, (_, i) => {
    const row = rows[Math.floor(((i * 7919) % 1000) / 1000 * (rows.length - LIMIT))];
    const receivedAt = row.received_at instanceof Date ? row.received_at : new Date(`${row.received_at.replace(' ', 'T')}Z`);
    return encodeComplaintCursor({ receivedAt, id: row.id });
  });
}

/** BENCH_EXPLAIN=1: the plans of the list's statements (one filter each, a cursor in the middle). */
async function explain(app: Application, label: string): Promise<void> {
  const manager = app.db.dataSource.manager;
  const repository = new ComplaintRepository(manager);
  const after = { receivedAt: new Date(NOW.getTime() - Math.floor(COMPLAINTS / 6) * 10 * MINUTE), id: 'ffffffff' }; // 2/3 deep
  const filters: Array<[string, ComplaintSearch]> = [
    ['unfiltered', {}], ['status', { status: 'dispatched' }], ['closed', { status: 'closed' }], ['department', { department: 'YW' }], ['visible', { visibleToDepartments: ['YW'] }],
    ['severity', { severity: 'major' }], ['status+severity', { status: 'dispatched', severity: 'major' }],
  ];
  for (const [name, filter] of filters) {
    for (const position of [null, after]) {
      const forced = repository.forcedIdsStatement(filter, position, LIMIT + 1);
      const [sql, parameters] = forced ? [forced.sql, forced.parameters] : repository.searchQuery(filter, position, LIMIT + 1)!.getQueryAndParameters();
      const plan: Array<Record<string, unknown>> = await manager.query(`${app.db.dialect === 'mysql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`, parameters);
      console.log(`${label} ${name}${position ? ' after a cursor' : ''}: ${plan.map((row) => (row.detail ?? `${row.key} rows=${row.rows} ${row.Extra}`)).join(' | ')}`);
    }
  }
}

// ---- data ---------------------------------------------------------------------------------------------

const COMPLAINT_COLUMNS = [
  'id', 'number', 'year', 'registering_dept_code', 'seq', 'complainant_name', 'complainant_phone', 'complainant_key', 'channel', 'kind',
  'origin', 'level', 'category', 'severity', 'is_complex', 'content', 'evidence', 'received_by', 'received_at', 'responsible_dept_code',
  'handler_group', 'instance_id', 'status', 'current_step', 'reopen_count', 'escalation_level', 'is_repeat', 'created_at', 'updated_at',
  'response_due_at', 'responded_at', 'resolution_due_at', 'resolved_at',
];
const ITEM_COLUMNS = ['id', 'instance_id', 'seq', 'element_id', 'element_type', 'name', 'status', 'assignee', 'due_at', 'started_at', 'payload'];
const CANDIDATE_COLUMNS = ['item_id', 'kind', 'value', 'instance_id', 'due_sort'];

/**
 * COMPLAINTS complaints registered every 10 minutes back from NOW (four at a time share a millisecond, so ties are
 * settled by id); the newest OPEN are open, in turns of OPEN_STATUSES, each with a waiting user task; the rest closed.
 */
async function fill(app: Application): Promise<void> {
  for (let start = 0; start < COMPLAINTS; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(COMPLAINTS, start + ROWS_PER_TRANSACTION);
    await app.db.transaction(async (manager) => {
      for (let from = start; from < end; from += ROWS_PER_INSERT) {
        const complaints: unknown[][] = [];
        const items: unknown[][] = [];
        const candidates: unknown[][] = [];
        for (let i = from; i < Math.min(end, from + ROWS_PER_INSERT); i++) {
          const age = COMPLAINTS - 1 - i; // 0 = newest
          const received = new Date(NOW.getTime() - Math.floor(age / 4) * 10 * MINUTE);
          const stamp = sqlTimestamp(received);
          const open = age < OPEN;
          const status = open ? OPEN_STATUSES[age % OPEN_STATUSES.length] : 'closed';
          const department = status === 'registered' ? null : DEPARTMENTS[i % DEPARTMENTS.length];
          const instanceId = open ? randomUUID() : null;
          const phone = `139${String(i).padStart(8, '0')}`;
          const year = received.getUTCFullYear();
          complaints.push([
            randomUUID(), `${year}KF${String(i + 1).padStart(6, '0')}`, year, 'KF', i + 1, `客户${i % 5000}`, phone, `tel:${phone}`, 'hotline',
            i % 10 === 0 ? 'suggestion' : 'complaint', 'regular', 'normal', CATEGORIES[i % CATEGORIES.length], SEVERITIES[i % SEVERITIES.length],
            0, `第 ${i + 1} 号投诉：宽带频繁掉线，客服热线反映多次未解决。`, '[]', 'desk1', stamp, department,
            department ? 'ops' : 'service-desk', instanceId, status, open ? '处理投诉' : null, 0, 0, 0, stamp, stamp,
            // Answered within an hour unless still waiting for it; resolved on the second day once closed. Open ones
            // older than three days are late (GET /complaints?overdue=true).
            sqlTimestamp(new Date(received.getTime() + 2 * HOUR)),
            status === 'registered' || status === 'dispatched' ? null : sqlTimestamp(new Date(received.getTime() + HOUR)),
            sqlTimestamp(new Date(received.getTime() + 3 * 24 * HOUR)), open ? null : sqlTimestamp(new Date(received.getTime() + 30 * HOUR)),
          ]);
          if (instanceId) {
            const itemId = randomUUID();
            const group = department ? 'ops' : 'service-desk';
            const due = new Date(received.getTime() + 3 * 24 * 60 * MINUTE);
            items.push([itemId, instanceId, 3, 'handle', 'bpmn:UserTask', '处理投诉', 'wait', null, sqlTimestamp(due), stamp,
              JSON.stringify({ id: itemId, elementId: 'handle', name: '处理投诉', status: 'wait', type: 'bpmn:UserTask', candidateGroups: [group] })]);
            candidates.push([itemId, 'group', group, instanceId, due.toISOString()]);
          }
        }
        await manager.query(insertSql('complaint', COMPLAINT_COLUMNS, complaints.length), complaints.flat());
        if (items.length > 0) {
          await manager.query(insertSql('wf_item', ITEM_COLUMNS, items.length), items.flat());
          await manager.query(insertSql('wf_candidate', CANDIDATE_COLUMNS, candidates.length), candidates.flat());
        }
      }
    });
  }
}

function insertSql(table: string, columns: string[], rows: number): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

/** How TypeORM stores a datetime on both databases: UTC 'YYYY-MM-DD HH:MM:SS.SSS'. */
function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

// ---- command line -------------------------------------------------------------------------------------

async function dropMariaDb(): Promise<void> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(`${MARIADB_SERVER}/`);
  try { await connection.query(`DROP DATABASE IF EXISTS \`${MARIADB_NAME}\``); } finally { await connection.end(); }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  const results = [];
  const given = process.argv.slice(2);
  if (given.length > 0) { // filled when empty, else timed as it is (to time again without refilling); never dropped
    for (const url of given) results.push(await benchDatabase(url.startsWith('sqlite') ? 'sqlite' : 'mariadb', url));
    for (const result of results) console.log(JSON.stringify(result));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-complaints-'));
  try {
    results.push(await benchDatabase('sqlite', `sqlite:${path.join(dir, 'complaints.sqlite')}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_SKIP_MARIADB !== '1') {
    await dropMariaDb();
    try {
      results.push(await benchDatabase('mariadb', `${MARIADB_SERVER}/${MARIADB_NAME}`));
    } finally {
      await dropMariaDb();
    }
  }
  for (const result of results) console.log(JSON.stringify(result));
  console.log(`${Math.round((Date.now() - started) / 1000)} s; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; `
    + `load average at start ${loadAtStart}, at the end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
