import { serverLatency } from '../../bench/observers';

/** A /metrics text with GET /tasks answered `counts` times by status, cumulatively per bucket bound. */
function scrape(buckets: Record<string, number>, status = '200'): string {
  return Object.entries(buckets)
    .map(([le, n]) => `http_request_duration_seconds_bucket{le="${le}",method="GET",route="/tasks",status="${status}"} ${n}`)
    .concat(['http_request_duration_seconds_bucket{le="0.005",method="POST",route="/tasks",status="200"} 999'])
    .join('\n');
}

describe('the benchmark\'s server-side latency', () => {
  it('counts only the requests of the run, over every status and server, and names the bucket of the p99', () => {
    const before = [scrape({ '0.0025': 50, '0.005': 90, '0.01': 100, '0.02': 100, '+Inf': 100 })];
    const after = [
      scrape({ '0.0025': 500, '0.005': 880, '0.01': 1090, '0.02': 1099, '+Inf': 1100 }),
      scrape({ '0.0025': 0, '0.005': 0, '0.01': 0, '0.02': 0, '+Inf': 0 }, '404'),
    ];

    const latency = serverLatency(before, after, 'GET', '/tasks', 10);

    expect(latency.count).toBe(1000);
    expect(latency.shareWithin).toBeCloseTo(0.99);
    expect(latency.p99AtMostMs).toBe(10);
  });

  it('says the p99 is above every bucket when it is', () => {
    const after = [scrape({ '0.005': 10, '5': 50, '+Inf': 100 })];
    expect(serverLatency([''], after, 'GET', '/tasks', 10).p99AtMostMs).toBe(Infinity);
  });
});
