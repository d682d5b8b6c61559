import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { DatabaseLocation } from './database';

/** How long a process waits for another one to finish migrating before it gives up. */
const WAIT_MS = 120_000;

/**
 * Opens `dataSource` and runs `migrate` while holding a lock that every process opening the same database takes:
 * GET_LOCK on MySQL/MariaDB (a server-side named lock, released when its session ends even if the process
 * dies), an exclusively created lock file next to the SQLite file. The second process waits, then finds
 * nothing left to migrate.
 *
 * On SQLite the lock also covers opening: the first connection to a new file switches it to WAL, and two
 * processes doing that at once can fail at once ("database is locked", without waiting out the busy timeout).
 */
export async function openMigrated<T>(location: DatabaseLocation, dataSource: DataSource, migrate: () => Promise<T>): Promise<T> {
  if (location.dialect === 'mysql') {
    await dataSource.initialize();
    return withMysqlLock(dataSource, `complaint-flow:migrate:${location.databaseName}`.slice(0, 64), migrate);
  }
  const openAndMigrate = async () => {
    await dataSource.initialize();
    return migrate();
  };
  if (location.target === ':memory:') return openAndMigrate();
  return withLockFile(`${path.resolve(location.target)}.migrate.lock`, openAndMigrate);
}

async function withMysqlLock<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    const [row] = await session.query('SELECT GET_LOCK(?, ?) AS acquired', [name, Math.ceil(WAIT_MS / 1000)]);
    if (Number(row?.acquired) !== 1) throw new Error(`Another process has been migrating the database for ${WAIT_MS / 1000} s; gave up waiting`);
    try {
      return await work();
    } finally {
      await session.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await session.release();
  }
}

async function withLockFile<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (tryCreate(lockFile)) break;
    if (holderIsGone(lockFile)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new Error(`${lockFile} has been held for ${WAIT_MS / 1000} s; if no process is migrating, delete it`);
    await sleep(50);
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function tryCreate(lockFile: string): boolean {
  try {
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname() }), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * A lock file left by a process of this host that no longer runs (it crashed mid-migration), or older than any
 * migration takes (a restarted container reuses the crashed process's pid).
 */
function holderIsGone(lockFile: string): boolean {
  let holder: { pid?: unknown; host?: unknown };
  try {
    if (Date.now() - fs.statSync(lockFile).mtimeMs > WAIT_MS) return true;
    holder = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  } catch {
    return false; // vanished or half-written: look again
  }
  if (holder.host !== os.hostname() || typeof holder.pid !== 'number') return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
