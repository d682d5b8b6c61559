import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent to the database and logs nothing. TypeORM hands every
 * statement of every query runner to its logger, so this sees the ORM's own queries, raw `manager.query` calls,
 * transactions' BEGIN/COMMIT and the migrations alike. Installed only when asked for (SQL_STATEMENT_COUNT=1):
 * the benchmark divides the count by the lifecycles it drove. With SQL_STATEMENT_PROFILE=1 it also counts each
 * statement's shape (literals and parameter lists folded), which `npm run bench -- --profile-sql` prints.
 */
export class StatementCounter implements Logger {
  private count = 0;
  private readonly shapes: Map<string, number> | null;

  constructor(profile = false) {
    this.shapes = profile ? new Map() : null;
  }

  get statements(): number {
    return this.count;
  }

  /** Statement shapes and how often each was sent, most frequent first (empty unless profiling). */
  get profile(): [string, number][] {
    return this.shapes ? [...this.shapes.entries()].sort((a, b) => b[1] - a[1]) : [];
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count++;
    if (this.shapes) {
      const shape = statementShape(query);
      this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
    }
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
