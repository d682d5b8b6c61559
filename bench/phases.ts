/**
 * `npm run bench:phases [-- --lifecycles N]`: where a request's time goes inside the server, part by part. One
 * compiled server on a fresh SQLite file, loaded with bench/phase-timer.cjs, and one client driving N whole lifecycles
 * (default 60, after a warm-up) one request at a time, as `npm run bench` does. Prints the wall time of each part per
 * call and per lifecycle, indented as the parts nest (a completion's use case holds the engine's call, which holds
 * bpmn-server's steps, and so on). With one request in flight, wall time is close to CPU time, apart from the commit's
 * wait for the log's sync on its own thread; and the answer's socket write, which then wakes the waiting client each
 * time, weighs more than under load (the HTTP figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberArgument } from './arguments';
import { freshSqlite, removeFreshDatabases } from './databases';
import { LoadClient } from './load-client';
import { startServers } from './servers';
import { Latencies } from './stats';

const WARMUP_LIFECYCLES = 30;
const SETTLE_MS = 1500;

type Totals = Map<string, { calls: number; ms: number }>;

async function main() {
  const lifecycles = numberArgument('--lifecycles', 60);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-phases-'));
  const file = path.join(dir, 'phases.json');
  process.env.PHASE_TIMER_FILE = file;
  const read = async (): Promise<Totals> => {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS)); // the timer writes every half second
    return new Map(JSON.parse(fs.readFileSync(file, 'utf8')));
  };
  const servers = await startServers({
    dbUrl: freshSqlite('phases'), count: 1, firstPort: Number(process.env.BENCH_PORT ?? 3985),
    nodeFlags: ['--require', path.join(__dirname, 'phase-timer.cjs')],
  });
  try {
    const client = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    for (let i = 0; i < WARMUP_LIFECYCLES; i++) await client.lifecycle(i);
    const before = await read();
    for (let i = 0; i < lifecycles; i++) await client.lifecycle(WARMUP_LIFECYCLES + i);
    const after = await read();
    const requests = [...after].filter(([label]) => label.startsWith('HTTP ')).reduce((sum, [label, t]) => sum + t.calls - (before.get(label)?.calls ?? 0), 0);
    if (requests === 0) throw new Error('the phase timer saw no request: was bench/phase-timer.cjs loaded into the server\'s main thread?');
    console.log(`Wall time by part over ${lifecycles} lifecycles, one request at a time (parts indented under the part that calls them; `
      + 'calls count every call, those with nothing to do too, so ms per lifecycle is the figure to read):');
    console.log(`${'part'.padEnd(72)} ${'calls/lc'.padStart(8)} ${'ms each'.padStart(8)} ${'ms/lc'.padStart(8)}`);
    for (const [label, total] of after) {
      const earlier = before.get(label) ?? { calls: 0, ms: 0 };
      const calls = total.calls - earlier.calls;
      if (calls === 0) continue;
      const ms = total.ms - earlier.ms;
      console.log(`${label.padEnd(72)} ${(calls / lifecycles).toFixed(1).padStart(8)} ${(ms / calls).toFixed(3).padStart(8)} ${(ms / lifecycles).toFixed(2).padStart(8)}`);
    }
  } finally {
    await servers.stop();
    await removeFreshDatabases();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
