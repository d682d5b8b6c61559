/**
 * `npm run bench:sql [-- mariadb]`: which SQL statements one whole complaint lifecycle sends. Starts one compiled
 * server with the statement profile on, drives lifecycles over HTTP (one client) as `npm run bench` does, and prints
 * each statement shape with its count per lifecycle and, on SQLite, the time SQLite spent running it (statements run
 * synchronously, on the server's only thread; the sync of the log and the checkpoints do not, see WalSync and
 * WalCheckpointer), most time first.
 */
import { freshMariaDb, freshSqlite, removeFreshDatabases } from './databases';
import { LoadClient } from './load-client';
import { startServers } from './servers';
import { Latencies } from './stats';

const LIFECYCLES = Number(process.env.BENCH_LIFECYCLES ?? 10);

async function main() {
  process.env.SQL_STATEMENT_PROFILE = '1';
  const dbUrl = process.argv.includes('mariadb') ? await freshMariaDb('cf_bench_sql') : freshSqlite();
  const servers = await startServers({ dbUrl, count: 1, firstPort: Number(process.env.BENCH_PORT ?? 3950) });
  try {
    const client = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    for (let i = 0; i < 2; i++) await client.lifecycle(i);
    const [before] = await servers.probe();
    const latencies = new Latencies();
    const measured = new LoadClient(servers.baseUrls, client.users, latencies);
    for (let i = 0; i < LIFECYCLES; i++) await measured.lifecycle(100 + i);
    const [after] = await servers.probe();
    const earlier = new Map((before.sqlProfile ?? []).map(([shape, count, micros]) => [shape, { count, micros }]));
    const rows = (after.sqlProfile ?? []).map(([shape, count, micros]) => ({
      shape, count: (count - (earlier.get(shape)?.count ?? 0)) / LIFECYCLES, ms: (micros - (earlier.get(shape)?.micros ?? 0)) / 1000 / LIFECYCLES,
    })).filter((row) => row.count > 0).sort((a, b) => b.ms - a.ms || b.count - a.count);
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const timed = rows.some((row) => row.ms > 0);
    const ms = rows.reduce((sum, row) => sum + row.ms, 0);
    console.log(`${total.toFixed(1)} SQL statements per lifecycle${timed ? `, ${ms.toFixed(1)} ms of SQLite time` : ''}, ${(latencies.requests / LIFECYCLES).toFixed(1)} requests per lifecycle`);
    console.log(`${'count'.padStart(6)}${timed ? '      ms' : ''}  statement`);
    for (const row of rows) console.log(`${row.count.toFixed(1).padStart(6)}${timed ? row.ms.toFixed(2).padStart(8) : ''}  ${row.shape}`);
  } finally {
    await servers.stop();
  }
}

main().finally(removeFreshDatabases).then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
