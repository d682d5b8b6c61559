/** Fresh, empty databases for the benchmarks. BENCH_MARIADB_URL names another MariaDB/MySQL server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

const created = { mariaDbs: new Set<string>(), sqliteDirs: new Set<string>() };

/** The URL of database `name` on the benchmark's MariaDB server, dropped first if it exists. */
export async function freshMariaDb(name: string): Promise<string> {
  await dropMariaDbs([name]);
  created.mariaDbs.add(name);
  return `${MARIADB_SERVER}/${name}`;
}

/** A SQLite file in a new temporary folder; `options` is appended to the URL (e.g. `?synchronous=normal`). */
export function freshSqlite(name = 'bench', options = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-'));
  created.sqliteDirs.add(dir);
  return `sqlite:${path.join(dir, `${name}.sqlite`)}${options}`;
}

/** Drops the databases this process made fresh, once the servers using them have stopped: a benchmark leaves none behind. */
export async function removeFreshDatabases(): Promise<void> {
  removeSqliteDirs();
  const names = [...created.mariaDbs];
  created.mariaDbs.clear();
  if (names.length > 0) await dropMariaDbs(names);
}

function removeSqliteDirs(): void {
  for (const dir of created.sqliteDirs) fs.rmSync(dir, { recursive: true, force: true });
  created.sqliteDirs.clear();
}
process.once('exit', removeSqliteDirs); // also when a benchmark fails

async function dropMariaDbs(names: string[]): Promise<void> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(`${MARIADB_SERVER}/`);
  try {
    for (const name of names) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
