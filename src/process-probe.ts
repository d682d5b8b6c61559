import fs from 'node:fs';
import { processStatementCounter } from './persistence/statement-counter';

export interface ProcessProbe {
  /** process.cpuUsage() in microseconds since the process started. */
  cpu: { user: number; system: number };
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
    const probe: ProcessProbe = { cpu: process.cpuUsage(), rssBytes: memory.rss, rssFileBytes: mappedFileBytes(), heapUsedBytes: memory.heapUsed, sqlStatements: processStatementCounter?.statements ?? null, sqlProfile: processStatementCounter?.profile };
    process.send?.({ probe });
  });
  process.channel?.unref();
}

function mappedFileBytes(): number | null {
  try {
    const match = /^RssFile:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
