import fs from 'node:fs';
import path from 'node:path';

/** Runtime settings. Defaults live in config/default.json; environment variables override them. */
export interface AppConfig {
  port: number;
  dbUrl: string;
  serverId: string;
  processesDir: string;
  policyFile: string;
  timers: { pollIntervalMs: number; leaseMs: number; batchSize: number };
  locks: { leaseMs: number; waitMs: number };
  logger: { keepEntries: number };
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = path.join(PROJECT_ROOT, 'config', 'default.json');
  const base = JSON.parse(fs.readFileSync(file, 'utf8')) as AppConfig;
  return {
    ...base,
    port: env.PORT ? Number(env.PORT) : base.port,
    dbUrl: env.DB_URL ?? base.dbUrl,
    serverId: env.SERVER_ID ?? `${require('node:os').hostname()}:${process.pid}`,
    processesDir: path.resolve(PROJECT_ROOT, env.PROCESSES_DIR ?? base.processesDir),
    policyFile: path.resolve(PROJECT_ROOT, env.POLICY_FILE ?? base.policyFile),
  };
}
