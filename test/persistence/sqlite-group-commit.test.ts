import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, openDatabase } from '../../src/persistence/database';
import { Mutex } from 'async-mutex';
import { MAX_TRANSACTIONS_PER_COMMIT, SqliteGroupCommit } from '../../src/persistence/sqlite-group-commit';
import { StatementCounter } from '../../src/persistence/statement-counter';

/** A bare connection of its own (another process, as far as SQLite's locks go); better-sqlite3 ships no types. */
const BetterSqlite3 = require('better-sqlite3') as new (file: string, options: { timeout: number }) => { exec(sql: string): void; close(): void };

/** Group commit is how SQLite's single writer commits; MySQL commits each transaction on its own connection. */
describe('SQLite group commit', () => {
  let dir: string;
  let db: Database;
  let commits: StatementCounter;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-group-commit-'));
    db = await openDatabase(`sqlite:${path.join(dir, 'group.sqlite')}`);
    await db.transaction((m) => m.query('CREATE TABLE probe (label TEXT PRIMARY KEY)'));
    commits = new StatementCounter(true);
    (db.dataSource as unknown as { logger: unknown }).logger = commits;
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const commitsSoFar = () => commits.profile.find(([shape]) => shape === 'COMMIT')?.[1] ?? 0;
  const insert = (label: string) => db.transaction(async (m) => {
    await m.query('INSERT INTO probe (label) VALUES (?)', [label]);
    return label;
  });
  /** What another connection (a request's read) sees: committed rows only. */
  const committedLabels = async (prefix: string) => (await db.read((m) => m.query('SELECT label FROM probe WHERE label LIKE ? ORDER BY label', [`${prefix}%`])) as { label: string }[])
    .map((row) => row.label);

  it('Given transactions that queue up behind one another, then they share one commit and each answers once its rows are committed', async () => {
    const before = commitsSoFar();
    const labels = Array.from({ length: MAX_TRANSACTIONS_PER_COMMIT }, (_, i) => `a${i}`);
    const answers = await Promise.all(labels.map(async (label) => {
      await insert(label);
      return committedLabels(label);
    }));
    expect(answers).toEqual(labels.map((label) => [label]));
    expect(commitsSoFar() - before).toBe(1);
  });

  it('Given a transaction that has not written yet, then it already holds the write lock, so another process waits instead of writing first', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const running = db.transaction(async () => { await held; });
    await new Promise((resolve) => setImmediate(resolve));
    const other = new BetterSqlite3(path.join(dir, 'group.sqlite'), { timeout: 0 });
    try {
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/database is locked/);
      release();
      await running;
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      release();
      other.close();
    }
  });

  it('Given more queued transactions than one commit carries, then they take several commits and all of them land', async () => {
    const before = commitsSoFar();
    const labels = Array.from({ length: MAX_TRANSACTIONS_PER_COMMIT * 2 + 1 }, (_, i) => `b${String(i).padStart(2, '0')}`);
    await Promise.all(labels.map(insert));
    expect(await committedLabels('b')).toEqual(labels);
    expect(commitsSoFar() - before).toBe(3);
  });

  it('Given urgent writes (a registration) queued behind normal ones, then they run first, each kind in its own order', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const order: string[] = [];
    const write = (label: string, urgency: 'urgent' | 'normal') => db.transaction(async (m) => {
      order.push(label);
      await m.query('INSERT INTO probe (label) VALUES (?)', [label]);
    }, urgency);
    const running = db.transaction(async () => { await held; });
    await new Promise((resolve) => setImmediate(resolve));
    const queued = [write('u-n1', 'normal'), write('u-n2', 'normal'), write('u-u1', 'urgent'), write('u-n3', 'normal'), write('u-u2', 'urgent')];
    release();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['u-u1', 'u-u2', 'u-n1', 'u-n2', 'u-n3']);
    await expect(committedLabels('u-')).resolves.toEqual(['u-n1', 'u-n2', 'u-n3', 'u-u1', 'u-u2']);
  });

  it('Given a failing transaction among others in a group, then only its changes are rolled back and only it fails', async () => {
    const failing = db.transaction(async (m) => {
      await m.query('INSERT INTO probe (label) VALUES (?)', ['c2']);
      throw new Error('step failed');
    });
    const results = await Promise.allSettled([insert('c1'), failing, insert('c3')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('step failed');
    expect(await committedLabels('c')).toEqual(['c1', 'c3']);
  });

  it('Given the first transaction of a group fails, then the ones queued behind it still commit', async () => {
    const failing = db.transaction(async (m) => {
      await m.query('INSERT INTO probe (label) VALUES (?)', ['d1']);
      throw new Error('first failed');
    });
    const results = await Promise.allSettled([failing, insert('d2'), insert('d3')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await committedLabels('d')).toEqual(['d2', 'd3']);
  });

  it('Given a transaction breaks a constraint, then its savepoint is undone and the group goes on', async () => {
    await insert('e1');
    const results = await Promise.allSettled([insert('e2'), insert('e1'), insert('e3')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await committedLabels('e')).toEqual(['e1', 'e2', 'e3']);
  });

  it('Given SQLite ends the group\'s transaction itself, then every transaction of the group fails, none is kept, and the next one commits', async () => {
    const results = await Promise.allSettled([
      insert('f1'),
      db.transaction(async (m) => {
        await m.query('INSERT INTO probe (label) VALUES (?)', ['f2']);
        await m.query('ROLLBACK'); // what SQLite does on its own after a full disk or an I/O error
      }),
      insert('f3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(await committedLabels('f')).toEqual(['f3']);
    await insert('f4');
    expect(await committedLabels('f')).toEqual(['f3', 'f4']);
  });

  it('Given callers with their own async context (a request id), then each transaction runs in its caller\'s context', async () => {
    const request = new AsyncLocalStorage<string>();
    const seen = await Promise.all(['r1', 'r2', 'r3'].map((id) => request.run(id, () => db.transaction(async () => request.getStore()))));
    expect(seen).toEqual(['r1', 'r2', 'r3']);
  });

  it('Given the log cannot be synced after a commit, then every transaction of the group is told so instead of answered as durable', async () => {
    const unsynced = new SqliteGroupCommit(db.dataSource, new Mutex(), () => Promise.reject(new Error('EIO')));
    const results = await Promise.allSettled(['g1', 'g2'].map((label) => unsynced.run((m) => m.query('INSERT INTO probe (label) VALUES (?)', [label]))));
    expect(results.map((r) => r.status === 'rejected' && String(r.reason))).toEqual([
      'Error: The change was committed, but the database log could not be synced: EIO',
      'Error: The change was committed, but the database log could not be synced: EIO',
    ]);
    await insert('g3');
    expect(await committedLabels('g')).toEqual(['g1', 'g2', 'g3']);
  });
});
