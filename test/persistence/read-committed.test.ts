import { Database } from '../../src/persistence/database';
import { openTestDatabase, TEST_DB } from '../support/database';

/**
 * On MySQL/MariaDB every write transaction runs at READ COMMITTED: a statement sees what other transactions committed
 * before it, even within a longer transaction (an operation that waited for an instance's lock then reads what the
 * previous holder wrote). SQLite runs write transactions one at a time, so the question does not arise there.
 */
(TEST_DB === 'mariadb' ? describe : describe.skip)('write transactions on MariaDB', () => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase());
    await db.transaction((m) => m.query('CREATE TABLE isolation_probe (id INT PRIMARY KEY, v INT NOT NULL)'));
    await db.transaction((m) => m.query('INSERT INTO isolation_probe (id, v) VALUES (1, 0)'));
  });
  afterAll(async () => {
    await db.transaction((m) => m.query('DROP TABLE isolation_probe'));
    await dispose();
  });

  const valueIn = async (m: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
    Number((await m.query('SELECT v FROM isolation_probe WHERE id = 1'))[0].v);

  it('Given a transaction that read a row, When another commits a change to it, Then its next read sees the change, on connections the pool hands out again too', async () => {
    // Round after round: the pool hands out connections it gave before, whose session was set once.
    for (let round = 1; round <= 24; round++) {
      let signalRead!: () => void;
      const firstRead = new Promise<void>((resolve) => { signalRead = resolve; });
      let otherCommitted!: () => void;
      const committed = new Promise<void>((resolve) => { otherCommitted = resolve; });
      const reader = db.transaction(async (m) => {
        const before = await valueIn(m);
        signalRead();
        await committed;
        return [before, await valueIn(m)];
      });
      await firstRead;
      await db.transaction((m) => m.query('UPDATE isolation_probe SET v = ? WHERE id = 1', [round]));
      otherCommitted();

      expect(await reader).toEqual([round - 1, round]);
    }
  });
});
