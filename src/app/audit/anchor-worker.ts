import { Clock } from '../../engine/clock';
import { AuditIntegrityService, shanghaiDay } from './integrity-service';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes the anchor of each finished day (Asia/Shanghai) at the first tick after it ended; several servers may
 * run it, the day's primary key lets one win. Checks hourly by default.
 */
export class AnchorWorker {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly integrity: AuditIntegrityService, private readonly clock: Clock, private readonly intervalMs = 60 * 60 * 1000) {}

  /** Anchors yesterday if it is not anchored yet. */
  async tick(): Promise<void> {
    const yesterday = shanghaiDay(new Date(this.clock.now().getTime() - DAY_MS));
    await this.integrity.anchorDay(yesterday);
  }

  start(onError: (error: unknown) => void): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick().catch(onError).finally(() => { this.running = null; });
    };
    run();
    this.handle = setInterval(run, this.intervalMs);
    this.handle.unref();
  }

  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
    await this.running;
  }
}
