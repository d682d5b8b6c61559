import fs from 'node:fs';
import { processStatementCounter } from './persistence/statement-counter';

export interface ProcessProbe {
  /** process.cpuUsage() in microseconds since the process started: every thread's. */
  cpu: { user: number; system: number };
  /**
   * The main thread's share of it (Linux; null elsewhere), in microseconds at 10 ms resolution: the event loop, where
   * requests, bpmn-server's steps and SQLite's statements run, and what bounds one process's throughput. The rest is
   * V8's helper threads (concurrent garbage collection, compilation) and libuv's pool (the log's sync, checkpoints).
   */
  mainThreadCpuMicros: number | null;
  rssBytes: number;
  /** The part of RSS that is files mapped into memory (Linux; null elsewhere): the node binary and its libraries. */
  rssFileBytes: number | null;
  /** SQL statements sent since start; null unless SQL_STATEMENT_COUNT=1. */
  sqlStatements: number | null;
  /** V8 heap in use; after a full collection when the probe asked for one (message "probe-gc", node --expose-gc). */
  heapUsedBytes: number;
  /** Statement shapes, their counts and their SQLite time in µs when SQL_STATEMENT_PROFILE=1. */
  sqlProfile?: [string, number, number][];
}

/**
 * For `npm run bench`, which starts this process with an IPC channel and BENCH_PROBE=1: answers each "probe"
 * message with the process's CPU time, RSS, heap and SQL statement count ("probe-gc" collects garbage first, for the
 * soak's retained memory), so the benchmark measures the server
 * from outside without an HTTP route for it.
 */
export function answerBenchProbes(): void {
  if (!process.send || process.env.BENCH_PROBE !== '1') return;
  process.on('message', (message) => {
    if (message !== 'probe' && message !== 'probe-gc') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message === 'probe-gc' && gc) gc();
    const memory = process.memoryUsage();
    const probe: ProcessProbe = { cpu: process.cpuUsage(), mainThreadCpuMicros: mainThreadCpuMicros(), rssBytes: memory.rss, rssFileBytes: mappedFileBytes(), heapUsedBytes: memory.heapUsed, sqlStatements: processStatementCounter?.statements ?? null, sqlProfile: processStatementCounter?.profile };
    process.send?.({ probe });
  });
  process.channel?.unref();
}

function mainThreadCpuMicros(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s (USER_HZ)
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

function mappedFileBytes(): number | null {
  try {
    const match = /^RssFile:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
