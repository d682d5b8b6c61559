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
});

describe('npm run migrate', () => {
  const migrate = (dbUrl: string) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'src/cli/migrate.ts'],
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
  test('Given synchronous=normal, the file syncs at checkpoints only; by default every commit is synced; other options are refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-sync-'));
    try {
      const normal = await openDatabase(`sqlite:${path.join(dir, 'a.sqlite')}?synchronous=normal`);
      const full = await openDatabase(`sqlite:${path.join(dir, 'b.sqlite')}`);
      try {
        expect(await normal.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
        expect(await full.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      } finally {
        await normal.close();
        await full.close();
      }
      expect(() => parseDbUrl(`sqlite:${path.join(dir, 'c.sqlite')}?synchronous=off`)).toThrow('synchronous must be full or normal');
      expect(() => parseDbUrl(`sqlite:${path.join(dir, 'c.sqlite')}?journal=delete`)).toThrow('unknown SQLite option journal');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
