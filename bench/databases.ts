/** Fresh, empty databases for the benchmarks. BENCH_MARIADB_URL names another MariaDB/MySQL server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

/** The URL of database `name` on the benchmark's MariaDB server, dropped first if it exists. */
export async function freshMariaDb(name: string): Promise<string> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(`${MARIADB_SERVER}/`);
  await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await connection.end();
  return `${MARIADB_SERVER}/${name}`;
}

/** A SQLite file in a new temporary folder; `options` is appended to the URL (e.g. `?synchronous=normal`). */
export function freshSqlite(name = 'bench', options = ''): string {
  return `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-')), `${name}.sqlite`)}${options}`;
}
