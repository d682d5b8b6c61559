/**
 * What a benchmark run sees besides the client's latencies: the load client's own share of the machine (it runs on
 * the same cores, and its event-loop delay is part of every latency it measures) and the server's own view of a
 * route's latency, from the request histogram of its /metrics (which starts when the request is read, so the
 * difference to the client's figure is queueing before that and the client itself).
 */
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface ClientLoad {
  cpuMs: number;
  /** Event-loop delay of the load client, ms. */
  loopDelayP99: number;
}

/** Starts watching the load client (this process); `stop` says what it used meanwhile. */
export function watchClient(): { stop: () => ClientLoad } {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  return {
    stop: () => {
      delay.disable();
      const cpu = process.cpuUsage(cpuBefore);
      return { cpuMs: (cpu.user + cpu.system) / 1000, loopDelayP99: delay.percentile(99) / 1e6 };
    },
  };
}

/** GET /metrics of each server (loopback callers may read it). */
export async function scrapeMetrics(baseUrls: string[]): Promise<string[]> {
  return Promise.all(baseUrls.map(async (url) => (await fetch(`${url}/metrics`)).text()));
}

export interface ServerLatency {
  count: number;
  /** Upper bound of the histogram bucket holding the 99th percentile, ms (Infinity above the highest bucket). */
  p99AtMostMs: number;
  /** Share of the requests the server answered within `withinMs`. */
  shareWithin: number;
}

/** Cumulative bucket counts of one route, summed over statuses and servers: upper bound (s) → count. */
function buckets(scrapes: string[], method: string, route: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const text of scrapes) {
    for (const line of text.split('\n')) {
      if (!line.startsWith('http_request_duration_seconds_bucket{')) continue;
      const labels = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
      if (!labels.includes(`method="${method}"`) || !labels.includes(`route="${route}"`)) continue;
      const le = /le="([^"]+)"/.exec(labels)![1];
      const bound = le === '+Inf' ? Infinity : Number(le);
      counts.set(bound, (counts.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  }
  return counts;
}

/** The server-side latency of a route between two scrapes of the same servers. */
export function serverLatency(before: string[], after: string[], method: string, route: string, withinMs: number): ServerLatency {
  const start = buckets(before, method, route);
  const end = buckets(after, method, route);
  const bounds = [...end.keys()].sort((a, b) => a - b);
  const inRun = (bound: number) => (end.get(bound) ?? 0) - (start.get(bound) ?? 0);
  const count = inRun(Infinity);
  const p99Bound = bounds.find((bound) => inRun(bound) >= 0.99 * count) ?? Infinity;
  const within = bounds.filter((bound) => bound * 1000 <= withinMs).pop();
  return { count, p99AtMostMs: p99Bound * 1000, shareWithin: count === 0 || within === undefined ? NaN : inRun(within) / count };
}
