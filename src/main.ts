import 'reflect-metadata';
import path from 'node:path';
import pino from 'pino';
import { seedDemoOrganisation } from './app/identity';
import { createApplication } from './bootstrap/application';
import { DemoCredentials, recordDemoCredentials } from './bootstrap/demo-credentials';
import { startHttpServer } from './http';
import { answerBenchProbes } from './process-probe';

/**
 * `npm start` (or `node dist/src/main.js`): the server on the configured database (embedded SQLite by default),
 * with the demo organisation unless SEED_DEMO=false.
 */
async function main() {
  const app = await createApplication({ requestLog: pino({ base: { pid: process.pid } }) });
  if (app.config.seedDemo) {
    const seed = await seedDemoOrganisation(app.db, { passwords: true });
    reportDemoCredentials(app.config.dataDir, recordDemoCredentials(app.config.dataDir, seed));
  }
  app.startBackgroundWork();
  answerBenchProbes();
  const running = await startHttpServer(app.http, app.config.port, app.config.host);
  console.log(`complaint-flow listening on http://${app.config.host}:${running.port} (API docs: /docs, database: ${app.db.dialect}, demo organisation: ${app.config.seedDemo ? 'seeded' : 'off'})`);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await running.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Demo passwords and tokens, for trying the console and the API (kept in <dataDir>/demo-credentials.json). */
function reportDemoCredentials(dataDir: string, credentials: DemoCredentials) {
  const absolute = path.join(dataDir, 'demo-credentials.json');
  const relative = path.relative(process.cwd(), absolute);
  const file = relative.startsWith('..') ? absolute : relative;
  console.log(`Demo users (password, API token; also in ${file}):`);
  for (const [username, { password, token }] of Object.entries(credentials)) {
    console.log(`  ${username.padEnd(10)} ${(password ?? '(no password: npm run users -- reset-password)').padEnd(18)} ${token ?? ''}`);
  }
}

process.on('unhandledRejection', (reason) => {
  // bpmn-server leaves some promises unawaited; their errors already failed the operation that raised them.
  console.error('Unhandled rejection (the operation that raised it was rolled back):', reason);
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
