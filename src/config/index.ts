import fs from 'node:fs';
import path from 'node:path';
import type { SignInSettings } from '../app/identity/sign-in';

/** Runtime settings. Defaults live in config/default.json; environment variables override them. */
export interface AppConfig {
  port: number;
  /** Where the embedded database and the demo credentials live (DATA_DIR; `data/` by default). */
  dataDir: string;
  /** DB_URL; empty in config/default.json means embedded SQLite at `<dataDir>/complaint-flow.sqlite`. */
  dbUrl: string;
  serverId: string;
  processesDir: string;
  policyFile: string;
  timers: { pollIntervalMs: number; leaseMs: number; batchSize: number };
  locks: { leaseMs: number; waitMs: number };
  logger: { keepEntries: number };
  signIn: SignInSettings;
  /** TRUST_PROXY: Express `trust proxy` value when running behind a reverse proxy, e.g. "loopback". */
  trustProxy?: string;
}

/** The folder holding package.json, whether running from src/ (ts-node) or dist/src/ (compiled). */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'config'))) return dir;
  }
  throw new Error(`No project root (package.json + config/) above ${start}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = path.join(PROJECT_ROOT, 'config', 'default.json');
  const base = JSON.parse(fs.readFileSync(file, 'utf8')) as AppConfig;
  const dataDir = path.resolve(PROJECT_ROOT, env.DATA_DIR || base.dataDir);
  return {
    ...base,
    port: env.PORT ? Number(env.PORT) : base.port,
    dataDir,
    dbUrl: env.DB_URL || base.dbUrl || `sqlite:${path.join(dataDir, 'complaint-flow.sqlite')}`,
    serverId: env.SERVER_ID ?? `${require('node:os').hostname()}:${process.pid}`,
    processesDir: path.resolve(PROJECT_ROOT, env.PROCESSES_DIR ?? base.processesDir),
    policyFile: path.resolve(PROJECT_ROOT, env.POLICY_FILE ?? base.policyFile),
    trustProxy: env.TRUST_PROXY || undefined,
  };
}
