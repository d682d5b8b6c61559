import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, openDatabase } from '../../src/persistence/database';

/** Which database the suite runs on: TEST_DB=sqlite (default) or TEST_DB=mariadb. */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mariadb';
const MARIADB_SERVER = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

/** Starts the names of this run's databases, so that the global teardown drops exactly those (global-teardown.ts). */
export function testDatabasePrefix(): string {
  return `cf_test_${process.env.CF_TEST_RUN ?? process.pid}_`;
}

let counter = 0;

interface TestDatabaseUrl { url: string; drop: () => Promise<void> }

/** A fresh, empty database URL of the configured kind (nothing migrated yet); `drop` removes it again. */
export function freshDatabaseUrl(): TestDatabaseUrl {
  counter += 1;
  const name = `${testDatabasePrefix()}${process.pid}_${counter}`;
  if (TEST_DB === 'mariadb') {
    const url = `${MARIADB_SERVER}/${name}`;
    return { url, drop: () => onMariaDbServer(async (connection) => { await connection.query(`DROP DATABASE IF EXISTS \`${name}\``); }) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-test-'));
  return { url: `sqlite:${path.join(dir, `${name}.sqlite`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A database in the state the migrations leave: what every test that is not about migrating starts from. Migrating
 * costs about a second per database on MariaDB, so each jest worker migrates once: SQLite files are copies of a
 * migrated template, and MariaDB databases, once a test gives them back (`drop`), are emptied back to that state
 * (every table's rows and auto-increment counters) and handed to the next test.
 */
export async function migratedDatabaseUrl(): Promise<TestDatabaseUrl> {
  return TEST_DB === 'mariadb' ? mariaDbPool.take() : sqliteTemplate.copy();
}

export async function openTestDatabase(): Promise<{ db: Database; url: string; dispose: () => Promise<void> }> {
  const { url, drop } = await migratedDatabaseUrl();
  const db = await openDatabase(url);
  return { db, url, dispose: async () => { await db.close(); await drop(); } };
}

/**
 * Occupies every writer of `db` (SQLite's one writer, each MySQL transaction slot) with a transaction that waits until
 * released, so that writes started meanwhile wait their turn. `done`: the held transactions, ended.
 */
export async function holdEveryWriter(db: Database): Promise<{ releases: Array<() => void>; done: Promise<void[]> }> {
  const releases: Array<() => void> = [];
  const started: Promise<void>[] = [];
  const busy = Array.from({ length: db.concurrentWriters }, () => {
    let signalStarted!: () => void;
    started.push(new Promise<void>((resolve) => { signalStarted = resolve; }));
    const held = new Promise<void>((resolve) => { releases.push(resolve); });
    return db.transaction(async () => { signalStarted(); await held; });
  });
  await Promise.all(started);
  return { releases, done: Promise.all(busy) };
}

/** Removes what this run kept for reuse (the global teardown; see migratedDatabaseUrl): SQLite templates, MariaDB databases. */
export async function removeThisRunsDatabases(): Promise<void> {
  fs.rmSync(sqliteTemplateDir(), { recursive: true, force: true });
  if (TEST_DB !== 'mariadb') return;
  await onMariaDbServer(async (connection) => {
    const [rows] = await connection.query('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${testDatabasePrefix().replace(/_/g, '\\_')}%`]);
    for (const { name } of rows as { name: string }[]) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  });
}

/** Where this run's SQLite templates are, one per jest worker. */
function sqliteTemplateDir(): string {
  return path.join(os.tmpdir(), `${testDatabasePrefix()}templates`);
}

async function onMariaDbServer<T>(work: (connection: import('mysql2/promise').Connection) => Promise<T>, database = ''): Promise<T> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(`${MARIADB_SERVER}/${database}`);
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

const sqliteTemplate = new class {
  private template: Promise<string> | undefined;

  async copy(): Promise<TestDatabaseUrl> {
    const source = await (this.template ??= this.migrate());
    const { url, drop } = freshDatabaseUrl();
    fs.copyFileSync(source, url.slice('sqlite:'.length));
    return { url, drop };
  }

  private async migrate(): Promise<string> {
    fs.mkdirSync(sqliteTemplateDir(), { recursive: true });
    const file = path.join(sqliteTemplateDir(), `${process.pid}.sqlite`);
    // Closing the last connection checkpoints the write-ahead log into the file, so the file alone is the template.
    await (await openDatabase(`sqlite:${file}`)).close();
    return file;
  }
}();

type Rows = Record<string, unknown>[];

const mariaDbPool = new class {
  private readonly idle: string[] = [];
  /** Every table's rows right after migrating (the migrations table, and the few rows migrations insert). */
  private baseline: Map<string, Rows> | undefined;

  async take(): Promise<TestDatabaseUrl> {
    const name = this.idle.pop() ?? await this.migrateNew();
    return { url: `${MARIADB_SERVER}/${name}`, drop: () => this.giveBack(name) };
  }

  private async migrateNew(): Promise<string> {
    const { url } = freshDatabaseUrl();
    const name = new URL(url).pathname.slice(1);
    const db = await openDatabase(url);
    await db.close();
    this.baseline ??= await onMariaDbServer(async (connection) => {
      const rows = new Map<string, Rows>();
      for (const table of await tablesOf(connection, name)) rows.set(table, (await connection.query(`SELECT * FROM \`${table}\``))[0] as Rows);
      return rows;
    }, name);
    return name;
  }

  private async giveBack(name: string): Promise<void> {
    await onMariaDbServer(async (connection) => {
      await connection.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of await tablesOf(connection, name)) {
        const baseline = this.baseline!.get(table) ?? [];
        if (table === 'migrations' && baseline.length > 0) continue; // never changed by a test
        await connection.query(`DELETE FROM \`${table}\``);
        for (const row of baseline) await connection.query(`INSERT INTO \`${table}\` SET ?`, [row]);
      }
      const [counters] = await connection.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND auto_increment > 1', [name]);
      for (const { name: table } of counters as { name: string }[]) await connection.query(`ALTER TABLE \`${table}\` AUTO_INCREMENT = 1`);
    }, name);
    this.idle.push(name);
  }
}();

async function tablesOf(connection: import('mysql2/promise').Connection, database: string): Promise<string[]> {
  const [rows] = await connection.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'", [database]);
  return (rows as { name: string }[]).map((row) => row.name);
}
