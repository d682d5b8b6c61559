import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase, parseDbUrl } from '../persistence/database';

/**
 * `npm run migrate` (or `node dist/src/cli/migrate.js` in the image): brings the configured database (DB_URL)
 * to the current schema and exits. Safe to run from several processes at once: the migrations are serialised
 * by a database lock (MySQL/MariaDB) or a lock file (SQLite), and whoever comes second finds nothing to do.
 */
async function main(): Promise<void> {
  const { dbUrl } = loadConfig();
  let applied: string[] = [];
  const db = await openDatabase(dbUrl, { onMigrated: (names) => { applied = names; } });
  await db.close();
  const where = parseDbUrl(dbUrl).dialect === 'mysql' ? 'MySQL/MariaDB' : 'SQLite';
  if (applied.length === 0) console.log(`${where} schema is up to date`);
  else console.log(`${where} schema migrated: ${applied.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
