import { randomUUID } from 'node:crypto';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { OutboxChannel, OutboxRow } from '../../persistence/entities/notifications';
import { NotificationRepository } from '../../persistence/repositories/notification-repository';
import { ChannelSender, robotSender, smtpSender, webhookSender } from './channels';
import { NotificationConfig } from '../../engine/notifications/notification-config';

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers the outbox. Each message is first claimed (`sending`, with a lease) in its own transaction, then
 * sent, then marked `sent`. A worker that dies mid-delivery leaves a lease that runs out; another worker then
 * retries the message (mail keeps its Message-ID). Failures back off exponentially up to `maxAttempts`.
 */
export class NotificationWorker {
  private readonly senders: Partial<Record<OutboxChannel, ChannelSender>> = {};
  private readonly closers: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: NotificationConfig,
    readonly workerId = `notify-${process.pid}-${randomUUID().slice(0, 8)}`,
  ) {
    if (config.smtp) {
      const smtp = smtpSender(config.smtp);
      this.senders.email = smtp.send;
      this.closers.push(smtp.close);
    }
    if (config.webhook.url) this.senders.webhook = webhookSender(config.webhook, () => clock.now());
    if (config.robots) this.senders.robot = robotSender(config.robots, config.webhook.timeoutMs, () => clock.now());
  }

  /** Claims up to a batch of due messages for this worker. */
  async claimDue(): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.delivery.leaseMs);
    const ids = await this.db.read((m) => new NotificationRepository(m).dueIds(now, this.config.delivery.batchSize));
    const claimed: OutboxRow[] = [];
    for (const id of ids) {
      const row = await this.db.transaction((m) => new NotificationRepository(m).claim(id, this.workerId, now, leaseUntil));
      if (row) claimed.push(row);
    }
    return claimed;
  }

  /** Sends messages this worker claimed, unless its lease was taken over meanwhile. */
  async deliverClaimed(rows: OutboxRow[]): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
    for (const row of rows) {
      const stillMine = await this.db.read((m) => new NotificationRepository(m).holdsLease(row.id, this.workerId, this.clock.now()));
      if (!stillMine) continue;
      try {
        const send = this.senders[row.channel];
        if (!send) throw new Error(`Channel ${row.channel} is not configured`);
        await send(row);
        await this.db.transaction((m) => new NotificationRepository(m).markSent(row.id, this.workerId, this.clock.now()));
        report.sent += 1;
      } catch (error) {
        const retryAt = this.retryAt(row.attempts);
        await this.db.transaction((m) => new NotificationRepository(m).markAttemptFailed(row.id, this.workerId, (error as Error).message ?? String(error), retryAt));
        if (retryAt) report.retrying += 1; else report.failed += 1;
      }
    }
    return report;
  }

  /** One round: claim what is due and deliver it. Tests call this instead of waiting for the poller. */
  async deliverDue(): Promise<DeliveryReport> {
    return this.deliverClaimed(await this.claimDue());
  }

  /**
   * Delivers at once, then every `pollIntervalMs`; while rounds come back full and deliver, the next follows at once,
   * so a burst is not held to one batch per interval. Rounds that only fail (a mail server down) wait the interval.
   */
  start(onError: (error: unknown) => void = () => undefined): void {
    if (this.timer) return;
    const { batchSize, pollIntervalMs } = this.config.delivery;
    const tick = () => {
      let more = false;
      this.running = this.claimDue()
        .then(async (claimed) => {
          const report = await this.deliverClaimed(claimed);
          more = claimed.length >= batchSize && report.sent > 0;
        })
        .catch(onError)
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, more ? 0 : pollIntervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    for (const close of this.closers) close();
  }

  /** Exponential backoff after the n-th failed attempt; null once attempts are used up. */
  private retryAt(attempts: number): Date | null {
    const { maxAttempts, baseBackoffMs, maxBackoffMs } = this.config.delivery;
    if (attempts >= maxAttempts) return null;
    const delay = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1));
    return new Date(this.clock.now().getTime() + delay);
  }
}
