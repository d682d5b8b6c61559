/**
 * `urgent`: a write someone waits for with a customer on the line (registering a complaint). It goes before the
 * queued normal ones (unless they waited URGENT_OVERTAKE_LIMIT_MS), after any urgent one queued earlier; normal writes
 * keep their order among themselves.
 */
export type WriteUrgency = 'urgent' | 'normal';

/**
 * How long a normal write may wait before urgent ones stop going ahead of it. Under load normal writes wait a few
 * hundred milliseconds; a steady stream of registrations may delay completions and due timers, never stop them.
 */
export const URGENT_OVERTAKE_LIMIT_MS = 2000;

interface Turn<T> {
  value: T;
  urgent: boolean;
  queuedAt: number;
}

/**
 * The order in which waiting write transactions take their turn: first come, first served, except that an urgent
 * write goes before the normal writes queued after the last urgent one, unless they have waited `overtakeLimitMs`.
 */
export class WriteTurns<T> {
  private readonly turns: Turn<T>[] = [];

  constructor(private readonly overtakeLimitMs = URGENT_OVERTAKE_LIMIT_MS, private readonly clock: () => number = () => performance.now()) {}

  get length(): number {
    return this.turns.length;
  }

  push(value: T, urgency: WriteUrgency): void {
    const now = this.clock();
    const turn = { value, urgent: urgency === 'urgent', queuedAt: now };
    let at = this.turns.length;
    if (turn.urgent) {
      // Normal writes are queued in the order they came, so the ones that waited too long are all in front.
      while (at > 0 && !this.turns[at - 1].urgent && now - this.turns[at - 1].queuedAt < this.overtakeLimitMs) at--;
    }
    this.turns.splice(at, 0, turn);
  }

  shift(): T | undefined {
    return this.turns.shift()?.value;
  }
}

/**
 * MySQL's transaction slots: at most as many write transactions at once as it is built with; the others wait their
 * turn (WriteTurns).
 */
export class WriteSlots {
  private readonly waiting = new WriteTurns<() => void>();

  /** `free`: how many slots there are, all free at first. */
  constructor(private free: number) {}

  async run<T>(work: () => Promise<T>, urgency: WriteUrgency): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve, urgency));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in turn, so a newcomer cannot take it first.
      const next = this.waiting.shift();
      if (next) next(); else this.free++;
    }
  }
}
