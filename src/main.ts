import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoOrganisation } from './app/identity';
import { createApplication } from './bootstrap/application';
import { PROJECT_ROOT } from './config';
import { startHttpServer } from './http';

/**
 * `npm start` (or `node dist/src/main.js`): the server on the configured database (embedded SQLite by default),
 * with the demo organisation unless SEED_DEMO=false.
 */
async function main() {
  const app = await createApplication();
  if (app.config.seedDemo) {
    const seed = await seedDemoOrganisation(app.db);
    reportDemoTokens(seed.tokens);
  }
  app.startBackgroundWork();
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

/** Tokens are only shown when issued; they are also kept in data/demo-tokens.json for later starts. */
function reportDemoTokens(tokens: Array<{ username: string; token: string }>) {
  const file = path.join(PROJECT_ROOT, 'data', 'demo-tokens.json');
  if (tokens.length > 0) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const known = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    for (const { username, token } of tokens) known[username] = token;
    fs.writeFileSync(file, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
    console.log('Demo users and their API tokens (shown once, also saved to data/demo-tokens.json):');
    for (const { username, token } of tokens) console.log(`  ${username.padEnd(10)} ${token}`);
  } else if (fs.existsSync(file)) {
    console.log(`Demo API tokens: see ${path.relative(process.cwd(), file)}`);
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
