import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent to the database and logs nothing. TypeORM hands every
 * statement of every query runner to its logger, so this sees the ORM's own queries, raw `manager.query` calls,
 * transactions' BEGIN/COMMIT and the migrations alike. Installed only when asked for (SQL_STATEMENT_COUNT=1):
 * the benchmark divides the count by the lifecycles it drove. With SQL_STATEMENT_PROFILE=1 it also counts each
 * statement's shape (literals and parameter lists folded), and on SQLite the time spent running each shape, which
 * `npm run bench:sql` prints.
 */
export class StatementCounter implements Logger {
  private count = 0;
  private readonly shapes: Map<string, { count: number; micros: number }> | null;

  constructor(profile = false) {
    this.shapes = profile ? new Map() : null;
  }

  get statements(): number {
    return this.count;
  }

  /** Statement shapes, how often each was sent and the microseconds spent running it (SQLite), most frequent first (empty unless profiling). */
  get profile(): [shape: string, count: number, micros: number][] {
    return this.shapes ? [...this.shapes.entries()].map(([shape, s]) => [shape, s.count, Math.round(s.micros)] as [string, number, number]).sort((a, b) => b[1] - a[1]) : [];
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count++;
    if (this.shapes) this.statsOf(statementShape(query)).count++;
  }

  /**
   * When profiling, times every statement a better-sqlite3 connection runs (they run synchronously, so the time is
   * SQLite's own) and books it to the statement's shape.
   */
  timeStatements(connection: { prepare(sql: string): unknown }): void {
    if (!this.shapes) return;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => {
      const statement = prepare(sql) as Record<string, unknown>;
      const stats = this.statsOf(statementShape(sql));
      for (const method of ['run', 'all', 'get']) {
        const run = statement[method] as (...args: unknown[]) => unknown;
        statement[method] = (...args: unknown[]) => {
          const started = performance.now();
          try {
            return run.apply(statement, args);
          } finally {
            stats.micros += (performance.now() - started) * 1000;
          }
        };
      }
      return statement;
    };
  }

  private statsOf(shape: string): { count: number; micros: number } {
    let stats = this.shapes!.get(shape);
    if (!stats) this.shapes!.set(shape, (stats = { count: 0, micros: 0 }));
    return stats;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function statementShape(query: string): string {
  return query.replace(/\s+/g, ' ').replace(/'(?:[^']|'')*'/g, "'?'").replace(/\b\d+\b/g, 'N')
    .replace(/\((?:\s*\?\s*,)+\s*\?\s*\)/g, '(?…)').slice(0, 300);
}

/** The process-wide counter when SQL_STATEMENT_COUNT=1, otherwise undefined (no logger is installed). */
export const processStatementCounter: StatementCounter | undefined =
  process.env.SQL_STATEMENT_COUNT === '1' ? new StatementCounter(process.env.SQL_STATEMENT_PROFILE === '1') : undefined;
