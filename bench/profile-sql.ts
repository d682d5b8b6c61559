/**
 * `npm run bench:sql [-- mariadb]`: which SQL statements one whole complaint lifecycle sends. Starts one compiled
 * server with the statement profile on, drives lifecycles over HTTP as `npm run bench` does, and prints each
 * statement shape with its count per lifecycle, most frequent first.
 */
import { freshMariaDb, freshSqlite } from './databases';
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
    const earlier = new Map(before.sqlProfile ?? []);
    const rows = (after.sqlProfile ?? []).map(([shape, count]) => [shape, (count - (earlier.get(shape) ?? 0)) / LIFECYCLES] as const)
      .filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    console.log(`${total.toFixed(1)} SQL statements per lifecycle, ${(latencies.requests / LIFECYCLES).toFixed(1)} requests per lifecycle`);
    for (const [shape, n] of rows) console.log(`${n.toFixed(1).padStart(6)}  ${shape}`);
  } finally {
    await servers.stop();
  }
}

main().then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
