import { Database } from '../../src/persistence/database';
import { StatementCounter } from '../../src/persistence/statement-counter';

/** The SQL statements `db` sends while `work` runs, counted and by shape (see StatementCounter). */
export async function statementsDuring(db: Database, work: () => Promise<unknown>): Promise<StatementCounter> {
  const counter = new StatementCounter(true);
  const dataSources = db.dataSources as unknown as { logger: unknown }[];
  const originals = dataSources.map((d) => d.logger);
  for (const d of dataSources) d.logger = counter;
  try {
    await work();
  } finally {
    dataSources.forEach((d, i) => { d.logger = originals[i]; });
  }
  return counter;
}
