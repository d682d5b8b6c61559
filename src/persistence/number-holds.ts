import { EntityManager } from 'typeorm';
import { NumberHoldRow } from './entities/complaint';
import { bumpLockedCounter, CounterRow, lockCounter } from './sequences';

/**
 * Gap-free numbers taken in a short transaction of their own, before the (long) transaction that uses them,
 * so that the sequence row is locked for a few statements instead of for a whole registration:
 *
 * 1. `holdNumber` (own transaction): under the counter row's lock, the lowest released or expired hold is taken
 *    again, or else the counter moves on and a new hold is written.
 * 2. The using transaction calls `keepNumber`: the hold is deleted with its commit, so a number is only ever on
 *    a committed record.
 * 3. When that transaction fails, `releaseNumber` (own transaction) frees the hold for the next taker. A process
 *    that dies in between leaves a hold that expires after `holdMs` and is then taken again.
 *
 * So no number is lost (each is either on a record or held for the next one) and none is used twice (the record's
 * unique number refuses a second commit, should an expired hold be taken while its first taker still runs).
 * Numbers stay gap-free; a number given back is reused, so it can be a little older than its neighbours.
 */
export interface NumberSequence {
  /** The counter row: its column holds the next number never handed out yet (created at 1). */
  counter: Omit<CounterRow, 'firstValue'>;
  /** Names the sequence in number_hold, e.g. `complaint:KF:2026`. */
  name: string;
}

export async function holdNumber(manager: EntityManager, sequence: NumberSequence, now: Date, holdMs: number): Promise<number> {
  const heldUntil = new Date(now.getTime() + holdMs);
  const holds = manager.getRepository(NumberHoldRow);
  const { free, next } = await lockCounterAndFindFreeHold(manager, sequence, now);
  if (free !== null) {
    await holds.update({ sequenceName: sequence.name, seq: free }, { released: false, heldUntil });
    return free;
  }
  const seq = await handOut(manager, sequence, next);
  await holds.insert({ sequenceName: sequence.name, seq, heldUntil, released: false });
  return seq;
}

/**
 * The alternative to a hold where write transactions run one at a time anyway (SQLite locks the whole database
 * for each): the number is taken inside the transaction that puts it on its record, so a rollback returns it and
 * the registration waits for the writer once instead of twice. A number given back or left expired by a hold (another
 * process, an earlier version) is used first, so the sequence stays gap-free whichever way its numbers were taken.
 */
export async function takeNumberWithin(manager: EntityManager, sequence: NumberSequence, now: Date): Promise<number> {
  const { free, next } = await lockCounterAndFindFreeHold(manager, sequence, now);
  if (free === null) return handOut(manager, sequence, next);
  await keepNumber(manager, sequence.name, free);
  return free;
}

/**
 * Creates the counter at 1 or leaves it as it is (either way its row is locked until the transaction ends), then finds
 * the lowest free hold. `next`: the counter's value, the next number never handed out.
 */
async function lockCounterAndFindFreeHold(manager: EntityManager, sequence: NumberSequence, now: Date): Promise<{ free: number | null; next: number }> {
  const next = await lockCounter(manager, { ...sequence.counter, firstValue: 1 });
  const free = await manager.getRepository(NumberHoldRow).createQueryBuilder('h').select('h.seq', 'seq')
    .where('h.sequence_name = :name AND (h.released = :released OR h.held_until < :now)', { name: sequence.name, released: true, now })
    .orderBy('h.seq', 'ASC').limit(1).getRawOne<{ seq: number | string }>();
  return { free: free ? Number(free.seq) : null, next };
}

/** Hands out `next`, the next number never handed out (read under the counter's lock): the counter moves past it. */
async function handOut(manager: EntityManager, sequence: NumberSequence, next: number): Promise<number> {
  await bumpLockedCounter(manager, sequence.counter);
  return next;
}

/** In the transaction that puts the number on its record: the hold goes with that commit. */
export async function keepNumber(manager: EntityManager, sequenceName: string, seq: number): Promise<void> {
  await manager.getRepository(NumberHoldRow).delete({ sequenceName, seq });
}

/** After the using transaction failed: the number is free for the next taker. */
export async function releaseNumber(manager: EntityManager, sequenceName: string, seq: number): Promise<void> {
  await manager.getRepository(NumberHoldRow).update({ sequenceName, seq }, { released: true });
}
