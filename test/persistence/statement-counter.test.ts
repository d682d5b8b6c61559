import { StatementCounter } from '../../src/persistence/statement-counter';

interface Statement { run(...values: unknown[]): unknown; get(...values: unknown[]): unknown }
interface Connection { prepare(sql: string): Statement; close(): void }
// better-sqlite3 ships no type declarations; TypeORM loads it with require as well.
const BetterSqlite3 = require('better-sqlite3') as new (file: string) => Connection;

describe('StatementCounter (npm run bench:sql)', () => {
  it('Given profiling on SQLite, then each statement shape gets the time SQLite spent running it, with literals folded', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      const counter = new StatementCounter(true);
      counter.timeStatements(db);
      db.prepare('CREATE TABLE t (n INTEGER, label TEXT)').run();
      const insert = db.prepare("INSERT INTO t (n, label) VALUES (?, 'x')");
      for (let i = 0; i < 2000; i++) insert.run(i);
      counter.logQuery("INSERT INTO t (n, label) VALUES (?, 'y')");

      const profile = new Map(counter.profile.map(([shape, count, micros]) => [shape, { count, micros }]));
      const inserts = profile.get("INSERT INTO t (n, label) VALUES (?, '?')");
      expect(inserts?.count).toBe(1); // counted by TypeORM's logger call, timed by the connection
      expect(inserts?.micros).toBeGreaterThan(0);
      expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2000 }); // the wrapped statements still run
    } finally {
      db.close();
    }
  });

  it('Given no profiling, then statements are only counted and the connection is left as it was', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      const prepare = db.prepare;
      const counter = new StatementCounter();
      counter.timeStatements(db);
      expect(db.prepare).toBe(prepare);
      counter.logQuery('SELECT 1');
      expect(counter.statements).toBe(1);
      expect(counter.profile).toEqual([]);
    } finally {
      db.close();
    }
  });
});
