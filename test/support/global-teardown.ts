import { TEST_DB, testDatabasePrefix } from './database';

/**
 * Jest global teardown: drops the MariaDB databases this run's workers kept for reuse (test/support/database.ts).
 * Runs in the parent process, where CF_TEST_RUN was set by the global setup, so the prefix is the workers' one.
 */
export default async function globalTeardown(): Promise<void> {
  if (TEST_DB !== 'mariadb') return;
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(`${process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306'}/`);
  try {
    const [rows] = await connection.query('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [`${testDatabasePrefix().replace(/_/g, '\\_')}%`]);
    for (const { name } of rows as { name: string }[]) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
