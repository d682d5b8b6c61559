import { Database } from '../../src/persistence/database';
import { holdEveryWriter, openTestDatabase } from '../support/database';

/**
 * A registration's writes are urgent (the clerk has the customer on the line): when every writer is busy, they go
 * before the completions and other writes that were waiting, on SQLite's one writer and on MySQL's transaction slots.
 */
describe('urgent writes', () => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase());
    await db.transaction((m) => m.query('CREATE TABLE urgency_probe (label VARCHAR(20) PRIMARY KEY)'));
  });
  afterAll(async () => {
    await db.transaction((m) => m.query('DROP TABLE urgency_probe'));
    await dispose();
  });

  it('Given every writer busy, then queued urgent writes run before the normal ones, each kind in the order it came', async () => {
    const { releases, done } = await holdEveryWriter(db);

    const order: string[] = [];
    const write = (label: string, urgency: 'urgent' | 'normal') => db.transaction(async (m) => {
      order.push(label);
      await m.query('INSERT INTO urgency_probe (label) VALUES (?)', [label]);
    }, urgency);
    const queued = [write('n1', 'normal'), write('n2', 'normal'), write('u1', 'urgent'), write('n3', 'normal'), write('u2', 'urgent')];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);

    // One writer comes free: the queued writes take it one after another.
    releases[0]();
    await Promise.all(queued);
    expect(order).toEqual(['u1', 'u2', 'n1', 'n2', 'n3']);
    for (const release of releases.slice(1)) release();
    await done;
    const rows: Array<{ label: string }> = await db.read((m) => m.query('SELECT label FROM urgency_probe ORDER BY label'));
    expect(rows.map((r) => r.label)).toEqual(['n1', 'n2', 'n3', 'u1', 'u2']);
  });
});
