/**
 * Replaces bpmn-server's Logger, which keeps every message forever (an unbounded array) and prints to the console.
 * This one keeps the last `capacity` entries for diagnostics, prints only when asked to, and rethrows errors
 * unchanged so our typed errors (ConflictError …) survive bpmn-server's `logger.error(exc)` calls.
 */
export interface LogEntry {
  date: Date;
  message: string;
  type: string;
  level: number;
}

export class BoundedLogger {
  private readonly entries: LogEntry[] = [];
  private start = 0;
  level = 0;
  toConsole: boolean;

  constructor(private readonly capacity = 200, toConsole = process.env.ENGINE_LOG === '1') {
    this.toConsole = toConsole;
  }

  private msg(args: unknown[], type: string): LogEntry {
    const entry = new LazyEntry(args, type, this.level);
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else {
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
    if (this.toConsole) console.log(`[engine:${type}] ${entry.message}`);
    return entry;
  }

  /** Most recent entries, oldest first. */
  get(): LogEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
    this.start = 0;
  }

  setOptions(): void {}
  log(...args: unknown[]) { return this.msg(args, 'log'); }
  info(...args: unknown[]) { return this.msg(args, 'info'); }
  debug(...args: unknown[]) { return this.msg(args, 'debug'); }
  warn(...args: unknown[]) { return this.msg(args, 'warn'); }
  logS(...args: unknown[]) { const e = this.log(...args); this.level++; return e; }
  logE(...args: unknown[]) { const e = this.log(...args); this.level--; return e; }
  reportError(err: unknown) { this.msg([err instanceof Error ? err.stack ?? err.message : String(err)], 'error'); }

  error(err: unknown): never {
    this.reportError(err);
    throw err instanceof Error ? err : new Error(String(err));
  }

  async save(): Promise<void> {}
  async saveForInstance(): Promise<void> {}
}

/**
 * bpmn-server logs every step, and almost nothing reads the log: the message is formatted when read. Objects are
 * formatted as they are then (the ring holds at most `capacity` entries, so what it keeps alive is bounded).
 */
class LazyEntry implements LogEntry {
  private readonly at = Date.now(); // a Date object per step showed in the profile; it is made when read
  private text: string | undefined;

  constructor(private args: unknown[] | null, readonly type: string, readonly level: number) {}

  get date(): Date {
    return new Date(this.at);
  }

  get message(): string {
    if (this.text === undefined) {
      this.text = (this.args ?? []).map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
      this.args = null;
    }
    return this.text;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
