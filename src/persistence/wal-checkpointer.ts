import { Worker } from 'node:worker_threads';

/**
 * Where the writing connection checkpoints the log itself (SQLite's `wal_autocheckpoint`, in pages) while a
 * WalCheckpointer runs: only when the checkpointer has fallen this far behind or is gone, so the log stays bounded.
 */
export const WRITER_CHECKPOINT_PAGES = 10_000;
/** Commits between two checkpoints; a commit writes some tens of pages, SQLite's own default is 1,000 pages. */
export const COMMITS_PER_CHECKPOINT = 50;

/** What one `PRAGMA wal_checkpoint(PASSIVE)` reported. */
export interface CheckpointResult {
  busy: number;
  /** Frames in the log. */
  log: number;
  /** Frames of it now in the database file. */
  checkpointed: number;
}

// Runs in the worker: its own connection to the file, used for nothing but checkpoints.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') { db.close(); parentPort.close(); return; }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * Checkpoints SQLite's write-ahead log on a worker thread. By default the connection whose COMMIT takes the log
 * past 1,000 pages copies them into the database file and syncs it, synchronously, on the thread that serves
 * every request; here the writer commits only, and every COMMITS_PER_CHECKPOINT commits a worker thread with its
 * own connection runs a PASSIVE checkpoint, which waits for no one and is waited for by no one. Should the worker
 * fail, the writer's own checkpoints at WRITER_CHECKPOINT_PAGES keep the log bounded.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** Who waits for the checkpoints posted to the worker, in order (it answers them in order). */
  private readonly settlers: Array<(outcome: { result?: CheckpointResult; error?: Error }) => void> = [];
  /** The checkpoint posted last, settled either way; once it is, so are all before it. */
  private lastPosted: Promise<unknown> = Promise.resolve();
  private commits = 0;
  private stopped = false;

  constructor(file: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (message: { result?: CheckpointResult; error?: string }) => {
      this.settlers.shift()?.(message.result ? { result: message.result } : { error: new Error(message.error ?? 'The checkpoint failed') });
    });
    this.worker.on('error', (error: unknown) => this.stop(new Error(`The checkpoint worker failed: ${(error as { message?: string; code?: string })?.message ?? (error as { code?: string })?.code ?? String(error)}`)));
    this.worker.on('exit', () => this.stop(new Error('The checkpoint worker has stopped')));
  }

  /** Called after each commit: every COMMITS_PER_CHECKPOINT commits, a checkpoint is started unless one is running. */
  committed(): void {
    if (++this.commits < COMMITS_PER_CHECKPOINT || this.settlers.length > 0 || this.stopped) return;
    this.commits = 0;
    this.checkpoint().catch(() => undefined); // the writer's own checkpoints are the fallback
  }

  /** Runs one checkpoint now. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.stopped) return Promise.reject(new Error('The checkpoint worker has stopped'));
    const run = new Promise<CheckpointResult>((resolve, reject) => {
      this.settlers.push(({ result, error }) => (result ? resolve(result) : reject(error)));
      this.worker.postMessage('checkpoint');
    });
    this.lastPosted = run.catch(() => undefined);
    return run;
  }

  /** Lets a running checkpoint finish, then closes the worker's connection and ends the worker. */
  async close(): Promise<void> {
    await this.lastPosted;
    if (!this.stopped) {
      this.stopped = true;
      this.worker.ref(); // otherwise a process with nothing else to do would end before its close finishes
      this.worker.postMessage('close');
    }
    await this.exited;
  }

  private stop(error: Error): void {
    this.stopped = true;
    for (const settle of this.settlers.splice(0)) settle({ error });
  }
}
