/**
 * `npm run bench:routes [-- --lifecycles N]`: the server CPU of each route of a lifecycle. One compiled server on a
 * fresh SQLite file, one client driving N whole lifecycles (default 60) one request at a time, and around every
 * request the server's CPU time read through its probe (the probe's own cost, the median of back-to-back probes, subtracted). With one
 * request in flight, the CPU between two probes is that request's, plus whatever the server did in the background
 * meanwhile (timers, the notification worker): a split of the lifecycle's CPU by route, not a latency.
 */
import { numberArgument } from './arguments';
import { freshSqlite, removeFreshDatabases } from './databases';
import { LoadClient } from './load-client';
import { startServers } from './servers';
import { Latencies, percentile } from './stats';

const WARMUP_LIFECYCLES = 30;
const PROBE_SAMPLES = 50;
const SETTLE_MS = 2000;

/** Server CPU per route, timed around each call of a load client. */
class RouteCpuClient extends LoadClient {
  readonly byRoute = new Map<string, { calls: number; micros: number }>();

  constructor(base: LoadClient, private readonly serverCpu: () => Promise<number>, private readonly probeMicros: number) {
    super(base.baseUrls, base.users, base.latencies);
  }

  override async call<T>(method: string, path: string, user: LoadClient['users'][number], body: unknown, route: string, headers: Record<string, string> = {}): Promise<T> {
    const before = await this.serverCpu();
    const result = await super.call<T>(method, path, user, body, route, headers);
    const spent = (await this.serverCpu()) - before - this.probeMicros;
    const entry = this.byRoute.get(route) ?? { calls: 0, micros: 0 };
    entry.calls += 1;
    entry.micros += spent;
    this.byRoute.set(route, entry);
    return result;
  }
}

async function main() {
  const lifecycles = numberArgument('--lifecycles', 60);
  const servers = await startServers({ dbUrl: freshSqlite('routes'), count: 1, firstPort: Number(process.env.BENCH_PORT ?? 3975) });
  try {
    const warmup = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    for (let i = 0; i < WARMUP_LIFECYCLES; i++) await warmup.lifecycle(i);
    const serverCpu = async () => { const [probe] = await servers.probe(); return probe.cpu.user + probe.cpu.system; };
    // The probe's own cost: the median of back-to-back probes once the warm-up's background work has settled.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const gaps: number[] = [];
    let previous = await serverCpu();
    for (let i = 0; i < PROBE_SAMPLES; i++) {
      const now = await serverCpu();
      gaps.push(now - previous);
      previous = now;
    }
    const probeMicros = percentile(gaps, 0.5);
    const client = new RouteCpuClient(warmup, serverCpu, probeMicros);
    for (let i = 0; i < lifecycles; i++) await client.lifecycle(WARMUP_LIFECYCLES + i);
    console.log(`Server CPU by route over ${lifecycles} lifecycles, one request at a time (a probe costs ${(probeMicros / 1000).toFixed(3)} ms, subtracted):`);
    let total = 0;
    for (const { micros } of client.byRoute.values()) total += micros;
    for (const [route, { calls, micros }] of [...client.byRoute].sort((a, b) => b[1].micros - a[1].micros)) {
      console.log(`  ${route.padEnd(26)} ${(calls / lifecycles).toFixed(1).padStart(4)} per lifecycle  ${(micros / calls / 1000).toFixed(2).padStart(6)} ms each  `
        + `${(micros / lifecycles / 1000).toFixed(1).padStart(6)} ms per lifecycle (${((100 * micros) / total).toFixed(0)} %)`);
    }
    console.log(`  ${'all'.padEnd(26)} ${(total / lifecycles / 1000).toFixed(1)} ms per lifecycle`);
  } finally {
    await servers.stop();
    await removeFreshDatabases();
  }
}

main().then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
