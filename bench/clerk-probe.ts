/**
 * What a clerk sees of `GET /tasks` while the benchmark's load runs, measured apart from the load client: the load
 * client's own event-loop delay is part of every latency it measures, and a clerk's browser has none of that. A
 * separate process asks for one user's task list about every 100 ms, and in between for the answer of a trivial
 * HTTP server in a process of its own: on a machine whose cores the server, the load client and the
 * database share, that second figure is what the machine adds to any service on it, whatever the service does.
 */
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { percentile } from './stats';

const CHILD = path.join(__dirname, 'clerk-probe-child.cjs');
/** Between two requests of the probe (alternating targets): about 1 % of the server's CPU at the benchmark's rates. */
const INTERVAL_MS = 50;
/** Plain node (the benchmark itself runs under ts-node, which fork would otherwise start again for each child). */
const CHILD_OPTIONS = { execPath: process.execPath, execArgv: [], stdio: 'ignore' as const };

export interface ProbeLatency { count: number; p50: number; p99: number }

export interface ClerkProbeResult {
  /** GET /tasks as the clerk's own client saw it. */
  tasks: ProbeLatency;
  /** The trivial server on the same machine meanwhile. */
  trivial: ProbeLatency;
}

function message<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('exit', (code) => reject(new Error(`clerk probe process exited (${code}) before answering`)));
  });
}

function summary(values: number[]): ProbeLatency {
  return { count: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99) };
}

/** Starts probing `taskListUrl` with `token` (and the trivial server); `stop` ends both processes and reports. */
export async function startClerkProbe(taskListUrl: string, token: string): Promise<{ stop: () => Promise<ClerkProbeResult> }> {
  const server = fork(CHILD, ['serve'], CHILD_OPTIONS);
  const { port } = await message<{ port: number }>(server);
  const probe = fork(CHILD, ['probe', String(INTERVAL_MS), `tasks=${taskListUrl}|${token}`, `trivial=http://127.0.0.1:${port}/`], CHILD_OPTIONS);
  // Listened for from the start: a probe that fails answers (and exits) before it is told to stop.
  const answer = message<{ samples?: Record<string, number[]>; error?: string }>(probe);
  answer.catch(() => undefined);
  return {
    stop: async () => {
      if (probe.connected) probe.send('stop');
      if (server.connected) server.send('stop');
      const { samples, error } = await answer;
      if (!samples) throw new Error(`clerk probe failed: ${error}`);
      return { tasks: summary(samples.tasks), trivial: summary(samples.trivial) };
    },
  };
}
