import fs from 'node:fs';

/**
 * Makes SQLite's committed transactions durable without blocking the event loop. The writing connection runs with
 * `synchronous=NORMAL`, where a COMMIT only writes its frames to the write-ahead log and SQLite syncs the log before
 * each checkpoint (so the database stays consistent); this class then syncs the log file itself on libuv's thread
 * pool. A transaction whose `sync()` has resolved is as durable as with `synchronous=FULL`, whose COMMIT calls the
 * same fdatasync, but synchronously, on the one thread that also serves every request.
 *
 * Syncs are shared: `sync()` resolves after one fdatasync that started after the call, so callers that arrive
 * while one is running all wait for the next one, and one sync covers them all (the log is written in order).
 */
export class WalSync {
  private inFlight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private file: Promise<fs.promises.FileHandle> | null = null;

  /** `datasync` is replaceable for tests; by default it syncs the data of `walPath`. */
  constructor(private readonly walPath: string, private readonly datasync: () => Promise<void> = () => this.syncFile()) {}

  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.launch();
    // The running sync may have started before the caller's commit wrote its frames: wait for the next one.
    this.queued = this.inFlight.then(noop, noop).then(() => {
      this.queued = null;
      return this.launch();
    });
    return this.queued;
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    if (file) await (await file.catch(() => null))?.close();
  }

  private launch(): Promise<void> {
    const run: Promise<void> = this.datasync().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async syncFile(): Promise<void> {
    // SQLite keeps the log file (the same inode) while any connection is open, so one descriptor serves for good.
    this.file ??= fs.promises.open(this.walPath, 'r');
    const file = this.file;
    try {
      await (await file).datasync();
    } catch (error) {
      if (this.file === file) this.file = null; // opened too early or closed: open it again next time
      throw error;
    }
  }
}

function noop(): void {}
