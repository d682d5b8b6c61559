/**
 * `npm run bench:ab -- <git ref> [--pairs 3] [--lifecycles 200] [--clients 8] [--mariadb] [--node-flags "…"]`: is this checkout faster
 * or slower than another commit? These machines are shared and their speed drifts by 10–20 % within minutes, so
 * two full runs taken at different times cannot tell a change of a few percent. This runs both codes on the same
 * machine in alternating pairs (the order swapped from one pair to the next, so a drift favours neither), each run
 * a compiled server of its own on a fresh database: a warm-up, then N whole lifecycles with C clients (bench/load-client.ts).
 * It prints each run and, per side, the median and range of lifecycles/s, server CPU and SQL statements per
 * lifecycle, and the p50/p99 of the task list, of registrations and of completions; then this checkout against the
 * other within each pair, whose two runs follow each other, which cancels most of a slow drift.
 *
 * The other commit is checked out into a temporary git worktree that borrows this checkout's node_modules, so its
 * package-lock.json must be the same as this one's; it is compiled there and removed afterwards.
 *
 * `--node-flags` adds node flags to this checkout's servers only (after `npm start`'s): with `HEAD` as the ref, it
 * compares a runtime setting such as V8's heap sizes on the same code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshMariaDb, freshSqlite, removeFreshDatabases } from './databases';
import { driveLifecycles, LoadClient } from './load-client';
import { scrapeMetrics, serverLatency } from './observers';
import { ServerGroup, startServers } from './servers';
import { Latencies, percentile } from './stats';

const ROOT = path.join(__dirname, '..');
const WARMUP_LIFECYCLES = 20;

interface Side { label: string; root: string; nodeFlags: string[] }

interface AbRun {
  side: string;
  perSecond: number;
  cpuMsPerLifecycle: number;
  /** Of which the server's main thread (NaN for a reference commit whose probe does not tell). */
  mainThreadMsPerLifecycle: number;
  sqlPerLifecycle: number;
  tasks: { p50: number; p99: number };
  /** GET /tasks as the server timed it (its request histogram): the bucket bound of the p99, ms. */
  serverTasksP99AtMost: number;
  complete: { p50: number; p99: number };
  register: { p50: number; p99: number };
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** The other commit, compiled in a temporary worktree that uses this checkout's node_modules. */
function checkOut(ref: string): { side: Side; remove: () => void } {
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  try {
    git('diff', '--quiet', commit, '--', 'package-lock.json');
  } catch {
    throw new Error(`${ref} has other dependencies (package-lock.json differs): compare it from a checkout of its own`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-ab-'));
  git('worktree', 'add', '--detach', dir, commit);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    try { git('worktree', 'remove', '--force', dir); } catch { fs.rmSync(dir, { recursive: true, force: true }); git('worktree', 'prune'); }
  };
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  } catch (error) {
    remove();
    throw error;
  }
  return { side: { label: `${ref} (${commit.slice(0, 8)})`, root: dir, nodeFlags: [] }, remove };
}

let sequence = 0;
/** The servers of the run under way, for Ctrl-C to stop. */
let running: ServerGroup | null = null;

async function measure(side: Side, lifecycles: number, clients: number, mariadb: boolean): Promise<AbRun> {
  const dbUrl = mariadb ? await freshMariaDb('cf_bench_ab') : freshSqlite('ab');
  const servers = await startServers({ dbUrl, count: 1, firstPort: Number(process.env.BENCH_PORT ?? 3940), root: side.root, nodeFlags: side.nodeFlags });
  running = servers;
  try {
    const warmup = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    await driveLifecycles(warmup, WARMUP_LIFECYCLES, 1, () => ++sequence);
    const latencies = new Latencies();
    const client = new LoadClient(servers.baseUrls, warmup.users, latencies);
    const metricsBefore = await scrapeMetrics(servers.baseUrls);
    const [before] = await servers.probe();
    const started = performance.now();
    await driveLifecycles(client, lifecycles, clients, () => ++sequence);
    const seconds = (performance.now() - started) / 1000;
    const [after] = await servers.probe();
    const metricsAfter = await scrapeMetrics(servers.baseUrls);
    const routes = new Map(latencies.summary().map((r) => [r.route, { p50: r.p50, p99: r.p99 }]));
    return {
      side: side.label,
      perSecond: lifecycles / seconds,
      cpuMsPerLifecycle: (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000 / lifecycles,
      mainThreadMsPerLifecycle: ((after.mainThreadCpuMicros ?? NaN) - (before.mainThreadCpuMicros ?? NaN)) / 1000 / lifecycles,
      sqlPerLifecycle: ((after.sqlStatements ?? NaN) - (before.sqlStatements ?? NaN)) / lifecycles,
      tasks: routes.get('GET /tasks')!,
      serverTasksP99AtMost: serverLatency(metricsBefore, metricsAfter, 'GET', '/tasks', 10).p99AtMostMs,
      complete: routes.get('POST /tasks/:id/complete')!,
      register: routes.get('POST /complaints')!,
    };
  } finally {
    running = null;
    await servers.stop();
    await removeFreshDatabases();
  }
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function describe(run: AbRun): string {
  return `${f(run.perSecond, 2)} lifecycles/s, ${f(run.cpuMsPerLifecycle)} ms CPU (${f(run.mainThreadMsPerLifecycle)} on the main thread) and ${f(run.sqlPerLifecycle)} SQL per lifecycle, `
    + `GET /tasks ${f(run.tasks.p50)} / ${f(run.tasks.p99)} ms (server p99 ≤ ${f(run.serverTasksP99AtMost)} ms), complete ${f(run.complete.p50)} / ${f(run.complete.p99)} ms, `
    + `register ${f(run.register.p50)} / ${f(run.register.p99)} ms`;
}

function summarise(label: string, runs: AbRun[]): void {
  const stat = (pick: (r: AbRun) => number, digits: number) => {
    const values = runs.map(pick);
    return `${f(percentile(values, 0.5), digits)} (${f(Math.min(...values), digits)}–${f(Math.max(...values), digits)})`;
  };
  console.log(`  ${label}: ${stat((r) => r.perSecond, 2)} lifecycles/s, ${stat((r) => r.cpuMsPerLifecycle, 1)} ms CPU per lifecycle (main thread ${stat((r) => r.mainThreadMsPerLifecycle, 1)}), `
    + `${stat((r) => r.sqlPerLifecycle, 1)} SQL per lifecycle, GET /tasks p99 ${stat((r) => r.tasks.p99, 1)} ms, complete p50 ${stat((r) => r.complete.p50, 1)} ms, `
    + `register p50 ${stat((r) => r.register.p50, 1)} / p99 ${stat((r) => r.register.p99, 1)} ms`);
}

/** This checkout against the reference within each pair: lifecycles/s and CPU per lifecycle, each pair's change. */
function comparePairs(reference: AbRun[], here: AbRun[]): void {
  const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} %`;
  const ratios = (pick: (r: AbRun) => number) => here.map((run, i) => pick(run) / pick(reference[i]) - 1);
  const listed = (values: number[]) => `${values.map(pct).join(', ')} (median ${pct(percentile(values, 0.5))})`;
  const perSecond = ratios((r) => r.perSecond);
  const faster = perSecond.filter((x) => x > 0).length;
  console.log(`Pair by pair, this checkout against the reference: lifecycles/s ${listed(perSecond)}; `
    + `CPU per lifecycle ${listed(ratios((r) => r.cpuMsPerLifecycle))}; main thread's ${listed(ratios((r) => r.mainThreadMsPerLifecycle))}; faster in ${faster} of ${perSecond.length} pairs`);
}

async function main() {
  const valued = ['--pairs', '--lifecycles', '--clients', '--node-flags'];
  const ref = process.argv.slice(2).find((arg, i, args) => !arg.startsWith('--') && !valued.includes(args[i - 1]));
  if (!ref) throw new Error('usage: npm run bench:ab -- <git ref> [--pairs N] [--lifecycles N] [--clients N] [--mariadb] [--node-flags "…"]');
  const pairs = option('--pairs', 3);
  const lifecycles = option('--lifecycles', 200);
  const clients = option('--clients', 8);
  const mariadb = process.argv.includes('--mariadb');
  const flagsAt = process.argv.indexOf('--node-flags');
  const nodeFlags = flagsAt >= 0 ? (process.argv[flagsAt + 1] ?? '').split(/\s+/).filter(Boolean) : [];
  const base = checkOut(ref);
  // Ctrl-C: stop the servers, drop the fresh databases and remove the worktree before leaving.
  process.once('SIGINT', () => {
    base.remove();
    void Promise.resolve(running?.stop()).then(removeFreshDatabases).finally(() => process.exit(130));
  });
  const changes = git('status', '--porcelain', '--untracked-files=no') ? ' with changes' : '';
  const here: Side = {
    label: `this checkout (${git('rev-parse', '--short=8', 'HEAD')}${changes}${nodeFlags.length ? ` with ${nodeFlags.join(' ')}` : ''})`, root: ROOT, nodeFlags,
  };
  try {
    console.log(`A/B, ${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, node ${process.version}; `
      + `${pairs} pairs of ${lifecycles} lifecycles with ${clients} clients on ${mariadb ? 'MariaDB' : 'SQLite'}, alternating which runs first`);
    const runs: AbRun[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? [base.side, here] : [here, base.side];
      for (const side of order) {
        const run = await measure(side, lifecycles, clients, mariadb);
        console.log(`  ${run.side}: ${describe(run)}`);
        runs.push(run);
      }
    }
    console.log('Medians (range):');
    summarise(base.side.label, runs.filter((r) => r.side === base.side.label));
    summarise(here.label, runs.filter((r) => r.side === here.label));
    comparePairs(runs.filter((r) => r.side === base.side.label), runs.filter((r) => r.side === here.label));
  } finally {
    base.remove();
  }
}

main().then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
