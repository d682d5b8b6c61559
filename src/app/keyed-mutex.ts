import { Mutex } from 'async-mutex';

/** One mutex per key, kept only while someone holds or waits for it. */
export class KeyedMutex {
  private readonly entries = new Map<string, { mutex: Mutex; users: number }>();

  async runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.entries.set(key, entry);
    }
    entry.users++;
    try {
      return await entry.mutex.runExclusive(work);
    } finally {
      if (--entry.users === 0) this.entries.delete(key);
    }
  }

  /** Keys held or waited for right now. */
  get size(): number {
    return this.entries.size;
  }
}
