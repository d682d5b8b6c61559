import { EntityManager } from 'typeorm';
import { NumberHoldRow } from './entities/complaint';

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
  /** The counter row: `next` holds the next number never handed out yet. */
  counter: { table: string; key: Record<string, string | number>; next: string };
  /** Names the sequence in number_hold, e.g. `complaint:KF:2026`. */
  name: string;
}

export async function holdNumber(manager: EntityManager, sequence: NumberSequence, now: Date, holdMs: number): Promise<number> {
  const mysql = manager.connection.options.type === 'mysql';
  const q = (name: string) => (mysql ? `\`${name}\`` : `"${name}"`);
  const { table, key, next } = sequence.counter;
  const keyColumns = Object.keys(key);
  const keyValues = keyColumns.map((column) => key[column]);
  const where = keyColumns.map((column) => `${q(column)} = ?`).join(' AND ');
  const columns = [...keyColumns, next].map(q).join(', ');
  const placeholders = [...keyColumns, next].map(() => '?').join(', ');
  // Creates the counter at 1 or leaves it as it is; either way its row is now locked until this transaction ends.
  await manager.query(mysql
    ? `INSERT INTO ${q(table)} (${columns}) VALUES (${placeholders}) ON DUPLICATE KEY UPDATE ${q(next)} = ${q(next)}`
    : `INSERT INTO ${q(table)} (${columns}) VALUES (${placeholders}) ON CONFLICT (${keyColumns.map(q).join(', ')}) DO UPDATE SET ${q(next)} = ${q(next)}`,
  [...keyValues, 1]);
  const heldUntil = new Date(now.getTime() + holdMs);
  const holds = manager.getRepository(NumberHoldRow);
  const free = await holds.createQueryBuilder('h').select('h.seq', 'seq')
    .where('h.sequence_name = :name AND (h.released = :released OR h.held_until < :now)', { name: sequence.name, released: true, now })
    .orderBy('h.seq', 'ASC').limit(1).getRawOne<{ seq: number | string }>();
  if (free) {
    const seq = Number(free.seq);
    await holds.update({ sequenceName: sequence.name, seq }, { released: false, heldUntil });
    return seq;
  }
  const [row]: Array<Record<string, unknown>> = await manager.query(`SELECT ${q(next)} AS value FROM ${q(table)} WHERE ${where}`, keyValues);
  const seq = Number(row.value);
  await manager.query(`UPDATE ${q(table)} SET ${q(next)} = ${q(next)} + 1 WHERE ${where}`, keyValues);
  await holds.insert({ sequenceName: sequence.name, seq, heldUntil, released: false });
  return seq;
}

/** In the transaction that puts the number on its record: the hold goes with that commit. */
export async function keepNumber(manager: EntityManager, sequenceName: string, seq: number): Promise<void> {
  await manager.getRepository(NumberHoldRow).delete({ sequenceName, seq });
}

/** After the using transaction failed: the number is free for the next taker. */
export async function releaseNumber(manager: EntityManager, sequenceName: string, seq: number): Promise<void> {
  await manager.getRepository(NumberHoldRow).update({ sequenceName, seq }, { released: true });
}
