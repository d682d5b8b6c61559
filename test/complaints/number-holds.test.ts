import { Database } from '../../src/persistence/database';
import { holdNumber, keepNumber, NumberSequence, releaseNumber, takeNumberWithin } from '../../src/persistence/number-holds';
import { openTestDatabase } from '../support/database';

const HOLD_MS = 10 * 60_000;
const at = new Date('2026-11-23T01:00:00Z');
const sequence = (dept: string, year: number): NumberSequence => ({
  name: `complaint:${dept}:${year}`, counter: { table: 'complaint_sequence', key: { dept_code: dept, year }, column: 'next_seq' },
});

describe('numbers taken before their registration (number holds)', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await openTestDatabase()));
  afterEach(async () => dispose());

  const take = (dept: string, year: number, now = at) => db.transaction((m) => holdNumber(m, sequence(dept, year), now, HOLD_MS));
  const keep = (dept: string, year: number, seq: number) => db.transaction((m) => keepNumber(m, sequence(dept, year).name, seq));
  const release = (dept: string, year: number, seq: number) => db.transaction((m) => releaseNumber(m, sequence(dept, year).name, seq));

  test('Given takes in two departments and two years, then each sequence counts on its own from 1', async () => {
    expect([await take('KF', 2026), await take('KF', 2026), await take('YW', 2026), await take('KF', 2027)]).toEqual([1, 2, 1, 1]);
  });

  test('Given a number given back by a failed registration, then the next registration gets it; a kept number is never handed out again', async () => {
    const first = await take('KF', 2026);
    const second = await take('KF', 2026);
    await keep('KF', 2026, second);
    await release('KF', 2026, first);
    expect(await take('KF', 2026)).toBe(first);
    expect(await take('KF', 2026)).toBe(3);
  });

  test('Given a hold whose registration never ended (the process died), then it is taken again once it expired, not before', async () => {
    expect(await take('KF', 2026)).toBe(1);
    expect(await take('KF', 2026, new Date(at.getTime() + HOLD_MS - 1000))).toBe(2);
    expect(await take('KF', 2026, new Date(at.getTime() + HOLD_MS + 1000))).toBe(1);
  });

  test('Given 20 registrations at once where every fourth fails and gives its number back, then no number is kept twice and the next ones fill exactly the gaps', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const seq = await take('KF', 2026);
      if (i % 4 === 3) {
        await release('KF', 2026, seq);
        return { seq, kept: false };
      }
      await keep('KF', 2026, seq);
      return { seq, kept: true };
    }));
    const kept = outcomes.filter((o) => o.kept).map((o) => o.seq);
    expect(new Set(kept).size).toBe(15);
    // A number given back while others were still taking may already have been taken again; the rest wait for the next takers.
    const highest = Math.max(...outcomes.map((o) => o.seq));
    const gaps = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !kept.includes(n));
    const refill: number[] = [];
    for (const _ of gaps) {
      const seq = await take('KF', 2026);
      await keep('KF', 2026, seq);
      refill.push(seq);
    }
    expect(refill).toEqual(gaps);
    expect([...kept, ...refill].sort((a, b) => a - b)).toEqual(Array.from({ length: highest }, (_, i) => i + 1));
    expect(await take('KF', 2026)).toBe(highest + 1);
  });
});

describe('numbers taken inside the registration that uses them (SQLite, whose writes run one at a time)', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await openTestDatabase()));
  afterEach(async () => dispose());

  const within = (dept: string, now = at) => db.transaction((m) => takeNumberWithin(m, sequence(dept, 2026), now));
  const hold = (dept: string, now = at) => db.transaction((m) => holdNumber(m, sequence(dept, 2026), now, HOLD_MS));

  test('Given a registration that rolls back after taking its number, then the next one gets that number', async () => {
    expect(await within('KF')).toBe(1);
    await expect(db.transaction(async (m) => {
      expect(await takeNumberWithin(m, sequence('KF', 2026), at)).toBe(2);
      throw new Error('the process could not start');
    })).rejects.toThrow('could not start');
    expect([await within('KF'), await within('KF'), await within('YW')]).toEqual([2, 3, 1]);
  });

  test('Given holds left by numbers taken ahead (another process), then given-back and expired ones are used first, a live one never', async () => {
    const [given, live, expired] = [await hold('KF'), await hold('KF', new Date(at.getTime() + HOLD_MS)), await hold('KF')];
    await db.transaction((m) => releaseNumber(m, sequence('KF', 2026).name, given));
    const later = new Date(at.getTime() + HOLD_MS + 1000); // the first and third holds have expired, the second not
    expect([await within('KF', later), await within('KF', later), await within('KF', later)]).toEqual([given, expired, 4]);
    expect(live).toBe(2);
    // The reused numbers are the registrations' now: no hold of theirs is handed out again.
    expect(await hold('KF', new Date(later.getTime() + HOLD_MS * 3))).toBe(live);
    expect(await within('KF', later)).toBe(5);
  });
});
