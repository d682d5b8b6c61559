import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { npmStartCommand } from '../../support/npm-scripts';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface TestServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the server printed (for failure messages). */
  output(): string;
  /** A demo user's console password and API token, from <DATA_DIR>/demo-credentials.json. */
  credentials(username: string): { password: string; token: string };
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment (e.g. POLICY_FILE). */
  env?: Record<string, string>;
}

/** Ports the browser tests may use: E2E_PORTS="3200-3299" by default. */
function portRange(): [number, number] {
  const [from, to] = (process.env.E2E_PORTS ?? '3200-3299').split('-').map(Number);
  return [from, to ?? from];
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  const [from, to] = portRange();
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i += 1) {
    const port = from + ((start - from + i) % (to - from + 1));
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port in ${from}-${to}`);
}

/**
 * Starts what `npm start` runs (its node flags and the compiled `dist/src/main.js`, which the global setup keeps
 * current) as a child process on a fresh SQLite
 * database in a temporary data directory and a free port; resolves once /healthz answers.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DB_URL: `sqlite:${path.join(dataDir, 'complaint-flow.sqlite')}`,
    DATA_DIR: dataDir,
    SERVER_ID: `e2e-${port}`,
    NODE_ENV: 'test',
    ...options.env,
  };
  const { nodeFlags, entry } = npmStartCommand();
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    baseUrl,
    port,
    dataDir,
    output: () => output,
    credentials: (username) => demoCredentials(dataDir, username),
    async stop() {
      await stopChild(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not become healthy within 120 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

function demoCredentials(dataDir: string, username: string): { password: string; token: string } {
  const all = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as Record<string, { password?: string; token?: string }>;
  const entry = all[username];
  if (!entry?.password || !entry.token) throw new Error(`No demo credentials for ${username}`);
  return { password: entry.password, token: entry.token };
}
