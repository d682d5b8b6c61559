/**
 * `npm run bench [-- --smoke]`: what users get. Whole complaint lifecycles over HTTP (bench/load-client.ts,
 * the shipped diagrams) against compiled server processes on a fresh database, with 1, 8 and 32 concurrent
 * clients: on SQLite, on MariaDB, and on MariaDB with two server processes. Per run: lifecycles/s, p50/p99 per
 * route, server CPU per request, SQL statements per lifecycle, server RSS and the load average, and beside the
 * client's latencies the server's own timing of GET /tasks and the load client's CPU and event-loop delay. Then the
 * in-memory bpmn-server ceiling on the same diagram and path (bench/ceiling.ts: stock without its sleep, and
 * with the server's hardening) and the ratio to each.
 * BENCH_MARIADB_URL names another MariaDB/MySQL server; BENCH_SKIP_MARIADB=1 where none runs.
 * `npm run bench -- --engine` also runs the older engine-only and task-list benchmarks (bench/engine.ts).
 * `npm run bench -- --soak [N]` runs only the soak: N lifecycles (default 10000) with 8 clients against one SQLite server,
 * and reports the heap retained per lifecycle (after full collections, before and after) and the highest RSS.
 * `npm run bench:ab -- <git ref>` compares this checkout with another commit in alternating runs (bench/ab.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshMariaDb, freshSqlite, removeFreshDatabases } from './databases';
import { driveLifecycles, LifecycleTrace, LoadClient, rampUp } from './load-client';
import { scrapeMetrics, serverLatency, ServerLatency, watchClient } from './observers';
import { ClerkProbeResult, startClerkProbe } from './clerk-probe';
import { startServers } from './servers';
import { Latencies } from './stats';

const SMOKE = process.argv.includes('--smoke');
const CLIENTS = [1, 8, 32];
const RUN_SECONDS = SMOKE ? 2 : 60;
const WARMUP_LIFECYCLES = SMOKE ? 1 : 20;
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3900);
const useMariaDb = process.env.BENCH_SKIP_MARIADB !== '1';

interface RunResult {
  setup: string;
  clients: number;
  lifecycles: number;
  seconds: number;
  perSecond: number;
  requests: number;
  routes: ReturnType<Latencies['summary']>;
  cpuMsPerRequest: number;
  /** Server CPU per lifecycle, all threads, and the main threads' part of it (summed over the processes). */
  cpuMsPerLifecycle: number;
  mainThreadMsPerLifecycle: number;
  sqlPerLifecycle: number;
  rssMb: number[];
  /** Of which files mapped into memory (the node binary and its libraries). */
  rssFileMb: number[];
  loadAverage: number[];
  /** The load client's own CPU per lifecycle and event-loop delay: it shares the cores with the server. */
  client: { cpuMsPerLifecycle: number; loopDelayP99: number };
  /** GET /tasks as the server timed it, from the request being read to the answer being written. */
  serverTasks: ServerLatency;
  /** GET /tasks as a clerk's own client saw it meanwhile, and a trivial server on the same machine (bench/clerk-probe.ts). */
  clerk: ClerkProbeResult;
}

const TASK_LIST_TARGET_MS = 10;
/** Whose task list the clerk probe reads: the department the benchmark's complaints (技术服务) are routed to, so the list moves with the load. */
const CLERK_GROUP = 'ops';

/** BENCH_SQLITE_SYNCHRONOUS=normal measures SQLite with commits synced at checkpoints only (DB_URL ?synchronous=normal). */
const sqliteOptions = process.env.BENCH_SQLITE_SYNCHRONOUS ? `?synchronous=${process.env.BENCH_SQLITE_SYNCHRONOUS}` : '';

let sequence = 0;

/** One setup (database, server processes): a warm-up, then one timed run per client count. */
async function benchSetup(setup: string, dbUrl: string, processes: number, traces: LifecycleTrace[]): Promise<RunResult[]> {
  const servers = await startServers({ dbUrl, count: processes, firstPort: FIRST_PORT });
  try {
    const results: RunResult[] = [];
    const warmup = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    for (let i = 0; i < WARMUP_LIFECYCLES; i++) traces.push(await warmup.lifecycle(++sequence));
    const clerk = warmup.users.find((u) => u.groups.includes(CLERK_GROUP)) ?? warmup.users[0];
    for (const clients of CLIENTS) {
      const latencies = new Latencies();
      const client = new LoadClient(servers.baseUrls, warmup.users, latencies);
      const metricsBefore = await scrapeMetrics(servers.baseUrls);
      const before = await servers.probe();
      const watch = watchClient();
      const probe = await startClerkProbe(`${servers.baseUrls[0]}/tasks?limit=50`, clerk.token);
      const started = performance.now();
      const deadline = started + RUN_SECONDS * 1000;
      let lifecycles = 0;
      await Promise.all(Array.from({ length: clients }, async (_, index) => {
        await rampUp(index, clients);
        while (performance.now() < deadline) {
          await client.lifecycle(++sequence);
          lifecycles++;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      const clientLoad = watch.stop();
      const clerkSaw = await probe.stop();
      const after = await servers.probe();
      const metricsAfter = await scrapeMetrics(servers.baseUrls);
      const cpuMs = after.reduce((sum, p, i) => sum + (p.cpu.user + p.cpu.system - before[i].cpu.user - before[i].cpu.system) / 1000, 0);
      const mainThreadMs = after.reduce((sum, p, i) => sum + ((p.mainThreadCpuMicros ?? NaN) - (before[i].mainThreadCpuMicros ?? NaN)) / 1000, 0);
      const sql = after.reduce((sum, p, i) => sum + (p.sqlStatements ?? NaN) - (before[i].sqlStatements ?? NaN), 0);
      const result: RunResult = {
        setup, clients, lifecycles, seconds, perSecond: lifecycles / seconds, requests: latencies.requests,
        routes: latencies.summary(), cpuMsPerRequest: cpuMs / latencies.requests,
        cpuMsPerLifecycle: cpuMs / lifecycles, mainThreadMsPerLifecycle: mainThreadMs / lifecycles, sqlPerLifecycle: sql / lifecycles,
        rssMb: after.map((p) => p.rssBytes / 1024 / 1024), rssFileMb: after.map((p) => (p.rssFileBytes ?? 0) / 1024 / 1024), loadAverage: os.loadavg(),
        client: { cpuMsPerLifecycle: clientLoad.cpuMs / lifecycles, loopDelayP99: clientLoad.loopDelayP99 },
        serverTasks: serverLatency(metricsBefore, metricsAfter, 'GET', '/tasks', TASK_LIST_TARGET_MS),
        clerk: clerkSaw,
      };
      printRun(result);
      results.push(result);
    }
    return results;
  } finally {
    await servers.stop();
  }
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function printRun(r: RunResult) {
  console.log(`\n${r.setup}, ${r.clients} client${r.clients > 1 ? 's' : ''}: ${f(r.perSecond, 2)} lifecycles/s (${r.lifecycles} in ${f(r.seconds)} s), `
    + `${f(r.cpuMsPerRequest, 2)} ms server CPU per request (${f(r.cpuMsPerLifecycle, 0)} ms per lifecycle, ${f(r.mainThreadMsPerLifecycle, 0)} of them on the main thread), `
    + `${f(r.sqlPerLifecycle, 0)} SQL statements per lifecycle, `
    + `RSS ${r.rssMb.map((mb, i) => `${f(mb, 0)} MB (${f(r.rssFileMb[i], 0)} MB mapped files)`).join(' + ')}, load average ${r.loadAverage.map((l) => f(l, 2)).join(' ')}`);
  for (const route of r.routes) {
    console.log(`  ${route.route.padEnd(26)} ${String(route.count).padStart(6)} requests  p50 ${f(route.p50, 1).padStart(7)} ms  p99 ${f(route.p99, 1).padStart(7)} ms`);
  }
  console.log(`  GET /tasks as the server timed it: p99 ≤ ${f(r.serverTasks.p99AtMostMs, 1)} ms, ${f(100 * r.serverTasks.shareWithin, 1)} % within ${TASK_LIST_TARGET_MS} ms; `
    + `load client: ${f(r.client.cpuMsPerLifecycle, 1)} ms CPU per lifecycle, event-loop delay p99 ${f(r.client.loopDelayP99, 1)} ms`);
  console.log(`  GET /tasks as a clerk's own client saw it (a process apart, ${r.clerk.tasks.count} requests): p50 ${f(r.clerk.tasks.p50, 1)} / p99 ${f(r.clerk.tasks.p99, 1)} ms; `
    + `a trivial HTTP server on the same machine meanwhile: p50 ${f(r.clerk.trivial.p50, 1)} / p99 ${f(r.clerk.trivial.p99, 1)} ms`);
}

interface Ceiling { perSecond: number; lifecycles: number; describe: string }

/** One ceiling variant (bench/ceiling.ts) in its own process, so that stock bpmn-server runs unpatched. */
function runCeiling(variant: 'stock' | 'hardened', trace: LifecycleTrace): Ceiling {
  const traceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-trace-'));
  const traceFile = path.join(traceDir, 'trace.json');
  fs.writeFileSync(traceFile, JSON.stringify(trace));
  try {
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'ceiling.ts'), variant, traceFile, String(SMOKE ? 30 : 500)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } });
    return JSON.parse(output.trim().split('\n').pop()!);
  } finally {
    fs.rmSync(traceDir, { recursive: true, force: true });
  }
}

/** N lifecycles after a warm-up; the heap after a full collection, before and after, gives what each lifecycle retained. */
async function soak(total: number) {
  const servers = await startServers({ dbUrl: freshSqlite('bench', sqliteOptions), count: 1, firstPort: FIRST_PORT });
  try {
    const client = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    const drive = (count: number) => driveLifecycles(client, count, 8, () => ++sequence);
    await drive(200);
    const [before] = await servers.probeAfterGc();
    let rssMax = before.rssBytes;
    const started = performance.now();
    for (let done = 0; done < total; done += 500) {
      await drive(Math.min(500, total - done));
      const [now] = await servers.probe();
      rssMax = Math.max(rssMax, now.rssBytes);
      console.log(`  ${done + Math.min(500, total - done)} lifecycles, RSS ${f(now.rssBytes / 2 ** 20, 0)} MB (${f((now.rssFileBytes ?? 0) / 2 ** 20, 0)} MB mapped files), heap ${f(now.heapUsedBytes / 2 ** 20, 0)} MB`);
    }
    const seconds = (performance.now() - started) / 1000;
    const [after] = await servers.probeAfterGc();
    const retained = (after.heapUsedBytes - before.heapUsedBytes) / total;
    console.log(`Soak: ${total} lifecycles in ${f(seconds, 0)} s (${f(total / seconds, 2)}/s); heap after collection ${f(before.heapUsedBytes / 2 ** 20, 1)} MB → `
      + `${f(after.heapUsedBytes / 2 ** 20, 1)} MB, ${f(retained, 0)} bytes retained per lifecycle; highest RSS ${f(rssMax / 2 ** 20, 0)} MB`);
  } finally {
    await servers.stop();
  }
}

async function main() {
  const soakAt = process.argv.indexOf('--soak');
  if (soakAt >= 0) {
    const total = Number(process.argv[soakAt + 1]) || 10_000;
    console.log(`complaint-flow soak, ${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, node ${process.version}; ${total} lifecycles, 8 clients, SQLite`);
    return soak(total);
  }
  const startedAt = new Date();
  console.log(`complaint-flow benchmark${SMOKE ? ' (smoke)' : ''}, ${startedAt.toISOString()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, `
    + `${f(os.totalmem() / 2 ** 30)} GB, node ${process.version}, ${os.type()} ${os.release()}; ${RUN_SECONDS} s per run`);
  console.log('Whole complaint lifecycles (processes/complaint-lifecycle.bpmn) over HTTP against compiled server processes:');
  const traces: LifecycleTrace[] = [];
  const results: RunResult[] = [];
  results.push(...await benchSetup('SQLite, 1 process', freshSqlite('bench', sqliteOptions), 1, traces));
  if (useMariaDb) {
    results.push(...await benchSetup('MariaDB, 1 process', await freshMariaDb('cf_bench_http_1'), 1, traces));
    results.push(...await benchSetup('MariaDB, 2 processes', await freshMariaDb('cf_bench_http_2'), 2, traces));
  }

  console.log('\nIn-memory ceiling on the same diagram and path, 8 concurrent:');
  const ceilings = (['stock', 'hardened'] as const).map((variant) => {
    const ceiling = runCeiling(variant, traces[traces.length - 1]);
    console.log(`  ${variant.padEnd(8)} ${f(ceiling.perSecond, 1).padStart(8)} lifecycles/s (${ceiling.lifecycles}): ${ceiling.describe}`);
    return ceiling;
  });
  console.log('\nSummary (lifecycles/s; ratio to the stock and the hardened in-memory ceiling):');
  for (const r of results) {
    console.log(`  ${r.setup.padEnd(22)} ${String(r.clients).padStart(2)} clients  ${f(r.perSecond, 2).padStart(8)}  `
      + ceilings.map((c, i) => `${f(r.perSecond / c.perSecond, 3)} × ${i === 0 ? 'stock' : 'hardened'}`).join('  '));
  }
  console.log(`\nFinished in ${f((Date.now() - startedAt.getTime()) / 1000, 0)} s.`);

  if (process.argv.includes('--engine')) {
    console.log('\nEngine-only and task-list benchmarks (bench/engine.ts):');
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'engine.ts')], { stdio: 'inherit', env: { ...process.env, BENCH_QUICK: SMOKE ? '1' : '' } });
  }
}

main().finally(removeFreshDatabases).then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
