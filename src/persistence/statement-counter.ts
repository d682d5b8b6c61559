import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent to the database and logs nothing. TypeORM hands every
 * statement of every query runner to its logger, so this sees the ORM's own queries, raw `manager.query` calls,
 * transactions' BEGIN/COMMIT and the migrations alike. Installed only when asked for (SQL_STATEMENT_COUNT=1):
 * the benchmark divides the count by the lifecycles it drove.
 */
export class StatementCounter implements Logger {
  private count = 0;

  get statements(): number {
    return this.count;
  }

  logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count++;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** The process-wide counter when SQL_STATEMENT_COUNT=1, otherwise undefined (no logger is installed). */
export const processStatementCounter: StatementCounter | undefined =
  process.env.SQL_STATEMENT_COUNT === '1' ? new StatementCounter() : undefined;
