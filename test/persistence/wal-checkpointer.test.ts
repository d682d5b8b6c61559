import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, openDatabase } from '../../src/persistence/database';
import { COMMITS_PER_CHECKPOINT, WalCheckpointer } from '../../src/persistence/wal-checkpointer';
import { until } from '../support/until';

jest.setTimeout(30_000);

const ROW_BYTES = 48 * 1024;

describe('WalCheckpointer (SQLite\'s log copied into the database file off the event loop)', () => {
  let dir: string;
  let file: string;
  let db: Database | null = null;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-checkpoint-'));
    file = path.join(dir, 'db.sqlite');
  });
  afterEach(async () => {
    await db?.close();
    db = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sizeOf = (name: string) => (fs.existsSync(name) ? fs.statSync(name).size : 0);
  const commitRows = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await db!.transaction((manager) => manager.query('INSERT INTO filler (body) VALUES (?)', ['x'.repeat(ROW_BYTES)]));
    }
  };

  it('Given enough commits, then the log reaches the database file, copied by the worker, well before the writer would copy it', async () => {
    db = await openDatabase(`sqlite:${file}`);
    await db.transaction((manager) => manager.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)'));
    const before = sizeOf(file);

    await commitRows(COMMITS_PER_CHECKPOINT + 10); // about 3 MB: under SQLite's own 4 MB default, far under the writer's threshold now

    await until(() => sizeOf(file) - before > COMMITS_PER_CHECKPOINT * ROW_BYTES, 'the log was checkpointed');
    const [{ integrity_check: integrity }] = await db.read((manager) => manager.query('PRAGMA integrity_check'));
    expect(integrity).toBe('ok');
    const [{ n }] = await db.read((manager) => manager.query('SELECT COUNT(*) AS n FROM filler'));
    expect(Number(n)).toBe(COMMITS_PER_CHECKPOINT + 10);
  });

  it('Given a closed database, then nothing of the log is left beside the file, and its rows are there on reopening', async () => {
    db = await openDatabase(`sqlite:${file}`);
    await db.transaction((manager) => manager.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)'));
    await commitRows(COMMITS_PER_CHECKPOINT + 1);
    await db.close();
    db = null;
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    db = await openDatabase(`sqlite:${file}`);
    const [{ n }] = await db.read((manager) => manager.query('SELECT COUNT(*) AS n FROM filler'));
    expect(Number(n)).toBe(COMMITS_PER_CHECKPOINT + 1);
  });

  it('Given a file it cannot open, then checkpoints fail and closing still ends the worker', async () => {
    const checkpointer = new WalCheckpointer(path.join(dir, 'missing.sqlite'));
    await expect(checkpointer.checkpoint()).rejects.toThrow();
    checkpointer.committed();
    await checkpointer.close();
  });
});
