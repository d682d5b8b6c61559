import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startClerkProbe } from '../../bench/clerk-probe';
import { until } from '../support/until';

/** A stand-in for the server: answers GET /tasks to the right bearer token only. */
function fakeServer(token: string): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.statusCode = req.headers.authorization === `Bearer ${token}` ? 200 : 401;
    res.end('{"items":[]}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  })));
}

describe('the benchmark\'s clerk probe', () => {
  it('reads the task list as the clerk, in turn with a trivial server of its own, until stopped', async () => {
    const server = await fakeServer('clerk-token');
    try {
      const probe = await startClerkProbe(`${server.url}/tasks?limit=50`, 'clerk-token');
      // A loaded machine may take a while to start the probe's process. It alternates: by then the trivial server was asked twice.
      await until(() => server.seen.length >= 3, 'the probe read the task list three times', 10_000);
      const result = await probe.stop();

      expect(result.tasks.count).toBeGreaterThan(1);
      expect(result.trivial.count).toBeGreaterThan(1);
      expect(result.tasks.p99).toBeGreaterThanOrEqual(result.tasks.p50);
      expect(server.seen.length).toBe(result.tasks.count);
      expect(new Set(server.seen)).toEqual(new Set(['GET /tasks?limit=50 Bearer clerk-token']));
    } finally {
      await server.close();
    }
  });

  it('fails the run instead of reporting the latency of refused requests', async () => {
    const server = await fakeServer('clerk-token');
    try {
      const probe = await startClerkProbe(`${server.url}/tasks`, 'someone-else');
      await until(() => server.seen.length >= 1, 'the probe read the task list', 10_000);
      await expect(probe.stop()).rejects.toThrow(/401/);
    } finally {
      await server.close();
    }
  });
});
