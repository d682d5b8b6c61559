/**
 * Server processes for the benchmark, started like production: `npm start`'s node flags and `dist/src/main.js` (compiled), on a fresh
 * database, with an IPC channel through which each answers probes for its CPU time, RSS and SQL statement count
 * (src/process-probe.ts; SQL_STATEMENT_COUNT=1 installs the counter in the database layer).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcessProbe } from '../src/process-probe';
import { npmStartCommand } from '../test/support/npm-scripts';

const ROOT = path.join(__dirname, '..');

export interface ServerGroup {
  baseUrls: string[];
  tokens: Record<string, string>;
  probe(): Promise<ProcessProbe[]>;
  /** The same after a full garbage collection in each server (for retained memory). */
  probeAfterGc(): Promise<ProcessProbe[]>;
  /** Sends `message` to each server and resolves with what each answers under `answer` (a preloaded module's). */
  ask<T>(message: string, answer: string): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * `nodeFlags`: added to production's, e.g. `--cpu-prof` (bench/profile-cpu.ts). `root`: the checkout whose compiled
 * server, diagrams and configuration to start (default this one; bench/ab.ts starts another commit's).
 */
export async function startServers(options: { dbUrl: string; count: number; firstPort: number; nodeFlags?: string[]; root?: string }): Promise<ServerGroup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-data-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first migrates the database and seeds the demo organisation.
    for (let i = 0; i < options.count; i++) {
      children.push(await startOne(options.root ?? ROOT, options.dbUrl, options.firstPort + i, dataDir, i, options.nodeFlags ?? []));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as Record<string, { token?: string }>;
  const tokens = Object.fromEntries(Object.entries(credentials).filter(([, c]) => c.token).map(([u, c]) => [u, c.token!]));
  return {
    baseUrls: children.map((_, i) => `http://127.0.0.1:${options.firstPort + i}`),
    tokens,
    probe: () => Promise.all(children.map((child) => ask<ProcessProbe>(child, 'probe', 'probe'))),
    probeAfterGc: () => Promise.all(children.map((child) => ask<ProcessProbe>(child, 'probe-gc', 'probe'))),
    ask: <T>(message: string, answer: string) => Promise.all(children.map((child) => ask<T>(child, message, answer))),
    stop,
  };
}

function startOne(root: string, dbUrl: string, port: number, dataDir: string, index: number, nodeFlags: string[]): Promise<ChildProcess> {
  // --expose-gc only lets the probe collect before measuring retained memory; nothing else calls gc().
  const production = npmStartCommand();
  const child = spawn(process.execPath, [...production.nodeFlags, ...nodeFlags, '--expose-gc', path.join(root, production.entry)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env, NODE_ENV: 'production', DB_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir,
      SEED_DEMO: 'true', SERVER_ID: `bench-${index + 1}`, BENCH_PROBE: '1', SQL_STATEMENT_COUNT: '1',
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server on port ${port} did not start:\n${output}`)); }, 180_000);
    const check = setInterval(() => {
      if (output.includes('complaint-flow listening on')) {
        clearInterval(check); clearTimeout(deadline);
        resolve(child);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check); clearTimeout(deadline);
      reject(new Error(`server on port ${port} exited (${code}):\n${output.slice(-3000)}`));
    });
  });
}

function ask<T>(child: ChildProcess, message: string, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server did not answer "${message}"`)), 10_000);
    const onMessage = (reply: Record<string, T> | null) => {
      if (!reply?.[answer]) return;
      clearTimeout(timeout);
      child.off('message', onMessage);
      resolve(reply[answer]);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}
