/**
 * Task-list benchmark: 1,000,000 open user tasks (and their wf_candidate rows) over ~10 groups, then 500 keyset
 * pages of 50 for one group, timed through the listTasks use case and as the bare keyset SQL through the driver.
 *
 *   npx ts-node --transpile-only bench/task-list.ts [dbUrl …]
 *
 * Without arguments it runs on a fresh SQLite file and a fresh MariaDB database at 127.0.0.1:3306 (root, no
 * password). A given database is filled when empty and reused as it is when it holds a previous run's tasks, so a
 * run can be timed again without refilling. Prints one JSON line per database.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Actor } from '../src/app/actor';
import { TaskUseCases } from '../src/app/tasks';
import { ManualClock } from '../src/engine/clock';
import { WorkflowEngine } from '../src/engine/workflow-engine';
import { Database, openDatabase, parseDbUrl } from '../src/persistence/database';
import { TaskRepository } from '../src/persistence/repositories/task-repository';
import { percentile } from './stats';

export interface TaskListBenchResult {
  db: string;
  tasks: number;
  ourP99Ms: number;
  rawP99Ms: number;
  /** Medians, to tell a slow query from a busy machine. */
  ourP50Ms: number;
  rawP50Ms: number;
}

/** BENCH_TASKS overrides the task count for a quick dry run. */
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const INSTANCES = 5_000;
const GROUPS = Array.from({ length: 10 }, (_, i) => `group-${i}`);
const MEASURED_GROUP = GROUPS[3];
const PAGES = 500;
const PAGE_SIZE = 50;
const WARMUP_PAGES = 20;
const ROWS_PER_INSERT = 500;
const ROWS_PER_TRANSACTION = 50_000;
const NOW = new Date('2026-11-23T01:00:00.000Z');
const SEVERITIES = ['major', 'general', 'minor'];
const DEPARTMENTS = ['YW', 'ZL', 'KF', 'GC'];

export async function benchTaskList(dbUrl: string): Promise<TaskListBenchResult> {
  const db = await openDatabase(dbUrl);
  try {
    const tasks = (await alreadyFilled(db)) ?? await fill(db);
    const engine = new WorkflowEngine(db, { clock: new ManualClock(NOW.toISOString()) });
    const useCases = new TaskUseCases({ engine });
    const actor: Actor = {
      userId: randomUUID(), username: 'bench-user', displayName: 'Bench', departmentId: randomUUID(), departmentCode: 'YW',
      groups: [MEASURED_GROUP], headOf: [],
    };
    const ours = await timePages(async (cursor) => {
      const page = await useCases.listTasks(actor, { group: MEASURED_GROUP }, { limit: PAGE_SIZE, cursor: cursor ?? undefined });
      if (page.items.length !== PAGE_SIZE && page.nextCursor !== null) throw new Error(`expected a full page, got ${page.items.length}`);
      return page.nextCursor;
    });
    const raw = await rawPageTimer(dbUrl, db);
    const rawTimes = await timePages(raw.page);
    await raw.close();
    await engine.close();
    return {
      db: db.dialect === 'mysql' ? 'mariadb' : 'sqlite', tasks,
      ourP99Ms: percentile(ours, 0.99), rawP99Ms: percentile(rawTimes, 0.99), ourP50Ms: percentile(ours, 0.5), rawP50Ms: percentile(rawTimes, 0.5),
    };
  } finally {
    await db.close();
  }
}

/** Times WARMUP_PAGES + PAGES consecutive pages (restarting at the top if the list ends); returns the measured ones in ms. */
async function timePages(page: (cursor: string | null) => Promise<string | null>): Promise<number[]> {
  const times: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < WARMUP_PAGES + PAGES; i++) {
    const started = process.hrtime.bigint();
    cursor = await page(cursor);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i >= WARMUP_PAGES) times.push(ms);
  }
  return times;
}

/** The same keyset statement the use case runs, sent through the bare driver (better-sqlite3 or mysql2). */
async function rawPageTimer(dbUrl: string, db: Database): Promise<{ page: (cursor: string | null) => Promise<string | null>; close: () => Promise<void> }> {
  const location = parseDbUrl(dbUrl);
  const repository = new TaskRepository(db.dataSource.manager);
  const keys = [{ kind: 'group' as const, value: MEASURED_GROUP }];
  const statement = (after: { dueSort: string; itemId: string } | null) => repository.pageQuery(keys, {}, after, PAGE_SIZE + 1);
  const decode = (cursor: string | null) => (cursor ? JSON.parse(cursor) as { dueSort: string; itemId: string } : null);
  const next = (rows: Array<{ due_sort: string; item_id: string }>) => {
    if (rows.length <= PAGE_SIZE) return null; // the last page: start again at the top
    const last = rows[PAGE_SIZE - 1];
    return JSON.stringify({ dueSort: last.due_sort, itemId: last.item_id });
  };
  if (location.dialect === 'sqlite') {
    const BetterSqlite = require('better-sqlite3');
    const connection = new BetterSqlite(location.target, { readonly: true });
    const first = connection.prepare(statement(null).sql);
    const following = connection.prepare(statement({ dueSort: '', itemId: '' }).sql);
    return {
      page: async (cursor) => {
        const after = decode(cursor);
        const { parameters } = statement(after);
        return next((after ? following : first).all(...parameters));
      },
      close: async () => connection.close(),
    };
  }
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(location.target);
  return {
    page: async (cursor) => {
      const { sql, parameters } = statement(decode(cursor));
      const [rows] = await connection.execute(sql, parameters.map((p) => (typeof p === 'number' ? String(p) : p)) as string[]);
      return next(rows as Array<{ due_sort: string; item_id: string }>);
    },
    close: () => connection.end(),
  };
}

// ---- data ---------------------------------------------------------------------------------------------

/** The task count when the database holds a previous run's data (to time again without refilling), else null. */
async function alreadyFilled(db: Database): Promise<number | null> {
  const [{ count }] = await db.dataSource.manager.query("SELECT COUNT(*) AS count FROM wf_item WHERE element_id = 'handle'");
  return Number(count) > 0 ? Number(count) : null;
}

/** Bulk-inserts INSTANCES instances and TASKS waiting user tasks, each a candidate of one group; 1 in 100 assigned. */
async function fill(db: Database): Promise<number> {
  const instanceIds = Array.from({ length: INSTANCES }, () => randomUUID());
  const stamp = sqlTimestamp(NOW);
  await inBatches(db, 'wf_instance',
    ['id', 'process_key', 'definition_id', 'status', 'revision', 'business_key', 'parent_item_id', 'started_at', 'ended_at', 'updated_at', 'data', 'state'],
    INSTANCES, (i) => {
      const businessKey = `2026BENCH${String(i).padStart(6, '0')}`;
      const data = { businessKey, severity: SEVERITIES[i % SEVERITIES.length], departmentCode: DEPARTMENTS[i % DEPARTMENTS.length] };
      return { rows: [[instanceIds[i], 'bench-process', 'bench-definition', 'running', 1, businessKey, null, stamp, null, stamp, JSON.stringify(data), '{"tokens":[],"loops":[]}']] };
    });
  await inBatches(db, 'wf_item',
    ['id', 'instance_id', 'seq', 'element_id', 'element_type', 'name', 'status', 'assignee', 'due_at', 'timer_due_at', 'message_id', 'signal_id', 'item_key', 'started_at', 'ended_at', 'payload'],
    TASKS, (i, extra) => {
      const id = randomUUID();
      const instanceId = instanceIds[i % INSTANCES];
      const group = GROUPS[i % GROUPS.length];
      // due times spread over 30 days, many sharing the same minute so ties are broken by id
      const due = new Date(NOW.getTime() + ((i * 7919) % (30 * 24 * 60)) * 60_000);
      const assignee = i % 100 === 0 ? `user-${i % 37}` : null;
      const payload = { id, elementId: 'handle', name: '处理投诉', status: 'wait', type: 'bpmn:UserTask', candidateGroups: [group], dueDate: due.toISOString(), startedAt: NOW.toISOString(), ...(assignee ? { assignee } : {}) };
      extra.candidates.push([id, 'group', group, instanceId, due.toISOString()]);
      if (assignee) extra.candidates.push([id, 'assignee', assignee, instanceId, due.toISOString()]);
      return { rows: [[id, instanceId, Math.floor(i / INSTANCES), 'handle', 'bpmn:UserTask', '处理投诉', 'wait', assignee, sqlTimestamp(due), null, null, null, null, stamp, null, JSON.stringify(payload)]] };
    },
    { table: 'wf_candidate', columns: ['item_id', 'kind', 'value', 'instance_id', 'due_sort'] });
  return TASKS;
}

interface ExtraRows {
  candidates: unknown[][];
}

/** Multi-row INSERTs of ROWS_PER_INSERT rows, ROWS_PER_TRANSACTION rows per transaction; `secondary` rows are written alongside. */
async function inBatches(
  db: Database,
  table: string,
  columns: string[],
  count: number,
  rowOf: (index: number, extra: ExtraRows) => { rows: unknown[][] },
  secondary?: { table: string; columns: string[] },
): Promise<void> {
  for (let start = 0; start < count; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(count, start + ROWS_PER_TRANSACTION);
    await db.transaction(async (manager) => {
      for (let from = start; from < end; from += ROWS_PER_INSERT) {
        const extra: ExtraRows = { candidates: [] };
        const rows: unknown[][] = [];
        for (let i = from; i < Math.min(end, from + ROWS_PER_INSERT); i++) rows.push(...rowOf(i, extra).rows);
        await manager.query(insertSql(table, columns, rows.length), rows.flat());
        if (secondary) {
          for (let j = 0; j < extra.candidates.length; j += ROWS_PER_INSERT) {
            const chunk = extra.candidates.slice(j, j + ROWS_PER_INSERT);
            await manager.query(insertSql(secondary.table, secondary.columns, chunk.length), chunk.flat());
          }
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

async function main(): Promise<void> {
  const urls = process.argv.slice(2);
  const cleanups: Array<() => Promise<void>> = [];
  if (urls.length === 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-tasks-'));
    urls.push(`sqlite:${path.join(dir, 'tasks.sqlite')}`);
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const name = `cf_bench_tasks_${process.pid}`;
    urls.push(`mysql://root@127.0.0.1:3306/${name}`);
    cleanups.push(async () => {
      const mysql = await import('mysql2/promise');
      const connection = await mysql.createConnection('mysql://root@127.0.0.1:3306/');
      try { await connection.query(`DROP DATABASE IF EXISTS \`${name}\``); } finally { await connection.end(); }
    });
  }
  try {
    for (const url of urls) {
      const started = Date.now();
      const result = await benchTaskList(url);
      console.log(JSON.stringify({ ...result, seconds: Math.round((Date.now() - started) / 1000) }));
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
