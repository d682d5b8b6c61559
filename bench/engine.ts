/**
 * `npm run bench -- --engine` (sub-benchmark): engine throughput (stock in-memory bpmn-server vs our persisted engine on SQLite and
 * MariaDB, measured in this run), memory growth over a 5,000-lifecycle soak, and task-list latency with
 * 1,000,000 open tasks. Each engine mode runs in its own process. Set BENCH_MARIADB_URL to another server,
 * or BENCH_SKIP_MARIADB=1 where none runs; BENCH_QUICK=1 shrinks the counts for a smoke run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshMariaDb, freshSqlite, removeFreshDatabases } from './databases';

const QUICK = process.env.BENCH_QUICK === '1';
const LIFECYCLES = QUICK ? 300 : 2000;
const SOAK = QUICK ? 500 : 5000;
const useMariaDb = process.env.BENCH_SKIP_MARIADB !== '1';

function runMode(args: string[], exposeGc = false): any {
  const nodeArgs = [...(exposeGc ? ['--expose-gc'] : []), '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'engine-modes.ts'), ...args];
  const output = execFileSync(process.execPath, nodeArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } });
  return JSON.parse(output.trim().split('\n').pop()!);
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  console.log(`complaint-flow benchmark on ${os.cpus().length} cores, node ${process.version}${QUICK ? ' (quick)' : ''}\n`);
  console.log('Engine lifecycles/s (start → user task → complete → service task → end, 8 concurrent):');
  const rawStock = runMode(['raw-stock', '', String(LIFECYCLES)]);
  console.log(`  bpmn-server in memory, stock              ${fmt(rawStock.perSecond)}`);
  const rawPatched = runMode(['raw-patched', '', String(LIFECYCLES)]);
  console.log(`  bpmn-server in memory, with our hardening ${fmt(rawPatched.perSecond)}`);
  const sqlite = runMode(['persisted', freshSqlite('engine'), String(LIFECYCLES)]);
  console.log(`  persisted, SQLite                         ${fmt(sqlite.perSecond)}  (${fmt(sqlite.perSecond / rawStock.perSecond, 2)} × stock in-memory)`);
  if (useMariaDb) {
    const maria = runMode(['persisted', await freshMariaDb('cf_bench_engine'), String(LIFECYCLES)]);
    console.log(`  persisted, MariaDB                        ${fmt(maria.perSecond)}  (${fmt(maria.perSecond / rawStock.perSecond, 2)} × stock in-memory)`);
  }

  const soak = runMode(['soak', freshSqlite('soak'), String(SOAK)], true);
  console.log(`\nSoak: ${soak.lifecycles} lifecycles on SQLite: RSS ${fmt(soak.rssBeforeMb)} MB → ${fmt(soak.rssAfterMb)} MB, `
    + `${fmt(soak.growthBytesPerLifecycle, 0)} bytes per lifecycle (target < 1024)`);

  const taskListBench = path.join(__dirname, 'task-list.ts');
  if (fs.existsSync(taskListBench)) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { benchTaskList } = require(taskListBench);
    console.log('\nTask list, keyset pages of 50 for one group:');
    const targets = [{ url: freshSqlite('tasks'), target: 10 }];
    if (useMariaDb) targets.push({ url: await freshMariaDb('cf_bench_tasks'), target: 20 });
    for (const { url, target } of targets) {
      const r = await benchTaskList(url);
      console.log(`  ${r.db.padEnd(8)} ${r.tasks} tasks: p99 ${fmt(r.ourP99Ms, 2)} ms through the use case, ${fmt(r.rawP99Ms, 2)} ms raw SQL (target ≤ ${target} ms)`);
    }
  }
}

main().finally(removeFreshDatabases).then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
