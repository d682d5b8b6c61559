import { Mutex } from 'async-mutex';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_ENTITIES } from './entities';
import { openMigrated } from './migration-lock';
import { ALL_MIGRATIONS } from './migrations';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { WriteSlots, type WriteUrgency } from './write-turns';
import { WalCheckpointer, WRITER_CHECKPOINT_PAGES } from './wal-checkpointer';
import { WalSync } from './wal-sync';
import { processStatementCounter } from './statement-counter';

export type Dialect = 'sqlite' | 'mysql';

/** Seconds a write transaction waited for its turn, and how urgent it was (Database.observeWriteWaits). */
export type WriteWaitObserver = (seconds: number, urgency: WriteUrgency) => void;

export interface DatabaseLocation {
  dialect: Dialect;
  /** File path for SQLite (or ':memory:'), full URL for MySQL/MariaDB. */
  target: string;
  databaseName?: string;
  /**
   * When SQLite makes commits durable: `full` (default) syncs the log before a transaction is answered, so a committed
   * registration survives a power cut (see WalSync: off the event loop, one sync for every commit made meanwhile);
   * `normal` syncs at checkpoints only: the last commits can be lost to a power cut or OS crash (never to an
   * application crash, and the file is never corrupted).
   */
  sqliteSynchronous?: 'full' | 'normal';
  /** MySQL: how many write transactions of this process run at once (`?transactions=N`); the rest wait their turn. */
  mysqlTransactions?: number;
}

/**
 * `sqlite:path/to/file[?synchronous=full|normal]` (relative to cwd), `sqlite::memory:` or
 * `mysql://user:pass@host:port/db[?transactions=N]` (also `mariadb://`).
 */
export function parseDbUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const [file, query = ''] = url.slice('sqlite:'.length).split('?');
    const params = new URLSearchParams(query);
    const synchronous = params.get('synchronous') ?? 'full';
    if (synchronous !== 'full' && synchronous !== 'normal') throw new Error(`DB_URL: synchronous must be full or normal, not ${synchronous}`);
    const unknown = [...params.keys()].filter((key) => key !== 'synchronous');
    if (unknown.length > 0) throw new Error(`DB_URL: unknown SQLite option ${unknown.join(', ')} (only synchronous=full|normal)`);
    return { dialect: 'sqlite', target: file || ':memory:', sqliteSynchronous: synchronous };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const normalised = url.replace(/^mariadb:/, 'mysql:');
    const parsed = new URL(normalised);
    const databaseName = parsed.pathname.replace(/^\//, '');
    if (!databaseName) throw new Error(`DB_URL must name a database: ${url}`);
    const transactions = parsed.searchParams.get('transactions');
    if (transactions === null) return { dialect: 'mysql', target: normalised, databaseName, mysqlTransactions: DEFAULT_MYSQL_TRANSACTIONS };
    // Ours, not the driver's: the URL handed to mysql2 goes without it.
    parsed.searchParams.delete('transactions');
    return { dialect: 'mysql', target: parsed.toString(), databaseName, mysqlTransactions: transactionSlots(transactions) };
  }
  throw new Error(`Unsupported DB_URL ${url}: use sqlite:<file> or mysql://user@host:port/db`);
}

/** Connections of the MySQL pool. */
const MYSQL_POOL_SIZE = 20;
/**
 * Transactions that may hold a pooled connection at once, at most. The rest of the pool stays free for reads and
 * for the short statements an operation issues outside its transaction (instance lock rows, see LeaseLocker): were
 * every connection held by a transaction waiting for one of those, the pool would wait on itself forever.
 */
const MAX_MYSQL_TRANSACTIONS = MYSQL_POOL_SIZE - 4;
/**
 * Transactions that run at once unless DB_URL says otherwise. This process runs them all on one thread, and each
 * statement's answer waits its turn on the event loop behind every other transaction's: with MariaDB on the same
 * machine, 16 at once made every read and every registration wait behind up to 16 interleaved transactions, where 4
 * get as much done and the others wait for their turn before they begin, not between their statements
 * (docs/performance-log.md, 2026-12-02). A server further away (a longer round trip per statement) may want more at
 * once: `?transactions=N`.
 */
const DEFAULT_MYSQL_TRANSACTIONS = 4;

function transactionSlots(value: string): number {
  const slots = Number(value);
  if (!/^\d+$/.test(value) || slots < 1 || slots > MAX_MYSQL_TRANSACTIONS) {
    throw new Error(`DB_URL: transactions must be a whole number from 1 to ${MAX_MYSQL_TRANSACTIONS}, not ${value}`);
  }
  return slots;
}

/**
 * The one gateway to the database. Writes always run in a transaction. SQLite has a single writing connection
 * in this process, so write transactions run one at a time and are committed in groups (SqliteGroupCommit);
 * reads go to a second, read-only connection and see the last commit (WAL), so they never queue behind a write.
 * MySQL runs both concurrently on pooled connections with READ COMMITTED isolation.
 */
export class Database {
  private readonly sqliteGate = new Mutex();
  private readonly sqliteCommits: SqliteGroupCommit;
  private readonly mysqlTransactionSlots: WriteSlots;
  /** Pooled MySQL connections whose session already runs its transactions at READ COMMITTED. */
  private readonly readCommittedSessions = new WeakSet<object>();
  private writeWaitObserver: WriteWaitObserver | null = null;

  /**
   * `reader`: SQLite's read-only connection on the same file (none for an in-memory database). `log`, for a SQLite
   * file: `walSync` syncs the log before write transactions are answered (none with `synchronous=normal`), and
   * `checkpointer` copies it into the database file on a worker thread. `mysqlTransactions`: see parseDbUrl.
   */
  constructor(
    readonly dataSource: DataSource, readonly dialect: Dialect, readonly reader: DataSource | null = null,
    private readonly log: { walSync?: WalSync | null; checkpointer?: WalCheckpointer | null } = {},
    private readonly mysqlTransactions = DEFAULT_MYSQL_TRANSACTIONS,
  ) {
    this.mysqlTransactionSlots = new WriteSlots(mysqlTransactions);
    const { walSync, checkpointer } = log;
    // After each COMMIT: count it towards the next checkpoint, and sync the log before the group is answered.
    this.sqliteCommits = new SqliteGroupCommit(dataSource, this.sqliteGate, () => {
      checkpointer?.committed();
      return walSync ? walSync.sync() : Promise.resolve();
    });
  }

  /** True where write transactions run one at a time whatever their rows (SQLite locks the whole database for each). */
  get serialisesWrites(): boolean {
    return this.dialect === 'sqlite';
  }

  /** How many write transactions run at once; further ones wait their turn (urgent ones first, see WriteUrgency). */
  get concurrentWriters(): number {
    return this.dialect === 'sqlite' ? 1 : this.mysqlTransactions;
  }

  /** Every connection pool or connection of this database (the writer first). */
  get dataSources(): DataSource[] {
    return this.reader ? [this.dataSource, this.reader] : [this.dataSource];
  }

  /** Told how long each write transaction waited for its turn (SQLite's writer, a MySQL slot) before it began. */
  observeWriteWaits(observer: WriteWaitObserver): void {
    this.writeWaitObserver = observer;
  }

  /** `urgency`: an urgent write goes before the writes waiting for the SQLite writer or a MySQL transaction slot. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>, urgency: WriteUrgency = 'normal'): Promise<T> {
    const queued = performance.now();
    const begun = () => this.writeWaitObserver?.((performance.now() - queued) / 1000, urgency);
    if (this.dialect === 'sqlite') return this.sqliteCommits.run((manager) => { begun(); return work(manager); }, urgency);
    return this.mysqlTransactionSlots.run(() => { begun(); return this.mysqlTransaction(work); }, urgency);
  }

  /**
   * A transaction at READ COMMITTED. The level is set once per pooled connection, for its session, rather than
   * before each transaction (TypeORM's `transaction('READ COMMITTED', …)`), which cost every transaction a round trip.
   */
  private async mysqlTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = await runner.connect() as object;
      if (!this.readCommittedSessions.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommittedSessions.add(connection);
      }
      return await runner.manager.transaction(work);
    } finally {
      await runner.release();
    }
  }

  /** Reads outside any transaction; on SQLite from the read-only connection, which sees the last commit. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.reader) return work(this.reader.manager);
    if (this.dialect === 'sqlite') return this.sqliteGate.runExclusive(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }

  async close(): Promise<void> {
    await this.log.checkpointer?.close();
    if (this.reader?.isInitialized) await this.reader.destroy();
    // The writer closes last: as the file's last connection it checkpoints the whole log and removes it.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.log.walSync?.close();
  }
}

/** The database could not take the write in time (another process holds it, or a deadlock was broken). */
export function isTransientLockError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  return ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'].includes(code ?? '')
    || /database is locked|Deadlock found|Lock wait timeout/.test(e?.message ?? '');
}

async function ensureMysqlDatabase(location: DatabaseLocation): Promise<void> {
  const mysql = await import('mysql2/promise');
  const server = new URL(location.target);
  server.pathname = '/';
  const connection = await mysql.createConnection(server.toString());
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${location.databaseName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(location: DatabaseLocation, logging = false, readonly = false): DataSourceOptions {
  const common = {
    entities: ALL_ENTITIES, migrations: ALL_MIGRATIONS, migrationsRun: false, synchronize: false, logging,
    ...(processStatementCounter && !logging ? { logger: processStatementCounter } : {}),
  };
  if (location.dialect === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: location.target,
      // The writer switches the file to WAL (a setting stored in the file); the reader only opens it.
      enableWAL: location.target !== ':memory:' && !readonly,
      readonly,
      timeout: 5000,
      // A COMMIT does not sync the log (NORMAL): with synchronous=full, WalSync does that off the event loop.
      // No memory-mapped I/O (SQLite's default): reads through the OS page cache were as fast for 1,000,000 open
      // tasks and for lifecycles, and a mapped file counts in the server's RSS (up to its whole mapped size).
      prepareDatabase: (db: { pragma(sql: string): unknown; prepare(sql: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
        // Checkpoints run on a worker thread (WalCheckpointer); the writer only checkpoints should that fall behind.
        if (!readonly) db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
        processStatementCounter?.timeStatements(db);
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: location.target,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
    extra: { connectionLimit: MYSQL_POOL_SIZE },
  };
}

/** Opens the database, creating the SQLite file or MySQL schema when missing, and runs pending migrations. */
export async function openDatabase(url: string, options: { logging?: boolean; onMigrated?: (applied: string[]) => void } = {}): Promise<Database> {
  const location = parseDbUrl(url);
  if (location.dialect === 'sqlite' && location.target !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(location.target)), { recursive: true });
  }
  if (location.dialect === 'mysql') await ensureMysqlDatabase(location);
  const dataSource = new DataSource(dataSourceOptions(location, options.logging));
  try {
    const applied = await openMigrated(location, dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
    options.onMigrated?.(applied.map((migration) => migration.name));
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
  const onDisk = location.dialect === 'sqlite' && location.target !== ':memory:';
  const reader = onDisk
    ? await new DataSource(dataSourceOptions(location, options.logging, true)).initialize().catch(async (error) => {
      await dataSource.destroy();
      throw error;
    })
    : null;
  const walSync = onDisk && location.sqliteSynchronous !== 'normal' ? new WalSync(`${path.resolve(location.target)}-wal`) : null;
  const checkpointer = onDisk ? new WalCheckpointer(path.resolve(location.target)) : null;
  const database = new Database(dataSource, location.dialect, reader, { walSync, checkpointer }, location.mysqlTransactions);
  try {
    await walSync?.sync(); // the migrations just applied
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
