import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, openDatabase } from '../../src/persistence/database';

/** Which database the suite runs on: TEST_DB=sqlite (default) or TEST_DB=mariadb. */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mariadb';
const MARIADB_SERVER = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

let counter = 0;

/** A fresh, empty, migrated database URL of the configured kind; `drop` removes it again. */
export function freshDatabaseUrl(): { url: string; drop: () => Promise<void> } {
  counter += 1;
  const name = `cf_test_${process.pid}_${counter}_${Date.now() % 100000}`;
  if (TEST_DB === 'mariadb') {
    const url = `${MARIADB_SERVER}/${name}`;
    return {
      url,
      drop: async () => {
        const mysql = await import('mysql2/promise');
        const connection = await mysql.createConnection(`${MARIADB_SERVER}/`);
        try { await connection.query(`DROP DATABASE IF EXISTS \`${name}\``); } finally { await connection.end(); }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-test-'));
  return { url: `sqlite:${path.join(dir, `${name}.sqlite`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function openTestDatabase(): Promise<{ db: Database; url: string; dispose: () => Promise<void> }> {
  const { url, drop } = freshDatabaseUrl();
  const db = await openDatabase(url);
  return { db, url, dispose: async () => { await db.close(); await drop(); } };
}
