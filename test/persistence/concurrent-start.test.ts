import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApplication } from '../../src/bootstrap/application';
import { PROJECT_ROOT } from '../../src/config';
import { ManualClock } from '../../src/engine/clock';
import { openDatabase, parseDbUrl } from '../../src/persistence/database';
import { DefinitionRow } from '../../src/persistence/entities/engine';
import { ALL_MIGRATIONS } from '../../src/persistence/migrations';
import { freshDatabaseUrl, TEST_DB } from '../support/database';
import { npmScriptArgs } from '../support/npm-scripts';

jest.setTimeout(120_000);

describe('several processes starting on one empty database', () => {
  it('Given two processes opening an empty database at once, then both start and every migration ran once', async () => {
    const { url, drop } = freshDatabaseUrl();
    try {
      const opened = await Promise.allSettled([openDatabase(url), openDatabase(url)]);
      const failures = opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
      const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      try {
        expect(failures).toEqual([]);
        const ran: Array<{ name: string }> = await dbs[0].read((m) => m.query('SELECT name FROM migrations'));
        expect(ran.map((r) => r.name).sort()).toEqual(ALL_MIGRATIONS.map((m) => m.name).sort());
      } finally {
        for (const db of dbs) await db.close();
      }
    } finally {
      await drop();
    }
  });

  it('Given two application servers starting at once, then both start and each diagram is deployed once', async () => {
    const { url, drop } = freshDatabaseUrl();
    const start = () => createApplication({ clock: new ManualClock('2026-11-23T01:00:00Z'), config: { dbUrl: url } });
    try {
      const started = await Promise.allSettled([start(), start()]);
      const apps = started.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      try {
        expect(started.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
        const definitions = await apps[0].db.read((m) => m.find(DefinitionRow, { select: { processKey: true, version: true } }));
        expect(definitions.map((d) => `${d.processKey}@${d.version}`).sort()).toEqual(['complaint-lifecycle@1', 'exemption@1', 'penalty@1']);
      } finally {
        for (const app of apps) await app.close();
      }
    } finally {
      await drop();
    }
  });

  (TEST_DB === 'sqlite' ? it : it.skip)('Given a lock file left by a process that died, then the next start migrates anyway', async () => {
    const { url, drop } = freshDatabaseUrl();
    try {
      const lockFile = `${parseDbUrl(url).target}.migrate.lock`;
      fs.writeFileSync(lockFile, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));

      const db = await openDatabase(url);
      await db.close();

      expect(fs.existsSync(lockFile)).toBe(false);
    } finally {
      await drop();
    }
  });

  // Two processes switching a new file to WAL at once can fail at once with "database is locked".
  (TEST_DB === 'sqlite' ? it : it.skip)('Given another process migrating a new SQLite database, then opening it creates nothing until that process is done', async () => {
    const { url, drop } = freshDatabaseUrl();
    try {
      const file = parseDbUrl(url).target;
      const lockFile = `${file}.migrate.lock`;
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname() }));

      const opening = openDatabase(url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fs.existsSync(file)).toBe(false);

      fs.rmSync(lockFile);
      const db = await opening;
      await db.close();
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      await drop();
    }
  });
});

describe('npm run migrate', () => {
  const migrate = (dbUrl: string) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, npmScriptArgs('migrate'),
      { cwd: PROJECT_ROOT, env: { ...process.env, DB_URL: dbUrl } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

  it('Given two migrate processes started at once on an empty database, then both exit 0 and one of them did the work', async () => {
    const { url, drop } = freshDatabaseUrl();
    try {
      const runs = await Promise.all([migrate(url), migrate(url)]);

      expect(runs.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, '']]);
      expect(runs.filter((r) => r.stdout.includes('schema migrated')).length).toBe(1);
      expect(runs.filter((r) => r.stdout.includes('schema is up to date')).length).toBe(1);
    } finally {
      await drop();
    }
  });
});

describe('SQLite durability setting in DB_URL', () => {
  /** Counts fdatasync calls on files; while held, they wait until released. */
  async function watchFileSyncs(dir: string) {
    const probe = await fs.promises.open(path.join(dir, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as { datasync(): Promise<void> };
    await probe.close();
    const original = prototype.datasync;
    let release: () => void = () => undefined;
    let held = Promise.resolve();
    const spy = jest.spyOn(prototype, 'datasync').mockImplementation(async function (this: unknown) {
      await held;
      return original.call(this);
    });
    return {
      get calls() { return spy.mock.calls.length; },
      hold() { held = new Promise<void>((resolve) => { release = resolve; }); },
      release() { release(); },
      restore() { release(); spy.mockRestore(); },
    };
  }

  test('Given the default (synchronous=full), a write is answered only once the log file is synced; with synchronous=normal it is never synced', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-sync-'));
    const normal = await openDatabase(`sqlite:${path.join(dir, 'a.sqlite')}?synchronous=normal`);
    const full = await openDatabase(`sqlite:${path.join(dir, 'b.sqlite')}`);
    const syncs = await watchFileSyncs(dir);
    try {
      // The commit itself never waits for the disk on the event loop; the sync runs on the thread pool.
      expect(await full.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      await full.transaction((m) => m.query('CREATE TABLE probe (label TEXT)'));

      syncs.hold();
      const syncsBefore = syncs.calls;
      let answered = false;
      const write = full.transaction((m) => m.query("INSERT INTO probe (label) VALUES ('a')")).then(() => { answered = true; });
      for (let waited = 0; syncs.calls === syncsBefore && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20)); // time for an answer that did not wait for the sync
      expect(syncs.calls).toBe(syncsBefore + 1);
      expect(answered).toBe(false);
      expect(await full.read((m) => m.query('SELECT label FROM probe'))).toEqual([{ label: 'a' }]); // committed, not yet answered
      syncs.release();
      await write;
      expect(answered).toBe(true);

      const callsBeforeNormal = syncs.calls;
      await normal.transaction((m) => m.query('CREATE TABLE probe (label TEXT)'));
      await normal.transaction((m) => m.query("INSERT INTO probe (label) VALUES ('a')"));
      expect(syncs.calls).toBe(callsBeforeNormal);
    } finally {
      syncs.restore();
      await normal.close();
      await full.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(() => parseDbUrl(`sqlite:${path.join(dir, 'c.sqlite')}?synchronous=off`)).toThrow('synchronous must be full or normal');
    expect(() => parseDbUrl(`sqlite:${path.join(dir, 'c.sqlite')}?journal=delete`)).toThrow('unknown SQLite option journal');
  });
});
