import fs from 'node:fs';
import path from 'node:path';
import type { SignInSettings } from '../app/identity/sign-in';
import { parsePolicy, type Policy } from '../domain';

/** Runtime settings. Defaults live in config/default.json; environment variables override them. */
export interface AppConfig {
  port: number;
  /** Address the HTTP server listens on: 127.0.0.1 for the embedded quick start, 0.0.0.0 in containers. */
  host: string;
  /** Seed the demo organisation (users and printed tokens) at start: the quick start wants it, production does not. */
  seedDemo: boolean;
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
  /**
   * How many running instances' executions stay in memory between operations (about 300 KB each for the complaint
   * process), so that the next operation on one skips restoring it; 0 keeps none. See engine/live-executions.ts.
   */
  liveExecutions: number;
  signIn: SignInSettings;
  /** TRUST_PROXY: Express `trust proxy` value when running behind a reverse proxy, e.g. "loopback". */
  trustProxy?: string;
  /** METRICS_TOKEN: bearer token that opens GET /metrics; without it only loopback callers (and none behind a proxy) may read it. */
  metricsToken?: string;
  /**
   * At start, a file in processes/ that differs from the process's active version (deployed or activated over the
   * API): "deploy" deploys and activates the file, "keep" keeps the active version. Either way one line is logged.
   */
  processFileDrift: 'deploy' | 'keep';
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
    host: env.HOST ?? base.host,
    seedDemo: env.SEED_DEMO !== undefined ? parseFlag(env.SEED_DEMO, 'SEED_DEMO') : base.seedDemo,
    dbUrl: env.DB_URL || base.dbUrl || `sqlite:${path.join(dataDir, 'complaint-flow.sqlite')}`,
    serverId: env.SERVER_ID ?? `${require('node:os').hostname()}:${process.pid}`,
    processesDir: path.resolve(PROJECT_ROOT, env.PROCESSES_DIR ?? base.processesDir),
    policyFile: path.resolve(PROJECT_ROOT, env.POLICY_FILE ?? base.policyFile),
    trustProxy: env.TRUST_PROXY || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    liveExecutions: env.LIVE_EXECUTIONS !== undefined ? count(env.LIVE_EXECUTIONS, 'LIVE_EXECUTIONS') : base.liveExecutions,
    processFileDrift: driftSetting(env.PROCESS_FILE_DRIFT ?? base.processFileDrift ?? 'deploy'),
  };
}

function driftSetting(value: string): AppConfig['processFileDrift'] {
  if (value !== 'deploy' && value !== 'keep') throw new Error(`processFileDrift must be "deploy" or "keep", not "${value}"`);
  return value;
}

function count(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${value}"`);
  return parsed;
}

function parseFlag(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

/** The organisation's policy (config/policy.json, or POLICY_FILE), read and checked. */
export function readPolicyFile(file: string): Policy {
  return parsePolicy(JSON.parse(fs.readFileSync(file, 'utf8')));
}
